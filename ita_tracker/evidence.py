"""A step's evidence, checked on the server: a link to a web page (never a script) and a file attached
to that very step; and the links to it that the documents print."""

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


def evidence_links(step) -> list[tuple[str | None, str]]:
	"""(address, label) of a step's evidence link and file, for the documents; a stored value that is
	neither a web page nor a file of the site is shown as text, without an address."""
	links = []
	if step.evidence_url:
		links.append((step.evidence_url if is_web_url(step.evidence_url) else None, step.evidence_url))
	if file_url := step.evidence_file:
		address = (
			get_url(file_url) if is_site_file_url(file_url) else file_url if is_web_url(file_url) else None
		)
		links.append((address, (address and file_url.rsplit("/", 1)[-1]) or file_url))
	return links
