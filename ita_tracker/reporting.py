"""What the ITA reports share: the steps a user may see, each attributed to its division, with the
report filters applied, as one query builder that each report aggregates in a single SQL query."""

import frappe
from frappe.query_builder import Case, DocType
from frappe.query_builder.functions import Coalesce, NullIf
from frappe.utils import getdate

from ita_tracker.permissions import agency_scope, division_head_only, divisions_headed_by
from ita_tracker.rules.deadlines import FINISHED, overdue_cutoff

Step = DocType("ITA Action Step")
Plan = DocType("ITA Plan")
Measure = DocType("ITA Measure")
MeasureDivision = DocType("ITA Measure Division")
MeasureResult = DocType("ITA Measure Indicator Result")
Result = DocType("ITA Indicator Result")
Division = DocType("ITA Division")

# A step belongs to its own division, or else to each division responsible for its measure.
STEP_DIVISION = Coalesce(NullIf(Step.division, ""), MeasureDivision.division)


def is_overdue_term(today=None):
	return Step.status.notin(FINISHED) & (Step.due_date < overdue_cutoff(getdate(today)))


def count_where(condition):
	return Case().when(condition, 1).else_(0)


def steps_by_division(filters: dict):
	"""Steps of plans not cancelled, one row per (step, division), filtered and limited to what the user may see."""
	query = (
		frappe.qb.from_(Step)
		.join(Plan)
		.on(Plan.name == Step.plan)
		.left_join(MeasureDivision)
		.on(
			(MeasureDivision.parent == Step.measure)
			& (MeasureDivision.parenttype == "ITA Measure")
			& (Coalesce(Step.division, "") == "")
		)
		.join(Division)
		.on(Division.name == STEP_DIVISION)
		.where(Plan.docstatus < 2)
	)
	agencies = agency_scope(filters.get("agency"))
	if agencies is not None:
		query = query.where(Plan.agency.isin(agencies))
	for fieldname, term in (
		("plan", Plan.name),
		("fiscal_year", Plan.fiscal_year),
		("division", Division.name),
	):
		if filters.get(fieldname):
			query = query.where(term == filters[fieldname])
	if filters.get("indicator"):
		query = query.where(Step.measure.isin(measures_answering(filters["indicator"])))
	if division_head_only(frappe.session.user):
		query = query.where(Division.name.isin(divisions_headed_by(frappe.session.user) or [""]))
	return query


def measures_answering(indicator: str):
	return (
		frappe.qb.from_(MeasureResult)
		.join(Result)
		.on(Result.name == MeasureResult.indicator_result)
		.select(MeasureResult.parent)
		.where(MeasureResult.parenttype == "ITA Measure")
		.where(Result.indicator == indicator)
	)
