"""A step's evidence: the links to it that the documents print."""

from frappe.utils import get_url

from ita_tracker.rules.evidence import is_site_file_url, is_web_url


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
