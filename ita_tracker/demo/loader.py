"""Loads the reference municipality's 2568 assessment and its 2569 plan (khwao_yai_2568.json).

Every record is found by its natural key. A missing one is created; one that still holds what the demo
gives is left untouched, so loading twice leaves the same data. One that holds something else was changed
after loading (by the officer, an import, ...): the loader leaves it as it is and lists it with the
fields that differ and who changed it last. Nothing of a plan that has left Draft or Rejected is written
(`PLAN_STATES`: the plan, its measures and steps, the assessment and results it prints). A record that
fails validation is rolled back alone and listed with the reason.
Scores, years and periods are kept as the document prints them (Thai digits, Thai dates) and go
through the same parsers an officer's input does.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import frappe
from frappe.model import table_fields
from frappe.utils import cint, cstr, flt, getdate

from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.ita_tracker.doctype.ita_question.ita_question import get_question
from ita_tracker.permissions import PLAN_STATES, answering_plan
from ita_tracker.rules.thai import parse_be_year, parse_number, parse_thai_period

DEMO_FILE = Path(__file__).with_name("khwao_yai_2568.json")


@dataclass
class Kept:
	"""A demo record changed after loading, left as it is."""

	doctype: str
	name: str
	fields: list[str]
	modified_by: str
	modified: datetime


@dataclass
class DemoLoad:
	"""What a load did."""

	plan: str | None = None
	created: list[tuple[str, str]] = field(default_factory=list)
	unchanged: int = 0
	kept: list[Kept] = field(default_factory=list)
	frozen: tuple[str, str] | None = None  # the plan and its state, when it is not open
	failed: list[tuple[str, str, str]] = field(default_factory=list)  # doctype, record, message


def load_demo() -> str:
	"""Loads the demo and returns the name of its plan."""
	return DemoLoader().load().plan


class DemoLoader:
	def __init__(self):
		self.report = DemoLoad()

	def load(self) -> DemoLoad:
		data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
		assessed_in = parse_be_year(data["assessment"]["fiscal_year"])
		ensure_fiscal_year(assessed_in)

		agency = self.record("ITA Agency", {"agency_name": data["agency"]["agency_name"]}, data["agency"])
		divisions = [
			self.record("ITA Division", {"agency": agency, "division_name": division}, {})
			for division in data["divisions"]
		]
		questions = {
			question["code"]: self.load_question(question, assessed_in) for question in data["questions"]
		}
		assessment_keys = {"agency": agency, "fiscal_year": str(assessed_in)}
		plan_fiscal_year = ensure_fiscal_year(parse_be_year(data["plan"]["fiscal_year"]))
		if self.plan_is_closed(frappe.db.get_value("ITA Assessment", assessment_keys), plan_fiscal_year):
			return self.report
		assessment = self.record(
			"ITA Assessment",
			assessment_keys,
			{"overall_score": parse_number(data["assessment"]["overall_score"])},
		)
		results = {
			result["indicator"]: self.load_indicator_result(result, assessment, questions)
			for result in data["indicator_results"]
		}
		self.load_plan(data["plan"], assessment, plan_fiscal_year, results, questions, divisions)
		return self.report

	def plan_is_closed(self, assessment: str | None, fiscal_year: str) -> bool:
		"""Whether the demo plan exists and its state lets no content change (then neither may the
		assessment and results it prints): its live plan, else its last cancelled one."""
		if not assessment:
			return False
		plan = answering_plan(assessment) or frappe.db.get_value(
			"ITA Plan",
			{"assessment": assessment, "fiscal_year": fiscal_year},
			["name", "status"],
			as_dict=True,
			order_by="creation desc",
		)
		if not plan or "content" in PLAN_STATES.get(plan.status, set()):
			return False
		self.report.plan, self.report.frozen = plan.name, (plan.name, plan.status)
		return True

	def record(
		self, doctype: str, keys: dict, values: dict, new_values: dict | None = None, name: str | None = None
	) -> str | None:
		"""The demo record `name` or found by its natural `keys`: created with `values` (and `new_values`)
		when missing, left as it is otherwise, and listed when it no longer holds `values`."""
		name = name or (frappe.db.get_value(doctype, keys) if keys else None)
		if name:
			doc = frappe.get_doc(doctype, name)
			if changed := differing_fields(doc, values):
				self.report.kept.append(Kept(doctype, name, changed, doc.modified_by, doc.modified))
			else:
				self.report.unchanged += 1
			return name
		frappe.db.savepoint("ita_demo_record")
		try:
			doc = frappe.new_doc(doctype)
			doc.update({**keys, **values, **(new_values or {})})
			doc.insert()
		except frappe.ValidationError as error:
			frappe.db.rollback(save_point="ita_demo_record")
			frappe.clear_messages()
			described = ", ".join(cstr(value) for value in keys.values())
			self.report.failed.append((doctype, described, cstr(error) or type(error).__name__))
			return None
		self.report.created.append((doctype, doc.name))
		return doc.name

	def load_question(self, question: dict, fiscal_year: int) -> str | None:
		values = {
			"question_code": question["code"],
			"indicator": str(question["indicator"]),
			"question_text": question["text"],
		}
		applies_in = {"applies_in": [{"fiscal_year": str(fiscal_year)}]}
		return self.record(
			"ITA Question", {}, values, applies_in, get_question(question["code"], fiscal_year)
		)

	def load_indicator_result(self, result: dict, assessment: str | None, questions: dict) -> str | None:
		if not assessment:
			return None
		return self.record(
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

	def load_plan(
		self, plan: dict, assessment, fiscal_year: str, results: dict, questions: dict, divisions: list
	) -> None:
		if not assessment:
			return
		period_start, period_end = parse_thai_period(plan["period"])
		plan_name = self.record(
			"ITA Plan",
			# The live plan: plan_is_closed has seen to a submitted or cancelled one.
			{"assessment": assessment, "fiscal_year": fiscal_year, "docstatus": 0},
			{"period_start": period_start, "period_end": period_end},
		)
		self.report.plan = plan_name
		if not plan_name:
			return
		for sequence, measure in enumerate(plan["measures"], 1):
			start, end = parse_thai_period(measure["period"])
			measure_name = self.record(
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
				if measure_name:
					self.record(
						"ITA Action Step",
						{"measure": measure_name, "sequence": step_sequence},
						{"description": step, "start_date": start, "due_date": end},
					)


def differing_fields(doc, values: dict) -> list[str]:
	"""The fields of `values` that `doc` holds otherwise; tables compared on the columns `values` gives."""
	return [
		fieldname
		for fieldname, value in values.items()
		if comparable(doc.meta, fieldname, doc.get(fieldname), value)
		!= comparable(doc.meta, fieldname, value, value)
	]


def comparable(meta, fieldname: str, value, wanted):
	"""`value` as the database would hold it, for comparing what is stored with what the demo gives."""
	fieldtype = meta.get_field(fieldname).fieldtype
	if fieldtype in table_fields:
		child = frappe.get_meta(meta.get_field(fieldname).options)
		columns = sorted({column for row in wanted for column in row})
		return [
			tuple(comparable(child, column, row.get(column), None) for column in columns)
			for row in value or []
		]
	if fieldtype in ("Float", "Currency", "Percent"):
		return flt(value)
	if fieldtype in ("Int", "Check"):
		return cint(value)
	if fieldtype == "Date":
		return getdate(value) if value else None
	return cstr(value)
