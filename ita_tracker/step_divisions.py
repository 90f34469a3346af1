"""A step's effective divisions, stored with the step: its own division, or else every division
responsible for its measure (`permissions.step_divisions`, the one definition). The step keeps them in
`effective_divisions` on every save, and a measure refreshes them on the steps that follow it when its
divisions change, so that reports, list filters, the permission query, reminders and cards all read the
same rows (indexed by division) instead of repeating the rule."""

import frappe

from ita_tracker.permissions import step_divisions

FIELD = "effective_divisions"
TABLE = "ITA Step Division"


def set_effective_divisions(step) -> bool:
	"""Sets the step's effective divisions from its division and measure; True when they changed."""
	divisions = sorted(step_divisions(step.get("division"), step.get("measure")))
	if [row.effective_division for row in step.get(FIELD) or []] == divisions:
		return False
	step.set(FIELD, [{"effective_division": division} for division in divisions])
	return True


def refresh_steps_of_measure(measure: str) -> None:
	"""The steps that name no division of their own follow their measure's divisions."""
	for name in frappe.get_all(
		"ITA Action Step", filters={"measure": measure, "division": ("is", "not set")}, pluck="name"
	):
		step = frappe.get_doc("ITA Action Step", name)
		if set_effective_divisions(step):
			step.update_child_table(FIELD)
	# Imported here: step_summary reads the reporting module, which reads this one.
	from ita_tracker.step_summary import refresh_plans

	refresh_plans([frappe.db.get_value("ITA Measure", measure, "plan")])


def division_filter(division: str) -> list:
	"""The list filter of the steps that count for `division`, as the desk's list applies it."""
	return [TABLE, "effective_division", "=", division]
