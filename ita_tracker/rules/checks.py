"""Consistency checks of an ITA assessment and its improvement plan.

Errors block a save; warnings are shown and listed. Each finding carries a stable code (tests and
the Frappe side map it to an exception class), an English message template marked with `_` so that
Frappe's translation extractor finds it, and the values that fill the template, so the message
always names the offending value.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from ita_tracker.rules.fiscal import fiscal_year_bounds, is_within
from ita_tracker.rules.free_text import AgencyNameReader, measure_request

ERROR = "error"
WARNING = "warning"

# Weighted sums are compared after each score was rounded to two decimals by the NACC.
ROUNDING_TOLERANCE = Decimal("0.02")


def _(message: str) -> str:
	"""Marks a message for translation; the Frappe side translates it when it shows it."""
	return message


TOOL_SCORE_LABELS = {"IIT": _("IIT score"), "EIT": _("EIT score"), "OIT": _("OIT score")}


@dataclass(frozen=True)
class Finding:
	severity: str
	code: str
	message: str
	values: dict = field(default_factory=dict)
	subject: str = ""
	records: tuple[str, ...] = ()
	"""Every record a finding about many names (the steps without an owner), the subject being their plan."""

	@property
	def is_error(self) -> bool:
		return self.severity == ERROR

	def render(self, translate=_, format_date=date.isoformat) -> str:
		"""The message in the reader's language; a "label" value is a marked term and is translated too."""
		values = {
			key: format_date(value)
			if isinstance(value, date)
			else translate(value)
			if key == "label"
			else value
			for key, value in self.values.items()
		}
		return translate(self.message).format(**values)


@dataclass
class WeakQuestion:
	code: str
	score: Decimal


@dataclass
class IndicatorResult:
	name: str
	indicator: str
	score: Decimal
	needs_measure: bool
	weak_questions: list[WeakQuestion] = field(default_factory=list)
	analysis: str | None = ""
	# What a person reads for the result, e.g. "2. การใช้งบประมาณ"; findings name it so, not by its ID.
	label: str = ""

	@property
	def shown(self) -> str:
		return self.label or self.name


@dataclass
class Assessment:
	name: str
	fiscal_year: int
	overall: Decimal
	tool_scores: dict[str, Decimal]
	tool_weights: dict[str, Decimal] | None = None


@dataclass
class Step:
	name: str
	start: date | None
	due: date | None
	description: str | None = ""
	remarks: str | None = ""
	owner: str | None = ""
	"""The user who reports on the step (its responsible_user)."""

	@property
	def shown(self) -> str:
		return shortened(self.description) or self.name


@dataclass
class Measure:
	name: str
	start: date | None
	end: date | None
	answers: set[str] = field(default_factory=set)
	steps: list[Step] = field(default_factory=list)
	title: str | None = ""
	analysis: str | None = ""

	@property
	def shown(self) -> str:
		return shortened(self.title) or self.name


def shortened(text: str | None, limit: int = 60) -> str:
	"""A record's text as a finding names it: whole when short, else its first `limit` characters."""
	text = " ".join((text or "").split())
	return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass
class Plan:
	name: str
	fiscal_year: int
	start: date | None
	end: date | None
	assessment: Assessment | None = None
	indicator_results: list[IndicatorResult] = field(default_factory=list)
	measures: list[Measure] = field(default_factory=list)
	agency: str = ""
	"""The name of the plan's agency."""
	title: str | None = ""
	known_agencies: list[str] = field(default_factory=list)
	"""The names of the agencies on the site, so that another agency's name is read whole."""


def check_score(label: str, score, subject: str = "") -> Finding | None:
	if score is None or 0 <= Decimal(str(score)) <= 100:
		return None
	return Finding(
		ERROR,
		"score-out-of-range",
		_("{label} must be between 0 and 100, not {score}."),
		{"label": label, "score": score},
		subject,
	)


MAX_TEXT_CHARACTERS = 10_000
"""The most a text field of the app holds: far beyond any analysis, step or remark a plan needs, and within
the 65,535 bytes of MariaDB's TEXT column whatever the script (a Thai letter is 3 bytes in UTF-8)."""


def check_text_length(label: str, text: str | None, subject: str = "") -> Finding | None:
	if not text or len(text) <= MAX_TEXT_CHARACTERS:
		return None
	return Finding(
		ERROR,
		"text-too-long",
		_("{label} has {length} characters; at most {limit} fit."),
		{"label": label, "length": f"{len(text):,}", "limit": f"{MAX_TEXT_CHARACTERS:,}"},
		subject,
	)


def check_period(label: str, start: date | None, end: date | None, subject: str = "") -> Finding | None:
	if not (start and end) or start <= end:
		return None
	return Finding(
		ERROR,
		"period-ends-before-start",
		_("{label} ends on {end} before it starts on {start}."),
		{"label": label, "start": start, "end": end},
		subject,
	)


def check_step_within_measure(step: Step, measure: Measure) -> Finding | None:
	if not (step.due and measure.start and measure.end) or measure.start <= step.due <= measure.end:
		return None
	return Finding(
		ERROR,
		"step-due-outside-measure",
		_("Step {step} is due on {due}, outside its measure's period {start} - {end}."),
		{"step": step.shown, "due": step.due, "start": measure.start, "end": measure.end},
		step.name,
	)


def check_duplicate_assessment(agency: str, fiscal_year: int, existing: str | None) -> Finding | None:
	if not existing:
		return None
	return Finding(
		ERROR,
		"duplicate-assessment",
		_("{agency} already has the assessment {existing} for fiscal year {fiscal_year}."),
		{"agency": agency, "fiscal_year": fiscal_year, "existing": existing},
	)


def check_unanswered_results(
	results: Iterable[IndicatorResult], measures: Iterable[Measure]
) -> list[Finding]:
	answered = set().union(*(measure.answers for measure in measures))
	return [
		Finding(
			WARNING,
			"result-without-measure",
			_("Indicator result {result} ({score}) needs a measure, but no measure answers it."),
			{"result": result.shown, "score": result.score},
			result.name,
		)
		for result in results
		if result.needs_measure and result.name not in answered
	]


def check_weak_questions(result: IndicatorResult) -> list[Finding]:
	return [
		Finding(
			WARNING,
			"weak-question-above-indicator",
			_("Weakest question {code} scores {question_score}, above its indicator's score {score}."),
			{"code": question.code, "question_score": question.score, "score": result.score},
			result.name,
		)
		for question in result.weak_questions
		if Decimal(str(question.score)) > Decimal(str(result.score))
	]


def check_plan_period(plan: Plan) -> Finding | None:
	"""A plan runs within its fiscal year: a date outside it is almost always a B.E. year typed as C.E.
	(2569-10-01) or a C.E. date of another year, and a step so planned is never overdue."""
	if not (plan.start and plan.end):
		return None
	year_start, year_end = fiscal_year_bounds(plan.fiscal_year)
	if is_within(plan.start, plan.end, year_start, year_end):
		return None
	return Finding(
		ERROR,
		"plan-outside-fiscal-year",
		_("Plan period {start} - {end} is outside fiscal year {fiscal_year} ({year_start} - {year_end})."),
		{
			"start": plan.start,
			"end": plan.end,
			"fiscal_year": plan.fiscal_year,
			"year_start": year_start,
			"year_end": year_end,
		},
		plan.name,
	)


def check_measure_in_fiscal_year(measure: Measure, fiscal_year: int) -> Finding | None:
	return _outside_fiscal_year(
		"measure-outside-fiscal-year",
		_("Measure"),
		measure.shown,
		measure.name,
		measure.start,
		measure.end,
		fiscal_year,
	)


def check_step_in_fiscal_year(step: Step, fiscal_year: int) -> Finding | None:
	return _outside_fiscal_year(
		"step-outside-fiscal-year", _("Step"), step.shown, step.name, step.start, step.due, fiscal_year
	)


def _outside_fiscal_year(
	code: str, label: str, shown: str, subject: str, start: date | None, end: date | None, fiscal_year: int
) -> Finding | None:
	"""The planned dates of a measure or step within the fiscal year of its plan (as check_plan_period)."""
	days = [day for day in (start, end) if day]
	year_start, year_end = fiscal_year_bounds(fiscal_year)
	if all(year_start <= day <= year_end for day in days):
		return None
	values = {
		"label": label,
		"record": shown,
		"fiscal_year": fiscal_year,
		"year_start": year_start,
		"year_end": year_end,
	}
	if len(days) == 2:
		return Finding(
			ERROR,
			code,
			_(
				"{label} {record} runs {start} - {end}, outside fiscal year {fiscal_year} of its plan ({year_start} - {year_end})."
			),
			{**values, "start": start, "end": end},
			subject,
		)
	return Finding(
		ERROR,
		code,
		_(
			"{label} {record} is planned on {day}, outside fiscal year {fiscal_year} of its plan ({year_start} - {year_end})."
		),
		{**values, "day": days[0]},
		subject,
	)


def implied_overall(tool_scores: dict[str, Decimal], tool_weights: dict[str, Decimal]) -> Decimal | None:
	"""The overall score the tool scores imply, or None when a score or weight is missing."""
	if not tool_weights or set(tool_weights) != set(tool_scores) or not all(tool_scores.values()):
		return None
	total_weight = sum(Decimal(str(weight)) for weight in tool_weights.values())
	if not total_weight:
		return None
	weighted = sum(
		Decimal(str(tool_scores[tool])) * Decimal(str(tool_weights[tool])) for tool in tool_weights
	)
	return weighted / total_weight


def check_overall_score(assessment: Assessment) -> Finding | None:
	expected = implied_overall(assessment.tool_scores, assessment.tool_weights or {})
	if expected is None or abs(expected - Decimal(str(assessment.overall))) <= ROUNDING_TOLERANCE:
		return None
	return Finding(
		WARNING,
		"overall-disagrees-with-tools",
		_("Overall score {overall} disagrees with {expected}, the weighted sum of the tool scores."),
		{"overall": assessment.overall, "expected": expected.quantize(Decimal("0.01"))},
		assessment.name,
	)


def free_texts(plan: Plan) -> Iterable[tuple[str, str, str, str | None]]:
	"""(record, what a person reads for it, label, text) of every free text of a plan: what an officer
	types, or copies."""
	yield plan.name, plan.name, _("Title"), plan.title
	for result in plan.indicator_results:
		yield result.name, result.shown, _("Analysis"), result.analysis
	for measure in plan.measures:
		yield measure.name, measure.shown, _("Measure"), measure.title
		yield measure.name, measure.shown, _("Analysis"), measure.analysis
		for step in measure.steps:
			yield step.name, step.shown, _("Step"), step.description
			yield step.name, step.shown, _("Remarks"), step.remarks


def check_agency_names(plan: Plan) -> list[Finding]:
	"""Another agency's name in the plan's free text, left there by copying its plan (free_text.py)."""
	if not plan.agency:
		return []
	reader = AgencyNameReader(plan.agency, plan.known_agencies)
	return [
		Finding(
			WARNING,
			"other-agency-name",
			_("{label} of {record} names {other}, not the plan's agency {agency}."),
			{"label": label, "record": shown, "other": other, "agency": plan.agency},
			record,
		)
		for record, shown, label, text in free_texts(plan)
		for other in reader.others_in(text)
	]


BOUNDS_OF_THE_SCALE = (Decimal(0), Decimal(100))
"""Scores many indicators share without any copying (OIT indicators often score 100)."""


def _indicator_order(result: IndicatorResult):
	return (0, int(result.indicator)) if str(result.indicator).isdigit() else (1, str(result.indicator))


def check_repeated_scores(results: Iterable[IndicatorResult]) -> list[Finding]:
	"""An indicator scoring exactly (to the NACC's two decimals) what an earlier indicator of the same
	assessment scores, as when a score is copied from the paragraph above; 0 and 100 are not compared."""
	first_with: dict[Decimal, IndicatorResult] = {}
	findings = []
	for result in sorted(results, key=_indicator_order):
		if result.score is None:
			continue
		score = Decimal(str(result.score)).quantize(Decimal("0.01"))
		if score in BOUNDS_OF_THE_SCALE:
			continue
		if score not in first_with:
			first_with[score] = result
			continue
		findings.append(
			Finding(
				WARNING,
				"score-same-as-other-indicator",
				_(
					"Indicator result {result} scores {score}, exactly as {other} does: check that it was not copied."
				),
				{"result": result.shown, "score": score, "other": first_with[score].shown},
				result.name,
			)
		)
	return findings


def check_measure_requests(results: Iterable[IndicatorResult], measures: Iterable[Measure]) -> list[Finding]:
	"""An analysis that asks for a measure (free_text.MEASURE_REQUEST_PHRASES) which no measure answers.
	A result that needs a measure anyway is left to check_unanswered_results, so it is named once."""
	answered = set().union(*(measure.answers for measure in measures))
	findings = []
	for result in results:
		if result.needs_measure or result.name in answered:
			continue
		if phrase := measure_request(result.analysis):
			findings.append(
				Finding(
					WARNING,
					"analysis-asks-for-measure",
					_(
						"The analysis of indicator result {result} asks for a measure ({phrase}), but no measure answers it."
					),
					{"result": result.shown, "phrase": phrase},
					result.name,
				)
			)
	return findings


def check_plan(plan: Plan) -> list[Finding]:
	"""Every finding on a plan, its measures and steps, and the assessment it answers."""
	findings = [
		check_period(_("Plan"), plan.start, plan.end, plan.name),
		check_plan_period(plan),
	]
	for measure in plan.measures:
		# Dates outside the fiscal year are named unless a finding on the same dates already names them.
		findings.append(
			check_period(_("Measure"), measure.start, measure.end, measure.name)
			or check_measure_in_fiscal_year(measure, plan.fiscal_year)
		)
		for step in measure.steps:
			findings.append(check_period(_("Step"), step.start, step.due, step.name))
			findings.append(
				check_step_within_measure(step, measure) or check_step_in_fiscal_year(step, plan.fiscal_year)
			)
	if plan.assessment:
		findings.append(check_score(_("Overall score"), plan.assessment.overall, plan.assessment.name))
		findings.extend(
			check_score(TOOL_SCORE_LABELS.get(tool, tool), score, plan.assessment.name)
			for tool, score in plan.assessment.tool_scores.items()
		)
		findings.append(check_overall_score(plan.assessment))
	for result in plan.indicator_results:
		findings.append(check_score(_("Indicator score"), result.score, result.name))
		findings.extend(check_score(q.code, q.score, result.name) for q in result.weak_questions)
		findings.extend(check_weak_questions(result))
	findings.extend(check_repeated_scores(plan.indicator_results))
	findings.extend(check_unanswered_results(plan.indicator_results, plan.measures))
	findings.extend(check_measure_requests(plan.indicator_results, plan.measures))
	findings.extend(check_agency_names(plan))
	return [finding for finding in findings if finding]


# Completeness: what a plan must hold before its executive approves it. Warnings while it is a draft; at
# Submit for Approval the plan is refused with them when ITA Settings say so (plan_checks.py).
COMPLETENESS_CODES = (
	"measure-without-analysis",
	"measure-without-steps",
	"steps-without-due-date",
	"steps-without-owner",
)
LISTED_STEPS = 10
"""A finding about many steps names this many, then says how many more."""


def check_measure_complete(measure: Measure) -> list[Finding]:
	"""A measure says what the weak scores show (its analysis, the O25's ผลการวิเคราะห์) and what will be
	done (its steps): without them the O25 prints an empty row that the executive approves."""
	findings = []
	if not (measure.analysis or "").strip():
		findings.append(
			Finding(
				WARNING,
				"measure-without-analysis",
				_(
					"Measure {measure} has no analysis: say what the weak scores show and how it answers them."
				),
				{"measure": measure.shown},
				measure.name,
			)
		)
	if not measure.steps:
		findings.append(
			Finding(
				WARNING,
				"measure-without-steps",
				_("Measure {measure} has no steps: add what will be done, or delete the measure."),
				{"measure": measure.shown},
				measure.name,
			)
		)
	return findings


def _steps_finding(
	code: str, message: str, message_more: str, plan: Plan, steps: list[Step]
) -> Finding | None:
	"""One finding naming every step of `steps` (the first LISTED_STEPS by name), rather than a line each."""
	if not steps:
		return None
	total = sum(len(measure.steps) for measure in plan.measures)
	listed = "; ".join(shortened(step.description, 40) or step.name for step in steps[:LISTED_STEPS])
	more = len(steps) - LISTED_STEPS
	return Finding(
		WARNING,
		code,
		message_more if more > 0 else message,
		{"count": len(steps), "total": total, "steps": listed, "more": more},
		plan.name,
		tuple(step.name for step in steps),
	)


def check_completeness(plan: Plan) -> list[Finding]:
	"""Every measure with its analysis and steps, every step with its due date (else it is never overdue and
	prints without one) and its owner (else nobody is asked to report on it, and once the plan is approved
	only a revision can name one). Steps are named together, one finding for all those without a due date
	and one for all those without an owner."""
	findings = [finding for measure in plan.measures for finding in check_measure_complete(measure)]
	steps = [step for measure in plan.measures for step in measure.steps]
	findings.append(
		_steps_finding(
			"steps-without-due-date",
			_("{count} of {total} steps have no due date, so they are never overdue: {steps}."),
			_(
				"{count} of {total} steps have no due date, so they are never overdue: {steps} and {more} more."
			),
			plan,
			[step for step in steps if not step.due],
		)
	)
	findings.append(
		_steps_finding(
			"steps-without-owner",
			_("{count} of {total} steps have no owner to report on them: {steps}."),
			_("{count} of {total} steps have no owner to report on them: {steps} and {more} more."),
			plan,
			[step for step in steps if not step.owner],
		)
	)
	return [finding for finding in findings if finding]
