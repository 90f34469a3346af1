"""Approved plans from before the O25 printed its approval: the date of the workflow's Approved comment and
the agency's executive position, where the app holds them; otherwise the block prints a blank date line."""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Max


def execute():
	comment, plan, agency = DocType("Comment"), DocType("ITA Plan"), DocType("ITA Agency")
	approved = dict(
		frappe.qb.from_(comment)
		.select(comment.reference_name, Max(comment.creation))
		.where(comment.reference_doctype == "ITA Plan")
		.where(comment.comment_type == "Workflow")
		.where(comment.content == "Approved")
		.groupby(comment.reference_name)
		.run()
	)
	plans = (
		frappe.qb.from_(plan)
		.left_join(agency)
		.on(agency.name == plan.agency)
		.select(plan.name, agency.executive_position)
		.where(plan.approved_by.isnotnull() & (plan.approved_by != ""))
		.where(plan.approved_on.isnull())
		.run()
	)
	for name, position in plans:
		frappe.db.set_value(
			"ITA Plan",
			name,
			{
				"approved_on": frappe.utils.getdate(approved[name]) if name in approved else None,
				"approver_position": position,
			},
			update_modified=False,
		)
