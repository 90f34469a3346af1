"""What the ITA reports share: the steps a user may see, each counted for each of its effective divisions
(stored by the step, see step_divisions.py), with the report filters applied, as one query builder that
each report aggregates in a single SQL query; and the same scope and figures as list filters, so that a
figure's drill-down opens a list of exactly the steps it counts."""

import frappe
from frappe.query_builder import Case, DocType
from frappe.utils import fmt_money, getdate

from ita_tracker.permissions import division_head_only, divisions_headed_by
from ita_tracker.rules.deadlines import FINISHED, overdue_cutoff
from ita_tracker.step_divisions import TABLE as STEP_DIVISION
from ita_tracker.step_divisions import division_filter
from ita_tracker.tenancy import agency_scope, allowed_agencies

STEP = "ITA Action Step"
Step = DocType(STEP)
StepDivision = DocType(STEP_DIVISION)
Plan = DocType("ITA Plan")
Measure = DocType("ITA Measure")
MeasureResult = DocType("ITA Measure Indicator Result")
Result = DocType("ITA Indicator Result")
Division = DocType("ITA Division")
User = DocType("User")


# "Overdue" and "finished", once for queries and once for lists: rules/deadlines.py holds the rule.
def is_overdue_term(today=None):
	return (
		Step.status.notin(FINISHED)
		& Step.due_date.isnotnull()
		& (Step.due_date < overdue_cutoff(getdate(today)))
	)


def overdue_filters(today=None) -> list[list]:
	"""Unfinished, with a due date before today's cutoff (a weekend deadline is met on Monday)."""
	return [
		[STEP, "status", "not in", list(FINISHED)],
		[STEP, "due_date", "is", "set"],
		[STEP, "due_date", "<", str(overdue_cutoff(getdate(today)))],
	]


def status_filters(status: str) -> list[list]:
	return [[STEP, "status", "=", status]]


def two_decimals(value, percent: bool = False) -> str:
	"""A figure of a report summary as its columns show it (85.00, 33.33%): the desk formats a summary's
	Float or Percent with the system's precision, so summaries send it formatted, as Data."""
	return fmt_money(value or 0, precision=2) + ("%" if percent else "")


def count_where(condition):
	return Case().when(condition, 1).else_(0)


def steps_by_division(filters: dict):
	"""Steps of plans not cancelled, one row per (step, effective division), filtered and limited to the
	divisions the user may see; Division is joined for its name."""
	query = (
		frappe.qb.from_(Step)
		.join(Plan)
		.on(Plan.name == Step.plan)
		.join(StepDivision)
		.on((StepDivision.parent == Step.name) & (StepDivision.parenttype == STEP))
		.join(Division)
		.on(Division.name == StepDivision.effective_division)
		.where(Plan.docstatus < 2)
	)
	return where_filters(query, filters, StepDivision.effective_division, Step.measure)


def where_filters(query, filters: dict, division, measure):
	"""The report filters on a query of plans joined with their steps' or measures' `division` and
	`measure` columns: the user's agencies, plan, fiscal year, division and indicator, and for a division
	head only the divisions they head."""
	agencies = agency_scope(filters.get("agency"))
	if agencies is not None:
		query = query.where(Plan.agency.isin(agencies or [""]))
	for fieldname, term in (("plan", Plan.name), ("fiscal_year", Plan.fiscal_year), ("division", division)):
		if filters.get(fieldname):
			query = query.where(term == filters[fieldname])
	if filters.get("indicator"):
		query = query.where(measure.isin(measures_answering(filters["indicator"])))
	if division_head_only(frappe.session.user):
		query = query.where(division.isin(divisions_headed_by(frappe.session.user) or [""]))
	return query


# The reports that aggregate every step the user may see, and the filters that narrow them to an agency's.
STEP_REPORTS = ("ITA Implementation Status by Division", "ITA Overdue Action Steps")
NARROWING_FILTERS = ("agency", "plan", "division")


def runs_prepared(report_name: str, filters: dict | None, user: str | None = None) -> bool:
	"""Whether a run of a step report would read every step in the country: a user whom no agency or
	division limits, with no agency, plan or division chosen. Such a run takes about a minute at national
	scale (1.7 million steps), so it is served as a prepared report (Frappe's background job and kept
	result); every narrower run reads an agency's or a division's steps through indexes, live."""
	user = user or frappe.session.user
	if report_name not in STEP_REPORTS or any((filters or {}).get(key) for key in NARROWING_FILTERS):
		return False
	return allowed_agencies(user, "ITA Plan") is None and not division_head_only(user)


def drilldown(filters: dict, division: str, figure: list[list]) -> list[list]:
	"""The list filters of the steps that `steps_by_division` counts for `division` under the report
	`filters`, narrowed to a figure: what the figure's link opens. The plans in scope are those of the
	division's agency (a handful), so that the link stays short even for a national report."""
	scope = [[STEP, "plan", "in", plans_in_scope(filters, division)]]
	if filters.get("indicator"):
		measures = measures_answering(filters["indicator"]).distinct().run(pluck=True)
		scope.append([STEP, "measure", "in", measures or [""]])
	return [*scope, division_filter(division), *figure]


def plans_in_scope(filters: dict, division: str) -> list[str]:
	"""The plans not cancelled of the division's agency that the report `filters` select (one that matches
	nothing when there are none)."""
	agency = frappe.db.get_value("ITA Division", division, "agency")
	plans = (
		frappe.qb.from_(Plan)
		.select(Plan.name)
		.where(Plan.docstatus < 2)
		.where(Plan.agency == agency)
		.where(Plan.agency.isin(agency_scope(filters.get("agency")) or [agency]))
	)
	if filters.get("plan"):
		plans = plans.where(Plan.name == filters["plan"])
	if filters.get("fiscal_year"):
		plans = plans.where(Plan.fiscal_year == filters["fiscal_year"])
	return plans.orderby(Plan.name).run(pluck=True) or [""]


def route_options(filters: list[list]) -> dict:
	"""List filters as the desk's route options (frappe.route_options), which the list view reads back
	as the same filters: each value as [operator, value], a child table's field or a second filter on
	the same field named "DocType.field"."""
	options = {}
	for doctype, fieldname, operator, value in filters:
		key = fieldname if doctype == STEP and fieldname not in options else f"{doctype}.{fieldname}"
		options[key] = [operator, value]
	return options


def measures_answering(indicator: str):
	return (
		frappe.qb.from_(MeasureResult)
		.join(Result)
		.on(Result.name == MeasureResult.indicator_result)
		.select(MeasureResult.parent)
		.where(MeasureResult.parenttype == "ITA Measure")
		.where(Result.indicator == indicator)
	)
