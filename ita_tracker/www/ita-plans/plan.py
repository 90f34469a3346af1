"""/ita-plans/<plan>: a public plan's O25, with its PDFs. A plan cancelled for revision stays here, saying
so, until its revision is published; then its address leads to the revision (publishing.py)."""

from urllib.parse import quote

import frappe

from ita_tracker.printing import O25_FORMAT
from ita_tracker.publishing import not_public_but_replaced_by, published_plan, render_plan

no_cache = 1


def get_context(context):
	if newer := not_public_but_replaced_by(frappe.form_dict.plan):
		frappe.flags.redirect_location = f"/ita-plans/{quote(newer)}"
		raise frappe.Redirect(302)
	plan = published_plan(frappe.form_dict.plan)
	context.plan = frappe.get_doc("ITA Plan", plan)
	context.in_revision = context.plan.docstatus == 2
	context.title = context.plan.title
	context.content = render_plan(plan)
	context.print_css = frappe.get_cached_value("Print Format", O25_FORMAT, "css")
