"""Roll-ups of many agencies (a province, the whole country) for one fiscal year of ITA results: each
agency in the user's scope with its overall score and rating, the plan answering that result (its status)
and how far the plan's steps are done, in one GROUP BY query. The ITA Provincial Roll-up runs live; the
ITA National Roll-up is a prepared report (Frappe runs it in a background job and keeps the result).

The fiscal year is the year of the assessment (the ITA result); its plan is for the year after. Every
agency in scope is listed, with or without a result or a plan, so that an office sees who has none."""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Max, Sum
from frappe.utils import cint, flt

from ita_tracker.exceptions import InvalidReportFilterError
from ita_tracker.report_filters import checked_filters, label
from ita_tracker.reporting import Plan, Step, count_where, is_overdue_term, two_decimals
from ita_tracker.rules.deadlines import FINISHED
from ita_tracker.tenancy import agency_scope

Agency = DocType("ITA Agency")
Assessment = DocType("ITA Assessment")

NO_RESULT, NO_PLAN = "No Result", "No Plan"
CHART_COLORS = ["#12b76a", "#2e90fa", "#f79009", "#f04438", "#98a2b3"]


def rollup_filters(filters: dict | None, province_required: bool = False) -> frappe._dict:
	"""The checked filters of a roll-up: a fiscal year always, a province when `province_required`, and
	an agency type or rating only among the values the DocTypes define."""
	filters = checked_filters(filters)
	required = ("fiscal_year", "province") if province_required else ("fiscal_year",)
	for fieldname in required:
		if not filters.get(fieldname):
			frappe.throw(
				_("Choose a value for the report filter {0}.").format(frappe.bold(label(fieldname))),
				exc=InvalidReportFilterError,
				title=_("Invalid Report Filter"),
			)
	for fieldname, doctype in (("agency_type", "ITA Agency"), ("rating", "ITA Assessment")):
		value = filters.get(fieldname)
		if value and value not in select_options(doctype, fieldname):
			frappe.throw(
				_("The report filter {0} has no value {1}.").format(
					frappe.bold(label(fieldname)), frappe.bold(frappe.utils.escape_html(str(value)))
				),
				exc=InvalidReportFilterError,
				title=_("Invalid Report Filter"),
			)
	return filters


def select_options(doctype: str, fieldname: str) -> list[str]:
	options = frappe.get_meta(doctype).get_field(fieldname).options or ""
	return [option for option in options.split("\n") if option]


def get_data(filters: dict) -> list[dict]:
	"""One row per agency in scope: its result of the fiscal year, the live plan answering it and the
	plan's steps (total, finished, overdue), aggregated in one query."""
	query = (
		frappe.qb.from_(Agency)
		.left_join(Assessment)
		.on((Assessment.agency == Agency.name) & (Assessment.fiscal_year == filters.fiscal_year))
		.left_join(Plan)
		# The live plan of the result: its unique, indexed key (ITA Plan.set_live_assessment).
		.on((Plan.live_assessment == Assessment.name) & (Plan.docstatus < 2))
		.left_join(Step)
		.on(Step.plan == Plan.name)
		.select(
			Agency.name.as_("agency"),
			Max(Agency.agency_name).as_("agency_name"),
			Max(Agency.agency_type).as_("agency_type"),
			Max(Agency.province).as_("province"),
			Max(Assessment.name).as_("assessment"),
			Max(Assessment.overall_score).as_("overall_score"),
			Max(Assessment.rating).as_("rating"),
			Max(Plan.name).as_("plan"),
			Max(Plan.status).as_("plan_status"),
			Count(Step.name).as_("steps"),
			Sum(count_where(Step.status.isin(FINISHED))).as_("finished"),
			Sum(count_where(is_overdue_term())).as_("overdue"),
		)
		.groupby(Agency.name)
	)
	agencies = agency_scope(filters.get("agency"))
	if agencies is not None:
		query = query.where(Agency.name.isin(agencies or [""]))
	for fieldname, term in (
		("province", Agency.province),
		("agency_type", Agency.agency_type),
		("rating", Assessment.rating),
	):
		if filters.get(fieldname):
			query = query.where(term == filters[fieldname])
	rows = query.run(as_dict=True)
	for row in rows:
		row.steps, row.finished, row.overdue = cint(row.steps), cint(row.finished), cint(row.overdue)
		row.percent_done = flt(100 * row.finished / row.steps, 2) if row.steps else None
		row.overall_score = flt(row.overall_score, 2) if row.assessment else None
		row.rating_label = _(row.rating) if row.rating else _(NO_RESULT) if not row.assessment else ""
		row.agency_type_label = _(row.agency_type) if row.agency_type else ""
		row.plan_status_label = _(row.plan_status) if row.plan else _(NO_PLAN)
	# Best score first; agencies without a result last, by name.
	rows.sort(key=lambda row: (row.overall_score is None, -(row.overall_score or 0), row.agency_name))
	for rank, row in enumerate(rows, start=1):
		row.rank = rank if row.overall_score is not None else None
	return rows


def get_columns(with_province: bool = True) -> list[dict]:
	columns = [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "agency",
			"label": _("Agency"),
			"fieldtype": "Link",
			"options": "ITA Agency",
			"width": 260,
		},
		{"fieldname": "agency_type_label", "label": _("Agency Type"), "fieldtype": "Data", "width": 170},
		{"fieldname": "province", "label": _("Province"), "fieldtype": "Data", "width": 130},
		{
			"fieldname": "overall_score",
			"label": _("Overall Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 140,
		},
		{"fieldname": "rating_label", "label": _("Rating"), "fieldtype": "Data", "width": 190},
		{"fieldname": "plan", "label": _("Plan"), "fieldtype": "Link", "options": "ITA Plan", "width": 190},
		{"fieldname": "plan_status_label", "label": _("Plan Status"), "fieldtype": "Data", "width": 140},
		{"fieldname": "steps", "label": _("All Steps"), "fieldtype": "Int", "width": 130},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "percent_done",
			"label": _("% of Steps Done"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 260,
		},
	]
	return columns if with_province else [c for c in columns if c["fieldname"] != "province"]


def get_summary(rows: list[dict]) -> list[dict]:
	"""The agencies listed, how many have a result, a plan and a published plan, their average score and
	the share of all their steps done."""
	scored = [row.overall_score for row in rows if row.overall_score is not None]
	steps = sum(row.steps for row in rows)
	finished = sum(row.finished for row in rows)
	return [
		{"label": _("Agencies"), "value": len(rows), "datatype": "Int", "indicator": "Blue"},
		{"label": _("With a Result"), "value": len(scored), "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("With a Plan"),
			"value": sum(1 for row in rows if row.plan),
			"datatype": "Int",
			"indicator": "Blue",
		},
		{
			"label": _("Published Plans"),
			"value": sum(1 for row in rows if row.plan_status == "Published"),
			"datatype": "Int",
			"indicator": "Green",
		},
		{
			"label": _("Average Score"),
			"value": two_decimals(sum(scored) / len(scored) if scored else 0),
			"datatype": "Data",
			"indicator": "Blue",
		},
		{
			"label": _("% of Steps Done"),
			"value": two_decimals(100 * finished / steps if steps else 0, percent=True),
			"datatype": "Data",
			"indicator": "Green",
		},
	]


def get_chart(rows: list[dict]) -> dict:
	"""Agencies per rating (those without a result last)."""
	counts: dict[str, int] = {}
	for row in rows:
		counts[row.rating_label or _(NO_RESULT)] = counts.get(row.rating_label or _(NO_RESULT), 0) + 1
	order = [_(rating) for rating in select_options("ITA Assessment", "rating")] + [_(NO_RESULT)]
	labels = [rating for rating in order if rating in counts]
	return {
		"type": "bar",
		"data": {
			"labels": labels,
			"datasets": [{"name": _("Agencies"), "values": [counts[r] for r in labels]}],
		},
		"colors": CHART_COLORS[:1],
	}


def execute(filters: dict | None, province_required: bool) -> tuple:
	filters = rollup_filters(filters, province_required)
	rows = get_data(filters)
	return (
		get_columns(with_province=not province_required),
		rows,
		None,
		get_chart(rows) if rows else None,
		get_summary(rows) if rows else [],
	)
