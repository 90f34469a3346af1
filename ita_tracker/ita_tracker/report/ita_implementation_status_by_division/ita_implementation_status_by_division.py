from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import cint, flt

from ita_tracker.report_filters import checked_filters
from ita_tracker.reporting import (
	Division,
	Step,
	StepDivision,
	count_where,
	drilldown,
	is_overdue_term,
	overdue_filters,
	scope_filters,
	status_filters,
	steps_by_division,
	two_decimals,
)
from ita_tracker.rules.deadlines import FINISHED

STATUS_COLUMNS = (
	("not_started", "Not Started"),
	("in_progress", "In Progress"),
	("done", "Done"),
	("verified", "Verified"),
)
# Wide enough for the Thai headings (อยู่ระหว่างดำเนินการ, ร้อยละที่ดำเนินการแล้ว) on a 1440 px desk.
STATUS_WIDTHS = {"not_started": 110, "in_progress": 165, "done": 130, "verified": 120}


def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	scope = scope_filters(filters)
	rows = get_data(filters, scope)
	return get_columns(), rows, None, get_chart(rows), get_summary(filters, scope) if rows else []


def get_columns() -> list[dict]:
	return [
		{"fieldname": "division_name", "label": _("Division"), "fieldtype": "Data", "width": 170},
		{"fieldname": "measures", "label": _("Measures"), "fieldtype": "Int", "width": 100},
		{"fieldname": "total", "label": _("All Steps"), "fieldtype": "Int", "width": 120},
		*(
			{
				"fieldname": fieldname,
				"label": _(status),
				"fieldtype": "Int",
				"width": STATUS_WIDTHS[fieldname],
			}
			for fieldname, status in STATUS_COLUMNS
		),
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "percent_complete",
			"label": _("% Complete"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 175,
		},
	]


def get_data(filters, scope) -> list[dict]:
	"""One row per division; `drilldown` holds, per figure, the list filters of the steps it counts."""
	rows = (
		steps_by_division(filters, scope)
		.select(
			StepDivision.effective_division.as_("division"),
			Max(Division.division_name).as_("division_name"),
			Count(Step.measure).distinct().as_("measures"),
			Count(Step.name).as_("total"),
			*(Sum(count_where(Step.status == status)).as_(fieldname) for fieldname, status in STATUS_COLUMNS),
			Sum(count_where(is_overdue_term())).as_("overdue"),
		)
		.groupby(StepDivision.effective_division)
		.orderby(Division.division_name)
		.run(as_dict=True)
	)
	figures = {
		"total": [],
		**{fieldname: status_filters(status) for fieldname, status in STATUS_COLUMNS},
		"overdue": overdue_filters(),
	}
	for row in rows:
		row.update({fieldname: cint(row[fieldname]) for fieldname in figures})
		row.percent_complete = flt(100 * (row.done + row.verified) / row.total, 2) if row.total else 0
		row.drilldown = {
			fieldname: drilldown(scope, row.division, figure) for fieldname, figure in figures.items()
		}
	return rows


def get_chart(rows) -> dict:
	return {
		"type": "bar",
		"barOptions": {"stacked": True},
		"data": {
			"labels": [row.division_name for row in rows],
			"datasets": [
				{"name": _(status), "values": [row[fieldname] for row in rows]}
				for fieldname, status in STATUS_COLUMNS
			],
		},
		"colors": ["#98a2b3", "#f79009", "#2e90fa", "#12b76a"],
	}


def get_summary(filters, scope) -> list[dict]:
	"""The whole selection, each step counted once however many divisions it counts for."""
	totals = (
		steps_by_division(filters, scope)
		.select(
			Count(Step.name).distinct().as_("total"),
			Count(Case().when(Step.status.isin(FINISHED), Step.name)).distinct().as_("finished"),
			Count(Case().when(is_overdue_term(), Step.name)).distinct().as_("overdue"),
		)
		.run(as_dict=True)[0]
	)
	return [
		{"label": _("All Steps"), "value": totals.total, "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("% Complete"),
			"value": two_decimals(100 * totals.finished / totals.total if totals.total else 0, percent=True),
			"datatype": "Data",
			"indicator": "Green",
		},
		{
			"label": _("Overdue"),
			"value": totals.overdue,
			"datatype": "Int",
			"indicator": "Red" if totals.overdue else "Green",
		},
	]
