import frappe
from frappe import _
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import cint, escape_html, flt

from ita_tracker.exceptions import InvalidReportFilterError
from ita_tracker.report_filters import checked_filters
from ita_tracker.reporting import (
	Division,
	Measure,
	Plan,
	Step,
	StepDivision,
	count_where,
	drilldown,
	is_overdue_term,
	measures_answering,
	overdue_filters,
	plans_in_scope,
	route_options,
	status_filters,
	steps_by_division,
	two_decimals,
	where_filters,
)
from ita_tracker.rules.deadlines import FINISHED

STATUS_COLUMNS = (
	("not_started", "Not Started"),
	("in_progress", "In Progress"),
	("done", "Done"),
	("verified", "Verified"),
)
# The figures that open the list of their steps (get_drilldown).
FIGURES = ("total", *(fieldname for fieldname, _status in STATUS_COLUMNS), "overdue")
# Wide enough for the Thai headings (อยู่ระหว่างดำเนินการ, ร้อยละที่ดำเนินการแล้ว) on a 1440 px desk.
STATUS_WIDTHS = {"not_started": 110, "in_progress": 165, "done": 130, "verified": 120}
MEASURE = "ITA Measure"
MeasureDivision = DocType("ITA Measure Division")


def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	rows = get_data(filters)
	return get_columns(), rows, None, get_chart(rows), get_summary(filters) if rows else []


def figure_filters(figure: str) -> list[list]:
	"""The list filters of a figure's column on top of the division's steps."""
	if figure == "overdue":
		return overdue_filters()
	if figure == "total":
		return []
	return status_filters(dict(STATUS_COLUMNS)[figure])


@frappe.whitelist()
@frappe.read_only()
def get_drilldown(filters: str | dict, division: str, figure: str) -> dict:
	"""The route options of the list that a figure opens: exactly the steps it counts."""
	frappe.has_permission("ITA Action Step", "read", throw=True)
	if figure not in FIGURES:
		frappe.throw(
			_("Unknown figure {0}.").format(escape_html(figure)),
			exc=InvalidReportFilterError,
			title=_("Invalid Report Filter"),
		)
	return route_options(
		drilldown(checked_filters(frappe.parse_json(filters)), division, figure_filters(figure))
	)


@frappe.whitelist()
@frappe.read_only()
def get_measure_drilldown(filters: str | dict, division: str) -> dict:
	"""The route options of the measure list that the Measures figure opens: exactly the measures it counts,
	those the division is responsible for, with steps or without."""
	frappe.has_permission(MEASURE, "read", throw=True)
	filters = checked_filters(frappe.parse_json(filters))
	options = {
		"plan": ["in", plans_in_scope(filters, division)],
		"ITA Measure Division.division": ["=", division],
	}
	if filters.get("indicator"):
		options["name"] = ["in", measures_answering(filters["indicator"]).distinct().run(pluck=True) or [""]]
	return options


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


def get_data(filters) -> list[dict]:
	rows = (
		steps_by_division(filters)
		.select(
			StepDivision.effective_division.as_("division"),
			Max(Division.division_name).as_("division_name"),
			Count(Step.name).as_("total"),
			*(Sum(count_where(Step.status == status)).as_(fieldname) for fieldname, status in STATUS_COLUMNS),
			Sum(count_where(is_overdue_term())).as_("overdue"),
		)
		.groupby(StepDivision.effective_division)
		.orderby(Division.division_name)
		.run(as_dict=True)
	)
	rows = with_measures(rows, measures_by_division(filters))
	for row in rows:
		row.update({figure: cint(row.get(figure)) for figure in FIGURES})
		row.percent_complete = flt(100 * (row.done + row.verified) / row.total, 2) if row.total else 0
	return rows


def with_measures(step_rows: list[dict], measure_rows: list[dict]) -> list[dict]:
	"""The step figures of each division with the count of its measures; a division whose measures have no
	step yet is a row of its own, so that a measure without steps shows."""
	rows = {row.division: row for row in step_rows}
	for measures in measure_rows:
		rows.setdefault(measures.division, frappe._dict(division=measures.division)).update(measures)
	for row in rows.values():
		row.measures = cint(row.get("measures"))
	return sorted(rows.values(), key=lambda row: row.division_name or "")


def measures_by_division(filters) -> list[dict]:
	"""Per division, the measures it is responsible for in the plans the filters select (not cancelled),
	whether or not they have steps, limited as the step figures are to what the user may see."""
	query = (
		frappe.qb.from_(Measure)
		.join(Plan)
		.on(Plan.name == Measure.plan)
		.join(MeasureDivision)
		.on((MeasureDivision.parent == Measure.name) & (MeasureDivision.parenttype == MEASURE))
		.join(Division)
		.on(Division.name == MeasureDivision.division)
		.where(Plan.docstatus < 2)
		.select(
			MeasureDivision.division,
			Max(Division.division_name).as_("division_name"),
			Count(Measure.name).distinct().as_("measures"),
		)
		.groupby(MeasureDivision.division)
	)
	return where_filters(query, filters, MeasureDivision.division, Measure.name).run(as_dict=True)


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


def get_summary(filters) -> list[dict]:
	"""The whole selection, each step counted once however many divisions it counts for."""
	totals = (
		steps_by_division(filters)
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
