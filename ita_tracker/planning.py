"""From a result to a draft plan: proposed measures from the measure library, measures saved back to the
library, and unfinished steps carried over from last year's plan on the officer's request."""

import json
from datetime import date

import frappe
from dateutil.relativedelta import relativedelta
from frappe import _
from frappe.utils import getdate

from ita_tracker.exceptions import DuplicatePlanError
from ita_tracker.ita_tracker.doctype.ita_plan.ita_plan import live_plan
from ita_tracker.revisions import same_work
from ita_tracker.rules.deadlines import FINISHED


@frappe.whitelist()
def make_plan(assessment: str) -> str:
	"""The draft plan answering `assessment`, with a proposed measure for each result that needs one."""
	frappe.has_permission("ITA Plan", "create", throw=True)
	if existing := frappe.db.get_value("ITA Plan", {"live_assessment": assessment}):
		return existing
	logged = len(frappe.local.message_log)
	frappe.db.savepoint("make_plan")
	try:
		plan = frappe.get_doc({"doctype": "ITA Plan", "assessment": assessment}).insert()
	except (DuplicatePlanError, frappe.DuplicateEntryError):
		# Lost the race to a concurrent call (or a plan made in the desk): the assessment's plan, or the new
		# fiscal year it made on the way, was committed after this transaction's snapshot was taken.
		frappe.db.rollback(save_point="make_plan")
		if winner := live_plan(assessment):
			del frappe.local.message_log[logged:]
			return winner
		raise
	divisions = frappe.get_all(
		"ITA Division", filters={"agency": plan.agency}, fields=["name", "division_name"]
	)
	for result in frappe.get_all(
		"ITA Indicator Result",
		filters={"assessment": assessment, "needs_measure": 1},
		fields=["name", "indicator", "analysis"],
		order_by="indicator",
	):
		questions = frappe.get_all(
			"ITA Weak Question",
			filters={"parenttype": "ITA Indicator Result", "parent": result.name},
			fields=["question", "question_code"],
			order_by="idx",
		)
		for template in proposed_templates(result.indicator, {q.question_code for q in questions}):
			propose_measure(plan, result, questions, template, divisions)
	return plan.name


def proposed_templates(indicator: str, codes: set[str]) -> list:
	"""Templates of the indicator that answer one of the weakest questions; else those for any question."""
	templates = [
		frappe.get_doc("ITA Measure Template", name)
		for name in frappe.get_all("ITA Measure Template", filters={"indicator": indicator}, pluck="name")
	]
	matching = [template for template in templates if codes & set(template.codes())]
	return matching or [template for template in templates if not template.codes()] or templates[:1] or [None]


def propose_measure(plan, result, questions, template, divisions):
	start, end = getdate(plan.period_start), getdate(plan.period_end)
	chosen = [
		d.name for d in divisions if template and template.typical_division in (d.name, d.division_name)
	]
	measure = frappe.get_doc(
		{
			"doctype": "ITA Measure",
			"plan": plan.name,
			"template": template.name if template else None,
			"measure_title": template.measure_title
			if template
			else _("Measure for indicator {0}").format(result.indicator),
			"analysis": result.analysis or (template.analysis if template else None),
			"indicator_results": [{"indicator_result": result.name}],
			"questions": [{"question": q.question} for q in questions],
			"responsible_divisions": [{"division": name} for name in chosen or [d.name for d in divisions]],
		}
	).insert()
	for sequence, step in enumerate(template.steps if template else [], 1):
		frappe.get_doc(
			{
				"doctype": "ITA Action Step",
				"measure": measure.name,
				"sequence": sequence,
				"description": step.description,
				"start_date": min(start + relativedelta(days=step.start_offset_days), end),
				"due_date": min(start + relativedelta(days=step.due_offset_days), end),
			}
		).insert()


@frappe.whitelist()
def save_as_template(measure: str) -> str:
	"""Adds a measure, with its steps as offsets from its plan's start, to the measure library."""
	frappe.has_permission("ITA Measure Template", "create", throw=True)
	doc = frappe.get_doc("ITA Measure", measure)
	doc.check_permission("read")
	plan_start = getdate(frappe.db.get_value("ITA Plan", doc.plan, "period_start"))
	results = [row.indicator_result for row in doc.indicator_results]
	codes = frappe.get_all(
		"ITA Question",
		filters={"name": ("in", [row.question for row in doc.questions] or [""])},
		pluck="question_code",
	)
	steps = frappe.get_all(
		"ITA Action Step",
		filters={"measure": doc.name},
		fields=["description", "start_date", "due_date"],
		order_by="sequence, creation",
	)
	return (
		frappe.get_doc(
			{
				"doctype": "ITA Measure Template",
				"indicator": frappe.db.get_value("ITA Indicator Result", results[0], "indicator"),
				"question_codes": ", ".join(codes),
				"measure_title": doc.measure_title,
				"analysis": doc.analysis,
				"steps": [
					{
						"description": step.description,
						"start_offset_days": _days_after(plan_start, step.start_date),
						"due_offset_days": _days_after(plan_start, step.due_date),
					}
					for step in steps
				],
			}
		)
		.insert()
		.name
	)


def _days_after(start: date, day) -> int:
	return max((getdate(day) - start).days, 0) if day else 0


@frappe.whitelist()
@frappe.read_only()
def carry_over_candidates(plan: str) -> list[dict]:
	"""Unfinished steps of the agency's plan for the previous fiscal year, not carried over yet."""
	doc = frappe.get_doc("ITA Plan", plan)
	doc.check_permission("read")
	previous = frappe.db.get_value(
		"ITA Plan",
		{"agency": doc.agency, "fiscal_year": str(int(doc.fiscal_year) - 1), "docstatus": ("<", 2)},
		order_by="docstatus desc, creation desc",
	)
	if not previous:
		return []
	# A step carried before last year's plan was revised is carried as each of its revisions too.
	carried = same_work(
		"ITA Action Step",
		frappe.get_all(
			"ITA Action Step", filters={"plan": plan, "carried_from": ("is", "set")}, pluck="carried_from"
		),
	)
	return frappe.get_all(
		"ITA Action Step",
		filters={"plan": previous, "status": ("not in", FINISHED), "name": ("not in", list(carried) or [""])},
		fields=["name", "description", "status", "due_date", "measure"],
		order_by="measure, sequence",
	)


@frappe.whitelist()
def carry_over(plan: str, steps: str | list) -> list[str]:
	"""Continues the chosen unfinished steps in `plan`, each linked to its origin, under a measure that
	continues the origin's measure and answers the same indicators in the plan's assessment."""
	frappe.has_permission("ITA Action Step", "create", throw=True)
	doc = frappe.get_doc("ITA Plan", plan)
	steps = json.loads(steps) if isinstance(steps, str) else steps
	allowed = {candidate.name for candidate in carry_over_candidates(plan)}
	created = []
	for name in steps:
		if name not in allowed:
			frappe.throw(_("Step {0} is not an unfinished step of last year's plan.").format(name))
		origin = frappe.get_doc("ITA Action Step", name)
		created.append(
			frappe.get_doc(
				{
					"doctype": "ITA Action Step",
					"measure": continuing_measure(doc, origin.measure),
					"description": origin.description,
					"responsible_user": origin.responsible_user,
					"division": origin.division,
					"start_date": doc.period_start,
					"due_date": doc.period_end,
					"carried_from": origin.name,
				}
			)
			.insert()
			.name
		)
	return created


def continuing_measure(plan, measure: str) -> str:
	if existing := frappe.db.get_value(
		"ITA Measure", {"plan": plan.name, "carried_from": ("in", list(same_work("ITA Measure", [measure])))}
	):
		return existing
	origin = frappe.get_doc("ITA Measure", measure)
	indicators = frappe.get_all(
		"ITA Indicator Result",
		filters={"name": ("in", [row.indicator_result for row in origin.indicator_results])},
		pluck="indicator",
	)
	results = frappe.get_all(
		"ITA Indicator Result",
		filters={"assessment": plan.assessment, "indicator": ("in", indicators or [""])},
		pluck="name",
	)
	if not results:
		frappe.throw(
			_(
				"Assessment {0} has no result for the indicators of measure {1}; enter them before carrying it over."
			).format(plan.assessment, origin.name)
		)
	return (
		frappe.get_doc(
			{
				"doctype": "ITA Measure",
				"plan": plan.name,
				"carried_from": origin.name,
				"measure_title": origin.measure_title,
				"analysis": origin.analysis,
				"indicator_results": [{"indicator_result": result} for result in results],
				"questions": [{"question": row.question} for row in origin.questions],
				"responsible_divisions": [{"division": row.division} for row in origin.responsible_divisions],
				"responsible_user": origin.responsible_user,
			}
		)
		.insert()
		.name
	)
