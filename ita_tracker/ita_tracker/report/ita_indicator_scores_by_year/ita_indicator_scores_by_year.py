import frappe
from frappe import _
from frappe.query_builder import DocType

from ita_tracker.ita_tracker.doctype.ita_settings.ita_settings import get_target_score
from ita_tracker.report_filters import checked_filters
from ita_tracker.reporting import two_decimals
from ita_tracker.tenancy import agency_scope

Assessment = DocType("ITA Assessment")
Result = DocType("ITA Indicator Result")
Indicator = DocType("ITA Indicator")

OVERALL = "overall"


def execute(filters: dict | None = None):
	filters = checked_filters(filters)
	# Most sites hold a single agency; the workspace chart relies on this.
	agencies = [] if filters.agency else frappe.get_list("ITA Agency", pluck="name", limit=2)
	if len(agencies) == 1:
		filters.agency = agencies[0]
	if not filters.agency:
		return get_columns([]), [], _("Choose an agency to see its scores across the years.")
	agency_scope(filters.agency)
	results = get_results(filters)
	years = sorted({row.fiscal_year for row in results}, key=int)
	rows = pivot(results, years)
	return get_columns(years), rows, None, get_chart(rows, years), get_summary(results, years)


def get_results(filters) -> list[dict]:
	"""Each indicator's score in each of the agency's assessments, with the assessment's overall result."""
	query = (
		frappe.qb.from_(Assessment)
		.left_join(Result)
		.on(Result.assessment == Assessment.name)
		.left_join(Indicator)
		.on(Indicator.name == Result.indicator)
		.select(
			Assessment.fiscal_year,
			Assessment.overall_score,
			Assessment.rating,
			Result.indicator,
			Indicator.indicator_no,
			Indicator.indicator_name,
			Result.score,
		)
		.where(Assessment.agency == filters.agency)
	)
	if filters.indicator:
		query = query.where(Result.indicator == filters.indicator)
	return query.orderby(Indicator.indicator_no).run(as_dict=True)


def pivot(results, years) -> list[dict]:
	rows = {OVERALL: {"indicator": OVERALL, "indicator_name": _("Overall"), "is_overall": 1}}
	for result in results:
		rows[OVERALL][result.fiscal_year] = result.overall_score
		rows[OVERALL][f"rating_{result.fiscal_year}"] = _(result.rating) if result.rating else None
		if result.indicator:
			row = rows.setdefault(
				result.indicator,
				{
					"indicator": result.indicator,
					"indicator_name": f"{result.indicator_no}. {result.indicator_name}",
				},
			)
			row[result.fiscal_year] = result.score
	return [*(row for key, row in rows.items() if key != OVERALL), rows[OVERALL]]


def get_columns(years) -> list[dict]:
	return [
		{"fieldname": "indicator_name", "label": _("Indicator"), "fieldtype": "Data", "width": 260},
		*(
			{
				"fieldname": year,
				"label": _("Fiscal Year {0}").format(year),
				"fieldtype": "Float",
				"precision": 2,
				"width": 160,
			}
			for year in years
		),
		*(
			{
				"fieldname": f"rating_{year}",
				"label": _("Rating {0}").format(year),
				"fieldtype": "Data",
				"width": 150,
			}
			for year in years
		),
	]


def get_chart(rows, years) -> dict:
	"""Bars, which read with a single year too (a line needs two), and the target as a marker."""
	shown = [row for row in rows if row.get("is_overall") or len(rows) == 2]
	target = get_target_score()
	return {
		"type": "bar",
		"data": {
			"labels": years,
			"datasets": [
				{"name": row["indicator_name"], "values": [row.get(year) or 0 for year in years]}
				for row in shown
			],
			"yMarkers": [{"label": _("Target"), "value": target, "options": {"labelPos": "left"}}],
		},
		"colors": ["#2e90fa"],
	}


def get_summary(results, years) -> list[dict]:
	if not years:
		return []
	latest = next(row for row in results if row.fiscal_year == years[-1])
	return [
		{
			"label": _("Latest Overall Score ({0})").format(years[-1]),
			"value": two_decimals(latest.overall_score),
			"datatype": "Data",
		},
		{"label": _("Rating"), "value": _(latest.rating) if latest.rating else "", "datatype": "Data"},
		{"label": _("Target"), "value": two_decimals(get_target_score()), "datatype": "Data"},
	]
