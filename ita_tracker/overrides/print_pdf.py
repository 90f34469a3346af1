"""The desk's PDF of the O25 and O26 (the print view's PDF button and the plan's Documents menu) drawn by the
app's PDF engine (pdf.py), so that it is the same document the public page's PDF links give. Every other
print format, of any DocType, is Frappe's own download_pdf, called unchanged."""

import frappe
from frappe.translate import print_language
from frappe.utils.print_format import download_pdf as frappe_download_pdf
from frappe.www.printview import validate_print_permission

from ita_tracker.pdf import html_to_pdf
from ita_tracker.printing import O25_FORMAT, O26_FORMAT

DOCUMENTS = {("ITA Plan", O25_FORMAT), ("ITA Plan", O26_FORMAT)}


@frappe.whitelist(allow_guest=True)
def download_pdf(
	doctype: str,
	name: str,
	format: str | None = None,
	doc: str | None = None,
	no_letterhead: int = 0,
	language: str | None = None,
	letterhead: str | None = None,
):
	if (doctype, format) not in DOCUMENTS:
		return frappe_download_pdf(doctype, name, format, doc, no_letterhead, language, letterhead)
	# The stored plan, whatever `doc` a request sends: the documents print what was saved and approved.
	plan = frappe.get_doc(doctype, name)
	validate_print_permission(plan)
	with print_language(language):
		html = frappe.get_print(
			doctype, name, format, doc=plan, no_letterhead=no_letterhead, letterhead=letterhead
		)
	frappe.local.response.filename = f"{name}.pdf".replace(" ", "-").replace("/", "-")
	frappe.local.response.filecontent = html_to_pdf(html)
	frappe.local.response.type = "pdf"
