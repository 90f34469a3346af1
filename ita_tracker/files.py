"""Files attached to the app's records are evidence, not pages of the site.

Frappe's upload (frappe.handler.upload_file) does not act on the target record's permission, its File
records may point at any stored file by URL, and a public file is served as the browser sniffs it. For
files attached to the app's records, whatever the door (upload, frappe.client.insert, an Attach field):

- only a user who may change the record attaches to it, and nobody attaches to, changes or removes the
  files of a verified step (they are as frozen as the step);
- a File may name an existing file's URL only when its author may read the record that file belongs to
  (otherwise a new File row owned by them would let them download another agency's private file);
- only documents and pictures are kept, and their content must be what their name says: nothing a
  browser would run as a page (HTML, SVG, XML, scripts) is ever served from the site.

Reading is judged by the record: `has_permission` denies a file of a record the user may not read.
"""

import os

import frappe
from frappe import _
from frappe.core.doctype.file.utils import decode_file_content

from ita_tracker.exceptions import (
	AttachmentNotPermittedError,
	FileTypeNotAllowedError,
	VerifiedStepLockedError,
)
from ita_tracker.rules.files import content_matches, is_allowed_extension
from ita_tracker.tenancy import is_agency_scoped
from ita_tracker.utils import quoted

STEP = "ITA Action Step"
VERIFIED = "Verified"


def of_app_record(file) -> bool:
	return is_agency_scoped(file.get("attached_to_doctype")) and bool(file.get("attached_to_name"))


def validate_file(file, method=None) -> None:
	"""doc_events of File (validate)."""
	if file.is_folder:
		return
	if of_app_record(file):
		validate_attaching(file)
		validate_file_type(file)
	validate_claimed_url(file)


def validate_attaching(file, user: str | None = None) -> None:
	before = file.get_doc_before_save()
	targets = {(file.attached_to_doctype, file.attached_to_name)}
	if before and of_app_record(before):
		targets.add((before.attached_to_doctype, before.attached_to_name))
	for doctype, name in sorted(targets):
		if not may_attach(doctype, name, file, user):
			frappe.throw(
				_("You may not attach files to {0} {1}.").format(_(doctype), quoted(name)),
				exc=AttachmentNotPermittedError,
				title=_("Not Permitted"),
			)
		refuse_if_verified(doctype, name, file)


def may_attach(doctype: str, name: str, file, user: str | None) -> bool:
	"""Whether `user` may attach `file` to the record: one they may change, or one not saved yet that the
	desk names for a new form (it attaches the file under that name and relinks it on save) or the app
	itself is making (a revision's copy of a step, with its files)."""
	if frappe.db.exists(doctype, name):
		return frappe.has_permission(doctype, "write", name, user=user)
	if file.flags.set_by_the_app:
		return True
	return name.startswith(f"new-{frappe.scrub(doctype).replace('_', '-')}-") and frappe.has_permission(
		doctype, "create", user=user
	)


def on_trash_file(file, method=None) -> None:
	"""doc_events of File (on_trash): a verified step's evidence stays."""
	if of_app_record(file):
		refuse_if_verified(file.attached_to_doctype, file.attached_to_name, file)
	for step in frappe.get_all(
		STEP, filters={"evidence_file": file.file_url, "status": VERIFIED}, pluck="name"
	):
		refuse_if_verified(STEP, step, file)


def refuse_if_verified(doctype: str, name: str, file) -> None:
	if doctype == STEP and frappe.db.get_value(STEP, name, "status") == VERIFIED:
		frappe.throw(
			_("Step {0} is verified: reopen it before changing its file {1}.").format(
				name, quoted(file.file_name or file.file_url)
			),
			exc=VerifiedStepLockedError,
			title=_("Step Verified"),
		)


def validate_file_type(file) -> None:
	"""Documents and pictures only, their content what their name says (rules/files.py)."""
	if file.is_remote_file:
		return
	name = file.file_name or os.path.basename(file.file_url or "")
	extension = os.path.splitext(name)[1]
	if not is_allowed_extension(extension):
		frappe.throw(
			_(
				"{0} cannot be attached: attach a document or a picture (PDF, Word, Excel, PowerPoint, JPEG, PNG...)."
			).format(quoted(name)),
			exc=FileTypeNotAllowedError,
			title=_("File Type Not Allowed"),
		)
	if not content_matches(extension, _head(file)):
		frappe.throw(
			_("The content of {0} is not a {1} file.").format(quoted(name), extension.lstrip(".").upper()),
			exc=FileTypeNotAllowedError,
			title=_("File Type Not Allowed"),
		)


def _head(file, size: int = 8192) -> bytes:
	"""The first bytes of a file's content, read without File.get_content, which would mark base64
	content as decoded before Frappe saves it."""
	if content := file.get("content"):
		content = decode_file_content(content) if file.get("decode") else content
		return (content.encode() if isinstance(content, str) else content)[:size]
	try:
		with open(file.get_full_path(), "rb") as stored:
			return stored.read(size)
	except OSError:
		# Frappe refuses a File whose file is missing (File.validate_file_on_disk).
		return b""


def validate_claimed_url(file) -> None:
	"""A File that names a stored file by its URL alone, bringing no content of its own, may name the file
	of an app record only when its author may read that record (or, the record deleted, may read nothing
	of it). An upload brings its content (has_permission saw it, before Frappe loads a named file's content
	into the document): Frappe stores identical content once, under the URL it already has, and the
	uploader had the bytes anyway. The site's Administrator may read every record, deleted ones too, and
	Frappe asks no permission hook of theirs, so nothing above says whether their File brought content."""
	if file.flags.brings_content or not file.file_url or frappe.session.user == "Administrator":
		return
	if not file.is_new() and not file.has_value_changed("file_url"):
		return
	for other in frappe.get_all(
		"File",
		filters={"file_url": file.file_url, "name": ("!=", file.name or "")},
		fields=["attached_to_doctype", "attached_to_name"],
	):
		if of_app_record(other) and not (
			frappe.db.exists(other.attached_to_doctype, other.attached_to_name)
			and frappe.has_permission(other.attached_to_doctype, "read", other.attached_to_name)
		):
			# Not named: the caller may have named the file by its record's File, never seeing its address.
			frappe.throw(
				_("This file belongs to a record you may not read."),
				exc=AttachmentNotPermittedError,
				title=_("Not Permitted"),
			)


def has_permission(doc, ptype: str, user: str) -> bool | None:
	"""has_permission of File (deny-only): a file of an app record is the record's. Frappe's own hook lets
	anyone read a public file and its uploader do anything with theirs.

	A new file is judged here as at validate, with the errors that say why: Frappe asks for "create" before
	it processes the content (File.before_insert strips a JPEG's EXIF, which fails with a 500 on a page
	named .jpg), and nothing of the app runs earlier."""
	if ptype == "create" and doc.is_new():
		doc.flags.brings_content = bool(doc.get("content"))
	if not of_app_record(doc) or user == "Administrator":
		return None
	if ptype == "create" and doc.is_new():
		validate_attaching(doc, user)
		validate_file_type(doc)
		return None
	needed = "write" if ptype in ("write", "create", "delete", "cancel", "submit") else "read"
	if not frappe.db.exists(doc.attached_to_doctype, doc.attached_to_name):
		return False
	return (
		None
		if frappe.has_permission(doc.attached_to_doctype, needed, doc.attached_to_name, user=user)
		else False
	)
