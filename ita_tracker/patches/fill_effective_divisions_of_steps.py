"""Steps saved before the field get their effective divisions, as their validate now sets them."""

import frappe

from ita_tracker.step_divisions import FIELD, set_effective_divisions


def execute():
	for name in frappe.get_all("ITA Action Step", pluck="name"):
		step = frappe.get_doc("ITA Action Step", name)
		if set_effective_divisions(step):
			step.update_child_table(FIELD)
