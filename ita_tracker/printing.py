"""What the O25 plan and O26 progress report print, from the data alone, in Thai, with Buddhist Era
dates and (per ITA Settings) Thai digits. The templates call these through Jinja (hooks.jinja)."""

from collections import defaultdict

import frappe
from frappe.utils import cint, getdate

from ita_tracker.evidence import evidence_links
from ita_tracker.ita_tracker.doctype.ita_settings.ita_settings import get_setting, get_target_score
from ita_tracker.rules.deadlines import FINISHED
from ita_tracker.rules.thai import format_number, format_thai_date, to_thai_digits

LANG = "th"


def th(message: str) -> str:
	"""An English source text in Thai, whatever the reader's language: the published document is Thai."""
	return frappe._(message, lang=LANG)


def thai_digits() -> bool:
	return bool(cint(get_setting("print_thai_digits")))


def ita_date(value) -> str:
	return format_thai_date(getdate(value), thai_digits=thai_digits()) if value else ""


def ita_number(value, precision: int = 2) -> str:
	return format_number(value or 0, precision, thai_digits=thai_digits())


def ita_text(value) -> str:
	"""Numbers inside a text (a year, an indicator number) in the digits the settings ask for."""
	return to_thai_digits(str(value)) if thai_digits() else str(value)


def o25(plan_name: str) -> dict:
	"""The plan, its agency and assessment, each indicator result with its weakest questions, and each
	measure with its steps and responsible divisions; one query per DocType."""
	plan = frappe.get_doc("ITA Plan", plan_name)
	assessment = frappe.get_doc("ITA Assessment", plan.assessment)
	agency = frappe.get_doc("ITA Agency", plan.agency)
	results = frappe.get_all(
		"ITA Indicator Result",
		filters={"assessment": assessment.name},
		fields=["name", "indicator", "score", "needs_measure", "analysis"],
	)
	indicators = {
		row.name: row
		for row in frappe.get_all("ITA Indicator", fields=["name", "indicator_no", "indicator_name", "tool"])
	}
	results.sort(key=lambda result: indicators[result.indicator].indicator_no)
	questions = _weak_questions([result.name for result in results])
	for result in results:
		result.indicator_no = indicators[result.indicator].indicator_no
		result.indicator_name = indicators[result.indicator].indicator_name
		result.weak_questions = questions[result.name]
	measures = _measures(plan.name, {result.name: result for result in results}, agency.name)
	return frappe._dict(
		plan=plan,
		agency=agency,
		assessment=assessment,
		assessed_in=assessment.fiscal_year,
		target=get_target_score(),
		meets_target=assessment.overall_score >= get_target_score(),
		rating=th(assessment.rating) if assessment.rating else "",
		results=results,
		measures=measures,
	)


def o26(plan_name: str, as_of=None) -> dict:
	"""The O25 context with each step's status as of a date: finished only if completed by then."""
	context = o25(plan_name)
	as_of = getdate(as_of)
	for measure in context.measures:
		for step in measure.steps:
			finished_by_then = (
				step.status in FINISHED and step.completion_date and getdate(step.completion_date) <= as_of
			)
			step.status_as_of = (
				step.status if finished_by_then or step.status not in FINISHED else "In Progress"
			)
			step.evidence_links = evidence_links(step)
	context.as_of = as_of
	return context


def _weak_questions(result_names: list[str]) -> dict[str, list]:
	rows = frappe.get_all(
		"ITA Weak Question",
		filters={"parenttype": "ITA Indicator Result", "parent": ("in", result_names or [""])},
		fields=["parent", "question", "question_code", "score"],
		order_by="idx",
	)
	texts = dict(
		frappe.get_all(
			"ITA Question",
			filters={"name": ("in", [row.question for row in rows] or [""])},
			fields=["name", "question_text"],
			as_list=True,
		)
	)
	by_result = defaultdict(list)
	for row in rows:
		row.question_text = texts.get(row.question)
		by_result[row.parent].append(row)
	return by_result


def _measures(plan_name: str, results: dict, agency: str) -> list:
	measures = frappe.get_all(
		"ITA Measure",
		filters={"plan": plan_name},
		fields=["name", "sequence", "measure_title", "analysis", "period_start", "period_end", "status"],
		order_by="sequence, creation",
	)
	names = [measure.name for measure in measures] or [""]
	children = defaultdict(lambda: defaultdict(list))
	for doctype, fieldname in (
		("ITA Measure Indicator Result", "indicator_result"),
		("ITA Measure Question", "question"),
		("ITA Measure Division", "division"),
	):
		for row in frappe.get_all(
			doctype,
			filters={"parenttype": "ITA Measure", "parent": ("in", names)},
			fields=["parent", fieldname],
			order_by="idx",
		):
			children[row.parent][fieldname].append(row[fieldname])
	questions = dict(
		frappe.get_all(
			"ITA Question",
			filters={"name": ("in", [q for c in children.values() for q in c["question"]] or [""])},
			fields=["name", "question_code"],
			as_list=True,
		)
	)
	division_names = dict(
		frappe.get_all(
			"ITA Division", filters={"agency": agency}, fields=["name", "division_name"], as_list=True
		)
	)
	steps = defaultdict(list)
	for step in frappe.get_all(
		"ITA Action Step",
		filters={"plan": plan_name},
		fields=[
			"name",
			"measure",
			"sequence",
			"description",
			"start_date",
			"due_date",
			"status",
			"completion_date",
			"evidence_url",
			"evidence_file",
		],
		order_by="sequence, creation",
	):
		steps[step.measure].append(step)
	for measure in measures:
		answered = [results[name] for name in children[measure.name]["indicator_result"] if name in results]
		measure.indicators = sorted({(r.indicator_no, r.indicator_name) for r in answered})
		measure.question_codes = [questions.get(q, q) for q in children[measure.name]["question"]]
		divisions = children[measure.name]["division"]
		measure.divisions = (
			[th("All divisions")]
			if division_names and set(divisions) == set(division_names)
			else [division_names.get(d, d) for d in divisions]
		)
		measure.steps = steps[measure.name]
	return measures
