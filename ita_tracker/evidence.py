"""A step's evidence, checked on the server: a link to a web page (never a script) and a file attached
to that very step; and the links to it that the documents print."""

from urllib.parse import quote

import frappe
from frappe import _
from frappe.utils import get_url

from ita_tracker.exceptions import EvidenceFileNotAttachedError, InvalidEvidenceURLError
from ita_tracker.rules.evidence import is_site_file_url, is_web_url
from ita_tracker.utils import quoted


def validate_evidence(step) -> None:
	"""Checks the evidence a save sets; values stored before are only linked if they are safe to open."""
	if step.evidence_url and step.has_value_changed("evidence_url"):
		validate_evidence_url(step)
	if step.evidence_file and step.has_value_changed("evidence_file"):
		validate_evidence_file(step)


def validate_evidence_url(step) -> None:
	if not is_web_url(step.evidence_url):
		frappe.throw(
			_(
				"The evidence link {0} of step {1} is not a web address starting with http:// or https://."
			).format(quoted(step.evidence_url), step.name),
			exc=InvalidEvidenceURLError,
			title=_("Invalid Evidence Link"),
		)


def validate_evidence_file(step) -> None:
	attached_to = [step.name]
	if step.is_new() and step.get("__temporary_name"):
		# The desk attaches a file to an unsaved form under its temporary name and relinks it after insert.
		attached_to.append(step.get("__temporary_name"))
	if not frappe.db.exists(
		"File",
		{
			"file_url": step.evidence_file,
			"attached_to_doctype": step.doctype,
			"attached_to_name": ("in", attached_to),
		},
	):
		frappe.throw(
			_(
				"The evidence file {0} is not a file attached to step {1}: attach it to the step first."
			).format(quoted(step.evidence_file), step.name),
			exc=EvidenceFileNotAttachedError,
			title=_("Evidence File Not Attached"),
		)


EVIDENCE_METHOD = "/api/method/ita_tracker.publishing.evidence"


def public_evidence_files(step_names: list[str]) -> dict[tuple[str, str], bool]:
	"""{(step, file_url): is_private} of the files attached to these steps, in one query."""
	return {
		(row.attached_to_name, row.file_url): bool(row.is_private)
		for row in frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": "ITA Action Step",
				"attached_to_name": ("in", step_names or [""]),
			},
			fields=["attached_to_name", "file_url", "is_private"],
		)
	}


def private_evidence_file(step) -> str | None:
	"""The File of the step's evidence file when it is private (the documents then print it as kept by the
	agency, without a link), else None."""
	if not step.get("evidence_file") or step.is_new():
		return None
	return frappe.db.get_value(
		"File",
		{
			"file_url": step.evidence_file,
			"attached_to_doctype": step.doctype,
			"attached_to_name": step.name,
			"is_private": 1,
		},
	)


def evidence_links(step, attached: dict[tuple[str, str], bool]) -> list[tuple[str | None, str]]:
	"""(address, label) of a step's evidence link and file, for the documents. A public file attached to
	the step is linked through the stable address of the step's evidence (publishing.evidence), which the
	public can open once the plan is published; a private one is listed as kept by the agency; a stored
	value that is neither a web page nor a file of the site is shown as text, without an address."""
	links = []
	if step.evidence_url:
		links.append((step.evidence_url if is_web_url(step.evidence_url) else None, step.evidence_url))
	if file_url := step.evidence_file:
		name = file_url.rsplit("/", 1)[-1]
		private = attached.get((step.name, file_url))
		if is_site_file_url(file_url) and private is False:
			links.append((get_url(f"{EVIDENCE_METHOD}?step={quote(step.name)}"), name))
		elif is_site_file_url(file_url):
			links.append((None, _("{0} (kept by the agency)", lang="th").format(name)))
		else:
			links.append((file_url if is_web_url(file_url) else None, file_url))
	return links
