import frappe

from ita_tracker.printing import O25_FORMAT
from ita_tracker.publishing import published_plan, render_plan

no_cache = 1


def get_context(context):
	plan = published_plan(frappe.form_dict.plan)
	context.plan = frappe.get_doc("ITA Plan", plan)
	context.title = context.plan.title
	context.content = render_plan(plan)
	context.print_css = frappe.get_cached_value("Print Format", O25_FORMAT, "css")
