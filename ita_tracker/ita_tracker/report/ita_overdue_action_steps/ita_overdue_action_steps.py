from frappe import _
from frappe.query_builder.custom import GROUP_CONCAT
from frappe.query_builder.functions import Max
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


def execute(filters: dict | None = None):
	rows = get_data(checked_filters(filters))
	return get_columns(), rows, None, get_chart(rows), get_summary(rows)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "step",
			"label": _("Step"),
			"fieldtype": "Link",
			"options": "ITA Action Step",
			"width": 140,
		},
		{"fieldname": "description", "label": _("Description"), "fieldtype": "Data", "width": 300},
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
	rows = (
		steps_by_division(filters)
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
		.run(as_dict=True)
	)
	for row in rows:
		row.days_overdue = date_diff(today, row.due_date)
		row.status_label = _(row.status)
		row.owner_name = row.owner_name or row.responsible_user
	return rows


def get_chart(rows) -> dict:
	per_division = {}
	for row in rows:
		per_division[row.division_name] = per_division.get(row.division_name, 0) + 1
	return {
		"type": "bar",
		"data": {
			"labels": list(per_division),
			"datasets": [{"name": _("Overdue Steps"), "values": list(per_division.values())}],
		},
		"colors": ["#f04438"],
	}


def get_summary(rows) -> list[dict]:
	return [
		{
			"label": _("Overdue Steps"),
			"value": len({row.step for row in rows}),
			"datatype": "Int",
			"indicator": "Red",
		},
		{
			"label": _("Most Days Overdue"),
			"value": max((row.days_overdue for row in rows), default=0),
			"datatype": "Int",
			"indicator": "Orange",
		},
	]
