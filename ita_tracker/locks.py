"""An approved or published plan is fixed: its measures and steps change only through a revision,
except for the progress that owners report on their steps."""

import frappe
from frappe import _
from frappe.utils import cstr

from ita_tracker.exceptions import PlanLockedError


def plan_is_approved(plan: str) -> bool:
	return frappe.db.get_value("ITA Plan", plan, "docstatus") == 1


def changed_fields(doc, fieldnames) -> list[str]:
	"""The labels of `fieldnames` whose value differs from what is stored (all of them for a new doc)."""
	before = doc.get_doc_before_save()
	return [
		doc.meta.get_label(fieldname)
		for fieldname in fieldnames
		if not before or _value(doc, fieldname) != _value(before, fieldname)
	]


def _value(doc, fieldname):
	value = doc.get(fieldname)
	if isinstance(value, list):
		return [row.get(row.meta.fields[0].fieldname) for row in value]
	return cstr(value)


def validate_plan_not_approved(doc, fieldnames) -> None:
	if not plan_is_approved(doc.plan):
		return
	if changed := changed_fields(doc, fieldnames):
		frappe.throw(
			_("Plan {0} is approved: {1} of {2} can only change in a revision of the plan.").format(
				doc.plan, ", ".join(map(_, changed)), doc.name
			),
			exc=PlanLockedError,
			title=_("Plan Approved"),
		)
