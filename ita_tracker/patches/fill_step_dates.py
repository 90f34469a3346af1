"""Steps stored without a start or due date (the step form did not require them) get their measure's
period, which is what the plan said of them: the O25 prints the measure's period (ระยะเวลาดำเนินการ) for
every step of it. Failing that the plan's period, failing that its fiscal year. Every step then has its
dates, which the DocType now requires, so an old step, even of an approved or published plan, is still
reported on, revised and carried over; it is now overdue after its measure's end, as the plan meant.

The dates are written without a new version of the step (the plan was approved with them as they read in
the O25) and a comment on each step's timeline says what was filled and why."""

import frappe
from frappe import _

from ita_tracker.rules.fiscal import fiscal_year_bounds
from ita_tracker.utils import reader_date


def execute():
	steps = frappe.get_all(
		"ITA Action Step",
		or_filters={"start_date": ("is", "not set"), "due_date": ("is", "not set")},
		fields=["name", "measure", "plan", "start_date", "due_date"],
	)
	for step in steps:
		start, due = period_of(step)
		start, due = step.start_date or start, step.due_date or due
		if start and due and start > due:
			# one of them was stored: it wins over the period
			start, due = (due, due) if step.due_date else (start, start)
		filled = {
			field: value
			for field, value in (("start_date", start), ("due_date", due))
			if value and not step.get(field)
		}
		if not filled:
			continue
		frappe.db.set_value("ITA Action Step", step.name, filled, update_modified=False)
		frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Info",
				"reference_doctype": "ITA Action Step",
				"reference_name": step.name,
				"content": _(
					"The step had no {0}; it was given the period of its measure (or else of its plan): {1} - {2}."
				).format(
					", ".join(_(frappe.get_meta("ITA Action Step").get_label(field)) for field in filled),
					reader_date(filled.get("start_date", step.start_date)),
					reader_date(filled.get("due_date", step.due_date)),
				),
			}
		).insert(ignore_permissions=True)


def period_of(step) -> tuple:
	"""The period a step without dates runs in: its measure's, else its plan's, else its fiscal year."""
	measure = frappe.db.get_value(
		"ITA Measure", step.measure, ["period_start", "period_end", "fiscal_year"], as_dict=True
	)
	plan = (
		frappe.db.get_value(
			"ITA Plan", step.plan, ["period_start", "period_end", "fiscal_year"], as_dict=True
		)
		or frappe._dict()
	)
	fiscal_year = (measure and measure.fiscal_year) or plan.fiscal_year
	year_start, year_end = fiscal_year_bounds(int(fiscal_year)) if fiscal_year else (None, None)
	start = (measure and measure.period_start) or plan.period_start or year_start
	end = (measure and measure.period_end) or plan.period_end or year_end
	return start, end
