"""Plans made before `is_public`: a published plan is public, and so is a plan that was cancelled for
revision while published (its Version of the cancel names the change of status) while no revision of it is
published yet: before the field, Cancel for Revision took it off the public site."""

import json

import frappe

from ita_tracker.publishing import public_revision_of


def execute():
	plan = frappe.qb.DocType("ITA Plan")
	frappe.qb.update(plan).set(plan.is_public, 1).where(
		(plan.status == "Published") & (plan.docstatus == 1)
	).run()
	for name in frappe.get_all("ITA Plan", filters={"docstatus": 2, "is_public": 0}, pluck="name"):
		if was_cancelled_while_published(name) and not public_revision_of(name):
			frappe.db.set_value("ITA Plan", name, "is_public", 1, update_modified=False)


def was_cancelled_while_published(name: str) -> bool:
	for data in frappe.get_all(
		"Version",
		filters={"ref_doctype": "ITA Plan", "docname": name},
		pluck="data",
		order_by="creation desc",
	):
		for fieldname, before, after in json.loads(data or "{}").get("changed", []):
			if fieldname == "status" and after == "Cancelled":
				return before == "Published"
	return False
