"""Loads the reference municipality's 2568 assessment and its 2569 plan (khwao_yai_2568.json).

Every record is found by its natural key and updated in place, so loading twice leaves the same data.
Scores, years and periods are kept as the document prints them (Thai digits, Thai dates) and go
through the same parsers an officer's input does.
"""

import json
from pathlib import Path

import frappe

from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.ita_tracker.doctype.ita_question.ita_question import get_question
from ita_tracker.rules.thai import parse_be_year, parse_number, parse_thai_period
from ita_tracker.utils import upsert

DEMO_FILE = Path(__file__).with_name("khwao_yai_2568.json")


def load_demo() -> str:
	"""Loads the demo and returns the name of its plan."""
	data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
	assessed_in = parse_be_year(data["assessment"]["fiscal_year"])
	ensure_fiscal_year(assessed_in)

	agency = upsert("ITA Agency", {"agency_name": data["agency"]["agency_name"]}, data["agency"])
	divisions = [
		upsert("ITA Division", {"agency": agency, "division_name": division}, {})
		for division in data["divisions"]
	]
	questions = {question["code"]: load_question(question, assessed_in) for question in data["questions"]}
	assessment = upsert(
		"ITA Assessment",
		{"agency": agency, "fiscal_year": str(assessed_in)},
		{"overall_score": parse_number(data["assessment"]["overall_score"])},
	)
	results = {
		result["indicator"]: load_indicator_result(result, assessment, questions)
		for result in data["indicator_results"]
	}
	return load_plan(data["plan"], assessment, results, questions, divisions)


def load_question(question: dict, fiscal_year: int) -> str:
	name = get_question(question["code"], fiscal_year)
	doc = frappe.get_doc("ITA Question", name) if name else frappe.new_doc("ITA Question")
	doc.update(
		{
			"question_code": question["code"],
			"indicator": str(question["indicator"]),
			"question_text": question["text"],
		}
	)
	if not name:
		doc.append("applies_in", {"fiscal_year": str(fiscal_year)})
	doc.save()
	return doc.name


def load_indicator_result(result: dict, assessment: str, questions: dict) -> str:
	return upsert(
		"ITA Indicator Result",
		{"assessment": assessment, "indicator": str(result["indicator"])},
		{
			"score": parse_number(result["score"]),
			"measure_requested": result.get("measure_requested", 0),
			"analysis": result["analysis"],
			"weak_questions": [
				{"question": questions[code], "score": parse_number(score)}
				for code, score in result["weak_questions"]
			],
		},
	)


def load_plan(plan: dict, assessment: str, results: dict, questions: dict, divisions: list) -> str:
	period_start, period_end = parse_thai_period(plan["period"])
	plan_name = upsert(
		"ITA Plan",
		{"assessment": assessment, "fiscal_year": ensure_fiscal_year(parse_be_year(plan["fiscal_year"]))},
		{"period_start": period_start, "period_end": period_end},
	)
	for sequence, measure in enumerate(plan["measures"], 1):
		start, end = parse_thai_period(measure["period"])
		measure_name = upsert(
			"ITA Measure",
			{"plan": plan_name, "sequence": sequence},
			{
				"measure_title": measure["title"],
				"analysis": measure["analysis"],
				"period_start": start,
				"period_end": end,
				"indicator_results": [
					{"indicator_result": results[number]} for number in measure["indicators"]
				],
				"questions": [{"question": questions[code]} for code in measure["questions"]],
				# The document names "every division" (ทุกสำนัก/กอง) for every measure.
				"responsible_divisions": [{"division": division} for division in divisions],
			},
		)
		for step_sequence, step in enumerate(measure["steps"], 1):
			upsert(
				"ITA Action Step",
				{"measure": measure_name, "sequence": step_sequence},
				{"description": step, "start_date": start, "due_date": end},
			)
	return plan_name
