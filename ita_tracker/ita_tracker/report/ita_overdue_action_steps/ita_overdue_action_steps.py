import frappe
from frappe import _
from frappe.query_builder.custom import GROUP_CONCAT
from frappe.query_builder.functions import Count, Max, Min
from frappe.utils import date_diff, getdate

from ita_tracker.report_filters import checked_filters
from ita_tracker.reporting import (
	Division,
	Measure,
	MeasureResult,
	Result,
	Step,
	StepDivision,
	User,
	is_overdue_term,
	steps_by_division,
)

# A national site has some 700,000 overdue rows: the report shows the oldest ones and counts them all.
ROW_LIMIT = 500
CHART_DIVISIONS = 20


def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	rows, totals = get_data(filters), get_totals(filters)
	return get_columns(), rows, get_message(rows, totals), get_chart(filters), get_summary(totals)


def get_columns() -> list[dict]:
	# The step by its text, which opens it (the report's formatter), not by its ID: each row keeps `step`.
	return [
		{"fieldname": "description", "label": _("Step"), "fieldtype": "Data", "width": 340},
		{"fieldname": "owner_name", "label": _("Owner"), "fieldtype": "Data", "width": 170},
		{"fieldname": "division_name", "label": _("Division"), "fieldtype": "Data", "width": 150},
		{"fieldname": "due_date", "label": _("Due On"), "fieldtype": "Date", "width": 120},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 180},
		{"fieldname": "status_label", "label": _("Status"), "fieldtype": "Data", "width": 165},
		{"fieldname": "measure_title", "label": _("Measure"), "fieldtype": "Data", "width": 260},
		{"fieldname": "indicators", "label": _("Indicators"), "fieldtype": "Data", "width": 100},
	]


def get_data(filters) -> list[dict]:
	today = getdate()
	# The oldest rows first, read by due date without the details (no grouping of every overdue row);
	# then the details of those steps only.
	oldest = (
		steps_by_division(filters)
		.select(Step.name)
		.where(is_overdue_term(today))
		.orderby(Step.due_date)
		.orderby(Step.name)
		.limit(ROW_LIMIT)
		.run(pluck=True)
	)
	rows = (
		steps_by_division(filters)
		.where(Step.name.isin(oldest or [""]))
		.join(Measure)
		.on(Measure.name == Step.measure)
		.left_join(MeasureResult)
		.on((MeasureResult.parent == Measure.name) & (MeasureResult.parenttype == "ITA Measure"))
		.left_join(Result)
		.on(Result.name == MeasureResult.indicator_result)
		.left_join(User)
		.on(User.name == Step.responsible_user)
		.select(
			Step.name.as_("step"),
			Step.description,
			Step.responsible_user,
			Max(User.full_name).as_("owner_name"),
			StepDivision.effective_division.as_("division"),
			Max(Division.division_name).as_("division_name"),
			Step.due_date,
			Step.status,
			Step.measure,
			Max(Measure.measure_title).as_("measure_title"),
			GROUP_CONCAT(Result.indicator).distinct().as_("indicators"),
		)
		.where(is_overdue_term(today))
		.groupby(Step.name, StepDivision.effective_division)
		.orderby(Step.due_date)
		.orderby(Step.name)
		.limit(ROW_LIMIT)
		.run(as_dict=True)
	)
	for row in rows:
		row.days_overdue = date_diff(today, row.due_date)
		row.status_label = _(row.status)
		row.owner_name = row.owner_name or row.responsible_user
	return rows


def get_totals(filters) -> frappe._dict:
	"""All the overdue rows, not only those shown: steps, rows (step and division) and the oldest due date."""
	return (
		steps_by_division(filters)
		.select(
			Count(Step.name).distinct().as_("steps"),
			Count("*").as_("rows"),
			Min(Step.due_date).as_("oldest"),
		)
		.where(is_overdue_term(getdate()))
		.run(as_dict=True)[0]
	)


def get_message(rows, totals) -> str | None:
	if totals.rows <= len(rows):
		return None
	message = _(
		"Showing the {0} oldest of {1} overdue rows; filter by agency, plan or division for the rest."
	)
	return message.format(len(rows), totals.rows)


def get_chart(filters) -> dict:
	"""Overdue steps per division (the divisions with the most), counted over all the rows."""
	per_division = (
		steps_by_division(filters)
		.select(Division.division_name, Count("*").as_("count"))
		.where(is_overdue_term(getdate()))
		.groupby(Division.name, Division.division_name)
		.orderby(Count("*"), order=frappe.qb.desc)
		.orderby(Division.division_name)
		.limit(CHART_DIVISIONS)
		.run()
	)
	return {
		"type": "bar",
		"data": {
			"labels": [name for name, _count in per_division],
			"datasets": [{"name": _("Overdue Steps"), "values": [count for _name, count in per_division]}],
		},
		"colors": ["#f04438"],
	}


def get_summary(totals) -> list[dict]:
	return [
		{"label": _("Overdue Steps"), "value": totals.steps or 0, "datatype": "Int", "indicator": "Red"},
		{
			"label": _("Most Days Overdue"),
			"value": date_diff(getdate(), totals.oldest) if totals.oldest else 0,
			"datatype": "Int",
			"indicator": "Orange",
		},
	]
