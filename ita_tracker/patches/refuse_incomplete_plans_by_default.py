"""Sites installed before ITA Settings had "Refuse Submission of Incomplete Plans" get its default (on): a
single's field never saved reads as empty, i.e. off."""

import frappe


def execute():
	Singles = frappe.qb.DocType("Singles")
	stored = (
		frappe.qb.from_(Singles)
		.select(Singles.value)
		.where((Singles.doctype == "ITA Settings") & (Singles.field == "refuse_incomplete_plans"))
		.run()
	)
	if not stored:
		frappe.db.set_single_value("ITA Settings", "refuse_incomplete_plans", 1)
