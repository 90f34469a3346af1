"""Runs the framework-free checks on a whole plan as stored: its assessment, indicator results,
measures and steps (with their free text), and the names of the site's agencies, read with one query per
DocType, never one per row."""

import frappe
from frappe.utils.caching import redis_cache

from ita_tracker.rules import checks
from ita_tracker.utils import indicator_label, indicator_names, to_date


def check_plan(plan_name: str) -> list[checks.Finding]:
	return checks.check_plan(load_plan(plan_name))


def plan_findings(plan_name: str) -> list[checks.Finding]:
	"""What `ita check` and the plan form list: the consistency checks, then what the plan still lacks
	(checks.check_completeness), from one reading of the plan."""
	plan = load_plan(plan_name)
	return checks.check_plan(plan) + checks.check_completeness(plan)


def check_completeness(plan_name: str) -> list[checks.Finding]:
	return checks.check_completeness(load_plan(plan_name))


def load_plan(plan_name: str) -> checks.Plan:
	plan = frappe.get_doc("ITA Plan", plan_name)
	assessment = frappe.get_doc("ITA Assessment", plan.assessment)
	return checks.Plan(
		name=plan.name,
		fiscal_year=int(plan.fiscal_year),
		start=to_date(plan.period_start),
		end=to_date(plan.period_end),
		assessment=assessment.as_check_input(),
		indicator_results=load_indicator_results(plan.assessment),
		measures=load_measures(plan.name),
		agency=plan.agency,
		title=plan.title,
		known_agencies=known_agency_names(),
	)


@redis_cache(ttl=None)
def known_agency_names() -> list[str]:
	"""The names of the site's agencies, kept in the cache until an agency is saved or deleted: a national
	site's 8,300 names are read once, not on every plan form."""
	return frappe.get_all("ITA Agency", pluck="name", order_by="name")


def clear_agency_names(doc=None, method=None) -> None:
	"""doc_events of ITA Agency."""
	known_agency_names.clear_cache()


def load_indicator_results(assessment: str) -> list[checks.IndicatorResult]:
	names = indicator_names()
	results = {
		row.name: checks.IndicatorResult(
			row.name,
			row.indicator,
			row.score,
			bool(row.needs_measure),
			analysis=row.analysis,
			label=indicator_label(row.indicator, names.get(row.indicator)),
		)
		for row in frappe.get_all(
			"ITA Indicator Result",
			filters={"assessment": assessment},
			fields=["name", "indicator", "score", "needs_measure", "analysis"],
			order_by="indicator",
		)
	}
	for row in frappe.get_all(
		"ITA Weak Question",
		filters={"parenttype": "ITA Indicator Result", "parent": ("in", list(results) or [""])},
		fields=["parent", "question_code", "score"],
		order_by="idx",
	):
		results[row.parent].weak_questions.append(checks.WeakQuestion(row.question_code, row.score))
	return list(results.values())


def load_measures(plan_name: str) -> list[checks.Measure]:
	measures = {
		row.name: checks.Measure(
			row.name,
			to_date(row.period_start),
			to_date(row.period_end),
			title=row.measure_title,
			analysis=row.analysis,
		)
		for row in frappe.get_all(
			"ITA Measure",
			filters={"plan": plan_name},
			fields=["name", "period_start", "period_end", "measure_title", "analysis"],
			order_by="sequence, creation",
		)
	}
	for row in frappe.get_all(
		"ITA Measure Indicator Result",
		filters={"parenttype": "ITA Measure", "parent": ("in", list(measures) or [""])},
		fields=["parent", "indicator_result"],
	):
		measures[row.parent].answers.add(row.indicator_result)
	for row in frappe.get_all(
		"ITA Action Step",
		filters={"plan": plan_name},
		fields=["name", "measure", "start_date", "due_date", "description", "remarks", "responsible_user"],
		order_by="sequence, creation",
	):
		measures[row.measure].steps.append(
			checks.Step(
				row.name,
				to_date(row.start_date),
				to_date(row.due_date),
				row.description,
				row.remarks,
				row.responsible_user,
			)
		)
	return list(measures.values())
