"""Plans made before the field hold their assessment's key while they are not cancelled, as validate sets it."""

import frappe


def execute():
	plan = frappe.qb.DocType("ITA Plan")
	frappe.qb.update(plan).set(plan.live_assessment, plan.assessment).where(plan.docstatus < 2).run()
