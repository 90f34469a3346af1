"""From a result to a draft plan: proposed measures from the measure library, measures saved back to the
library, and unfinished steps carried over from last year's plan on the officer's request."""

import json
from datetime import date

import frappe
from dateutil.relativedelta import relativedelta
from frappe import _
from frappe.utils import escape_html, getdate

from ita_tracker.exceptions import DuplicatePlanError, RestrictedFieldError
from ita_tracker.input_checks import set_by_the_app
from ita_tracker.ita_tracker.doctype.ita_plan.ita_plan import live_plan
from ita_tracker.permissions import (
	plan_allows,
	refuse_planning_above_level,
	steps_open_to_planning,
	validate_proposing,
)
from ita_tracker.revisions import same_work
from ita_tracker.rules.deadlines import FINISHED
from ita_tracker.utils import child_values, indicator_names


@frappe.whitelist()
def make_plan(assessment: str) -> str:
	"""The draft plan answering `assessment`, with the measures the library proposes for each result that
	needs one. An existing plan is returned as it is: `add_proposed_measures` adds what is missing to it."""
	frappe.has_permission("ITA Plan", "create", throw=True)
	if existing := frappe.db.get_value("ITA Plan", {"live_assessment": assessment}):
		say_plan_exists(assessment, existing)
		return existing
	proposals = library_proposals(assessment)
	logged = len(frappe.local.message_log)
	frappe.db.savepoint("make_plan")
	try:
		plan = frappe.get_doc(
			{"doctype": "ITA Plan", "assessment": assessment, "proposals": proposal_rows(proposals)}
		).insert()
	except (DuplicatePlanError, frappe.DuplicateEntryError):
		# Lost the race to a concurrent call (or a plan made in the desk): the assessment's plan, or the new
		# fiscal year it made on the way, was committed after this transaction's snapshot was taken.
		frappe.db.rollback(save_point="make_plan")
		if winner := live_plan(assessment):
			del frappe.local.message_log[logged:]
			return winner
		raise
	propose_measures(plan, proposals)
	return plan.name


def say_plan_exists(assessment: str, plan: str) -> None:
	"""Create Plan on an assessment that has its plan opens that plan: the user is told, not left to wonder
	whether a new plan was made."""
	assessment_title = frappe.db.get_value("ITA Assessment", assessment, "title") or assessment
	plan_title = frappe.db.get_value("ITA Plan", plan, "title") or plan
	frappe.msgprint(
		_("Assessment {0} already has a plan, {1}: it is opened instead of a new one.").format(
			frappe.bold(escape_html(assessment_title)), frappe.bold(escape_html(plan_title))
		),
		indicator="blue",
		alert=True,
	)


@frappe.whitelist(methods=["POST"])
def add_proposed_measures(plan: str) -> list[str]:
	"""Adds to an open plan the measures the library proposes for each result that needs a measure (also
	one the officer flagged after the plan was made) and that the plan leaves unanswered. The rule that
	keeps the officer's work: a result answered by any measure of the plan is left alone, and so is a
	result the plan has proposed for once (its `proposals`), even if the officer deleted those measures
	since. Returns the new measures."""
	# The plan's row lock makes concurrent calls queue; each then reads what the one before committed
	# (the plan's proposals with the same lock, the answered results with a locking read).
	doc = frappe.get_doc("ITA Plan", plan, for_update=True)
	doc.check_permission("write")
	validate_proposing(doc)
	done = answered_results(doc.name) | {row.indicator_result for row in doc.proposals}
	proposals = library_proposals(doc.assessment, skip=done)
	if not proposals:
		return []
	doc.extend("proposals", proposal_rows(proposals))
	doc.save()
	return propose_measures(doc, proposals)


def answered_results(plan: str) -> set[str]:
	"""Indicator results answered by a measure of `plan`, as committed now."""
	measure, answers = frappe.qb.DocType("ITA Measure"), frappe.qb.DocType("ITA Measure Indicator Result")
	rows = (
		frappe.qb.from_(answers)
		.join(measure)
		.on(measure.name == answers.parent)
		.select(answers.indicator_result)
		.where((answers.parenttype == "ITA Measure") & (measure.plan == plan))
		.for_update()
	).run()
	return {row[0] for row in rows}


def library_proposals(assessment: str, skip: set[str] = frozenset()) -> list[frappe._dict]:
	"""For each result of `assessment` that needs a measure and is not in `skip`: its weakest questions
	and the templates of the library that answer them."""
	proposals = []
	for result in frappe.get_all(
		"ITA Indicator Result",
		filters={"assessment": assessment, "needs_measure": 1},
		fields=["name", "indicator", "analysis"],
		order_by="indicator",
	):
		if result.name in skip:
			continue
		questions = frappe.get_all(
			"ITA Weak Question",
			filters={"parenttype": "ITA Indicator Result", "parent": result.name},
			fields=["question", "question_code"],
			order_by="idx",
		)
		templates = proposed_templates(result.indicator, {q.question_code for q in questions})
		proposals.append(frappe._dict(result=result, questions=questions, templates=templates))
	return proposals


def proposal_rows(proposals) -> list[dict]:
	return [
		{"indicator_result": proposal.result.name, "measures_proposed": len(proposal.templates)}
		for proposal in proposals
	]


def propose_measures(plan, proposals) -> list[str]:
	divisions = frappe.get_all(
		"ITA Division", filters={"agency": plan.agency}, fields=["name", "division_name"]
	)
	return [
		propose_measure(plan, proposal.result, proposal.questions, template, divisions)
		for proposal in proposals
		for template in proposal.templates
	]


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
	)
	set_by_the_app(measure).insert()
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
	return measure.name


# The plan's view of its measures and steps --------------------------------------------------------------

# What the plan form edits in place: a step's planning; its progress is reported on the step itself.
INLINE_STEP_FIELDS = ("description", "responsible_user", "division", "start_date", "due_date")
STEP_VIEW_FIELDS = ["name", "measure", "sequence", "status", "progress", *INLINE_STEP_FIELDS]


@frappe.whitelist()
def plan_overview(plan: str) -> dict:
	"""The plan's measures grouped by the indicator they answer, each with its steps, as far as the user
	may read them, and which steps the user may plan now (the plan form's "Measures and Steps")."""
	doc = frappe.get_doc("ITA Plan", plan)
	doc.check_permission("read")
	measures = frappe.get_list(
		"ITA Measure",
		filters={"plan": plan},
		fields=["name", "measure_title", "status", "period_start", "period_end", "template", "carried_from"],
		order_by="sequence asc, creation asc",
	)
	names = [m.name for m in measures]
	answers = child_values("ITA Measure Indicator Result", "indicator_result", "ITA Measure", names)
	divisions = child_values("ITA Measure Division", "division", "ITA Measure", names)
	steps = frappe.get_list(
		"ITA Action Step",
		filters={"plan": plan},
		fields=STEP_VIEW_FIELDS,
		order_by="sequence asc, creation asc",
	)
	editable = steps_open_to_planning(plan, steps)
	results = frappe.get_list(
		"ITA Indicator Result",
		filters={"assessment": doc.assessment},
		fields=["name", "indicator", "score", "needs_measure"],
	)
	return {
		"content_open": plan_allows(plan, "content"),
		"can_add_steps": plan_allows(plan, "content") and frappe.has_permission("ITA Action Step", "create"),
		"results": results,
		"indicator_names": indicator_names(),
		"division_names": dict(
			frappe.get_all(
				"ITA Division", filters={"agency": doc.agency}, fields=["name", "division_name"], as_list=True
			)
		),
		"user_names": user_names({s.responsible_user for s in steps} - {None, ""}),
		"measures": [
			{**m, "indicator_results": answers[m.name], "divisions": divisions[m.name]} for m in measures
		],
		"steps": [{**step, "editable": step.name in editable} for step in steps],
	}


def user_names(users: set[str]) -> dict[str, str]:
	return {
		row.name: row.full_name or row.name
		for row in frappe.get_all(
			"User", filters={"name": ("in", list(users) or [""])}, fields=["name", "full_name"]
		)
	}


@frappe.whitelist(methods=["POST"])
def update_step(step: str, values: str | dict) -> dict:
	"""Saves the planning of a step edited in the plan form. The step is saved as its own form saves it:
	with the user's write permission and the step's validation (permissions.validate_step_change), so what
	the step form refuses is refused here too; a field the step form shows read-only to the user is refused
	by name rather than quietly kept."""
	values = frappe.parse_json(values) or {}
	if other := sorted(set(values) - set(INLINE_STEP_FIELDS)):
		frappe.throw(
			_("The plan form edits a step's planning only, not {0}: open step {1} for it.").format(
				", ".join(other), step
			),
			exc=RestrictedFieldError,
			title=_("Not Permitted"),
		)
	doc = frappe.get_doc("ITA Action Step", step)
	doc.check_permission("write")
	refuse_planning_above_level(doc, values)
	doc.update(values)
	doc.save()
	row = {fieldname: doc.get(fieldname) for fieldname in STEP_VIEW_FIELDS}
	row["editable"] = step in steps_open_to_planning(doc.plan, [row])
	row["user_names"] = user_names({doc.responsible_user} - {None, ""})
	return row


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
		step = frappe.get_doc(
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
		created.append(set_by_the_app(step).insert().name)
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
	measure = frappe.get_doc(
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
	return set_by_the_app(measure).insert().name
