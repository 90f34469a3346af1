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
			"width": 130,
		},
		{"fieldname": "description", "label": _("Description"), "fieldtype": "Data", "width": 320},
		{
			"fieldname": "responsible_user",
			"label": _("Owner"),
			"fieldtype": "Link",
			"options": "User",
			"width": 180,
		},
		{
			"fieldname": "division",
			"label": _("Division"),
			"fieldtype": "Link",
			"options": "ITA Division",
			"width": 180,
		},
		{"fieldname": "due_date", "label": _("Due On"), "fieldtype": "Date", "width": 110},
		{"fieldname": "days_overdue", "label": _("Days Overdue"), "fieldtype": "Int", "width": 110},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "measure",
			"label": _("Measure"),
			"fieldtype": "Link",
			"options": "ITA Measure",
			"width": 130,
		},
		{"fieldname": "measure_title", "label": _("Measure"), "fieldtype": "Data", "width": 240},
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
		.select(
			Step.name.as_("step"),
			Step.description,
			Step.responsible_user,
			Division.name.as_("division"),
			Step.due_date,
			Step.status,
			Step.measure,
			Max(Measure.measure_title).as_("measure_title"),
			GROUP_CONCAT(Result.indicator).distinct().as_("indicators"),
		)
		.where(is_overdue_term(today))
		.groupby(Step.name, Division.name)
		.orderby(Step.due_date)
		.run(as_dict=True)
	)
	for row in rows:
		row.days_overdue = date_diff(today, row.due_date)
	return rows


def get_chart(rows) -> dict:
	per_division = {}
	for row in rows:
		per_division[row.division] = per_division.get(row.division, 0) + 1
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
