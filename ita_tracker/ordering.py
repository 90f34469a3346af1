"""New measures and steps go last: a measure after the measures of its plan, a step after the steps of its
measure, so that adding one never renumbers the printed O25. The desk's new forms ("Add Step", a new
measure) leave the sequence at 0, the default of its Int field, which read as "first"."""

import frappe
from frappe.query_builder.functions import Max


def set_next_sequence(doc, group_field: str) -> None:
	"""Gives `doc`, when it comes without a sequence (0), the highest sequence of its group plus one."""
	if doc.sequence or not doc.get(group_field):
		return
	table = frappe.qb.DocType(doc.doctype)
	highest = (
		frappe.qb.from_(table)
		.select(Max(table.sequence))
		.where(table[group_field] == doc.get(group_field))
		.run()
	)[0][0]
	doc.sequence = (highest or 0) + 1
