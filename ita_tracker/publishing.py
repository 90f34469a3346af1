"""The public side: a published plan (and its progress report) at a stable URL, with PDFs, for
anyone; drafts, rejected plans and internal notes never."""

import frappe

PRINT_FORMATS = {"o25": "ITA O25 Plan", "o26": "ITA O26 Progress Report"}
O25_TEMPLATE = "ita_tracker/ita_tracker/print_format/ita_o25_plan/ita_o25_plan.html"


def published_plan(name: str | None) -> str:
	"""The plan named `name` if it is published; a guest learns nothing else, not even that it exists."""
	if not name or not frappe.db.exists("ITA Plan", {"name": name, "status": "Published", "docstatus": 1}):
		raise frappe.PageDoesNotExistError
	return name


@frappe.whitelist(allow_guest=True)
def download_pdf(plan: str, document: str = "o25"):
	plan = published_plan(plan)
	if document not in PRINT_FORMATS:
		raise frappe.PageDoesNotExistError
	# The plan is public once published; Frappe's print view would otherwise ask the guest for read access.
	frappe.flags.ignore_print_permissions = True
	try:
		pdf = frappe.get_print("ITA Plan", plan, PRINT_FORMATS[document], as_pdf=True)
	finally:
		frappe.flags.ignore_print_permissions = False
	frappe.local.response.filename = f"{plan}-{document.upper()}.pdf"
	frappe.local.response.filecontent = pdf
	frappe.local.response.type = "pdf"


@frappe.whitelist(allow_guest=True, methods=["GET"])
def evidence(step: str):
	"""The stable public address of a step's evidence file, printed in the O26: redirects to the file
	when the step's plan is published and the step's evidence is a public file attached to that step.
	Anything else (an unpublished plan, a private file kept by the agency, a file of another record) is
	not found, so a guest learns nothing of it."""
	row = (
		frappe.db.get_value("ITA Action Step", step, ["plan", "evidence_file"], as_dict=True)
		if step
		else None
	)
	if not row or not row.evidence_file:
		raise frappe.PageDoesNotExistError
	published_plan(row.plan)
	if not frappe.db.exists(
		"File",
		{
			"attached_to_doctype": "ITA Action Step",
			"attached_to_name": step,
			"file_url": row.evidence_file,
			"is_private": 0,
		},
	):
		raise frappe.PageDoesNotExistError
	frappe.local.response.type = "redirect"
	frappe.local.response.location = row.evidence_file


def published_plans() -> list[dict]:
	return frappe.get_all(
		"ITA Plan",
		filters={"status": "Published", "docstatus": 1},
		fields=["name", "title", "agency", "fiscal_year"],
		order_by="fiscal_year desc, agency",
	)


def render_plan(plan: str) -> str:
	return frappe.render_template(O25_TEMPLATE, {"doc": frappe.get_doc("ITA Plan", plan)})
