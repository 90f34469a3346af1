"""What the O25 plan and O26 progress report print, from the data alone, in Thai, with Buddhist Era
dates and (per ITA Settings) Thai digits. The templates call these through Jinja (hooks.jinja)."""

from collections import defaultdict
from datetime import date
from urllib.parse import quote

import frappe
import segno
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, get_url, getdate

from ita_tracker.evidence import evidence_links, public_evidence_files
from ita_tracker.exceptions import InvalidAsOfDateError
from ita_tracker.ita_tracker.doctype.ita_settings.ita_settings import get_setting, get_target_score
from ita_tracker.rules.deadlines import FINISHED
from ita_tracker.rules.free_text import measure_request
from ita_tracker.rules.thai import format_number, format_thai_date, to_thai_digits
from ita_tracker.utils import child_values, quoted

LANG = "th"
# The print formats' names, in Thai as the documents are: the desk's print view lists them by name.
O25_FORMAT = "O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
O26_FORMAT = "O26 รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"
TOOLS = ("IIT", "EIT", "OIT")
# How many fiscal years the O25's score tables show: the assessed year and the ones before it.
YEARS_SHOWN = 3
O25_HEADERS = (
	"Measure / Project / Activity",
	"Analysis of the Indicator by the ITA Criteria",
	"Steps / Methods",
	"Period",
	"Responsible",
)
O25_TABLE_TITLE = "Analysis Towards Improving or Developing the Organisation"
O26_HEADERS = ("Steps / Methods", "Responsible", "Due Date", "Status", "Evidence")
# Column widths in per cent of the (landscape) page: the steps get the most room, as agencies print them.
O25_COLUMNS = (20, 24, 32, 12, 12)
O26_COLUMNS = (38, 18, 13, 12, 19)
# The scores table: the first column, then the years' columns share the rest.
O25_SCORES_FIRST = 55
# What a score cell prints when the year's imported result has no such score (explained under the table).
NO_SCORE = "–"


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
	_answering_measures(results, measures)
	history = scores_by_year(agency.name, assessment.fiscal_year)
	for result in results:
		result.scores_by_year = history.indicators.get(result.indicator, {})
	_o25_cells(measures)
	_o25_result_texts(results)
	context = frappe._dict(
		plan=plan,
		agency=agency,
		assessment=assessment,
		assessed_in=assessment.fiscal_year,
		target=get_target_score(),
		meets_target=assessment.overall_score >= get_target_score(),
		rating=th(assessment.rating) if assessment.rating else "",
		results=results,
		measures=measures,
		years=history.years,
		overall_by_year=history.overall,
		tools=TOOLS,
		measure_headers=[th(header) for header in O25_HEADERS],
		measure_widths=O25_COLUMNS,
		measures_title=th(O25_TABLE_TITLE),
		cover_title=keep_year(
			th(
				"Using the Results of the Integrity and Transparency Assessment of Fiscal Year {0} to Develop the Organisation"
			).format(ita_text(assessment.fiscal_year)),
			assessment.fiscal_year,
		),
		page_numbers=page_numbers(),
		draft=plan.docstatus == 0,
		qr_code=public_page_qr_code(plan.name),
	)
	_o25_first_pages(context)
	context.approval = _approval(plan)
	return context


def page_numbers() -> str:
	"""The CSS `content` of the page margin's "page x / y", in the digits the settings ask for."""
	style = "thai" if thai_digits() else "decimal"
	return f'"{th("Page")} " counter(page, {style}) " / " counter(pages, {style})'


def keep_year(text: str, year) -> str:
	"""A heading with its year kept on the same line as the word before it (a no-break space)."""
	year = ita_text(year)
	return text.replace(f" {year}", f"\u00a0{year}")


def public_page_qr_code(plan_name: str) -> frappe._dict:
	"""The plan's public page (/ita-plans/<plan>) as an address and a QR code (inline SVG, drawn as
	vector paths; its markup is made by segno from the address alone)."""
	address = get_url(f"/ita-plans/{quote(plan_name, safe='')}")
	return frappe._dict(
		address=address, svg=segno.make(address, error="m").svg_inline(scale=2, border=0, omitsize=False)
	)


def _approval(plan) -> frappe._dict | None:
	"""What the O25's approval block prints: the approver as the app holds them, the date in B.E."""
	if not plan.approved_by:
		return None
	return frappe._dict(
		announced=th("Announced on {0}").format(ita_date(plan.approved_on) if plan.approved_on else "…" * 8),
		name=frappe.db.get_value("User", plan.approved_by, "full_name") or plan.approved_by,
		position=plan.approver_position or "",
	)


def _o25_first_pages(c) -> None:
	"""The texts of the page after the cover: the summary and the scores table."""
	c.summary_title = keep_year(
		th("Measures to Promote Integrity and Transparency, Fiscal Year {0}").format(
			ita_text(c.plan.fiscal_year)
		),
		c.plan.fiscal_year,
	)
	c.summary = " ".join(
		[
			th(
				"The agency's overall ITA score for fiscal year {0} is {1} points, rated {2}; the target is {3} points."
			).format(
				ita_text(c.assessed_in),
				ita_number(c.assessment.overall_score),
				c.rating,
				ita_number(c.target),
			),
			th("It meets the target.") if c.meets_target else th("It is below the target."),
		]
	)
	c.score_rows = [
		[[th("Assessment")], *([th("Fiscal Year {0}").format(ita_text(year))] for year in c.years)],
		[
			[th("Overall Score")],
			*([ita_number(c.overall_by_year[y].score), c.overall_by_year[y].rating] for y in c.years),
		],
		*(
			[
				[f"{th(tool)} ({tool})"],
				*(
					[ita_number(c.overall_by_year[y][tool]) if c.overall_by_year[y][tool] else NO_SCORE]
					for y in c.years
				),
			]
			for tool in c.tools
		),
		*(
			[
				[result.title_text],
				*(
					[ita_number(result.scores_by_year[y]) if y in result.scores_by_year else NO_SCORE]
					for y in c.years
				),
			]
			for result in c.results
		),
	]
	years = len(c.years) or 1
	c.score_widths = [O25_SCORES_FIRST, *[(100 - O25_SCORES_FIRST) / years] * years]
	c.missing_score_note = (
		th("{0} The score is not in that year's imported result.").format(NO_SCORE)
		if any(NO_SCORE in cell for row in c.score_rows[1:] for cell in row)
		else ""
	)
	c.results_title = th("Results by Indicator")


def _o25_result_texts(results: list) -> None:
	"""What each indicator's block prints."""
	for result in results:
		result.title_text = th("Indicator {0}. {1}").format(
			ita_text(result.indicator_no), result.indicator_name
		)
		result.points_text = th("{0} points").format(ita_number(result.score))
		result.questions_label = f"{th('Weakest Questions')}:"
		result.question_texts = [
			f"{q.question_code} {q.question_text or ''} ({th('{0} points').format(ita_number(q.score))})"
			for q in result.weak_questions
		]
		result.analysis_text = f"{th('Analysis')}: {result.analysis}" if result.analysis else ""
		if result.measures:
			listed = "; ".join(f"{ita_text(m.number)} {m.measure_title}" for m in result.measures)
			result.measures_text = f"{th('Measures')}: {listed}"
		else:
			result.measures_text = (
				th("No measure answers this indicator yet.") if result.missing_measure else ""
			)


def _o25_cells(measures: list) -> None:
	"""What each cell of a measure's row prints."""
	for index, measure in enumerate(measures):
		first = measure.indicators[0] if measure.indicators else None
		starts_group = first and (index == 0 or measures[index - 1].indicators[:1] != [first])
		measure.group = th("Indicator {0}. {1}").format(ita_text(first[0]), first[1]) if starts_group else ""
		measure.title_texts = [
			*(
				f"({th('Indicator {0}. {1}').format(ita_text(no), name)})"
				for no, name in measure.indicators[1:]
			),
			f"{ita_text(measure.number)} {measure.measure_title}",
		]
		measure.analysis_texts = [
			*(
				[th("Questions to raise: {0}").format(", ".join(measure.question_codes))]
				if measure.question_codes
				else []
			),
			*([measure.analysis] if measure.analysis else []),
		]
		measure.step_texts = [f"{ita_text(n)}. {step.description}" for n, step in enumerate(measure.steps, 1)]
		measure.period_text = f"{ita_date(measure.period_start)} – {ita_date(measure.period_end)}"
		measure.responsible_text = ", ".join(measure.divisions)


def scores_by_year(agency: str, up_to_year: str) -> frappe._dict:
	"""The agency's overall, tool and indicator scores of the assessed year and up to YEARS_SHOWN - 1
	years before it, from one query: {years, overall: {year: row}, indicators: {indicator: {year: score}}}."""
	assessment = DocType("ITA Assessment")
	result = DocType("ITA Indicator Result")
	rows = (
		frappe.qb.from_(assessment)
		.left_join(result)
		.on(result.assessment == assessment.name)
		.select(
			assessment.fiscal_year,
			assessment.overall_score,
			assessment.rating,
			assessment.iit_score,
			assessment.eit_score,
			assessment.oit_score,
			result.indicator,
			result.score,
		)
		.where(assessment.agency == agency)
		.where(assessment.fiscal_year <= up_to_year)
		.run(as_dict=True)
	)
	years = sorted({row.fiscal_year for row in rows}, key=cint)[-YEARS_SHOWN:]
	overall, indicators = {}, defaultdict(dict)
	for row in rows:
		if row.fiscal_year not in years:
			continue
		overall[row.fiscal_year] = frappe._dict(
			score=row.overall_score,
			rating=th(row.rating) if row.rating else "",
			IIT=row.iit_score,
			EIT=row.eit_score,
			OIT=row.oit_score,
		)
		if row.indicator:
			indicators[row.indicator][row.fiscal_year] = row.score
	return frappe._dict(years=years, overall=overall, indicators=indicators)


def _answering_measures(results: list, measures: list) -> None:
	"""Each result's measures; and whether the document must say that none answers it: when the result
	needs one or its analysis asks for one (the checker's rule, rules/free_text.measure_request)."""
	by_result = defaultdict(list)
	for measure in measures:
		for name in measure.result_names:
			by_result[name].append(measure)
	for result in results:
		result.measures = by_result[result.name]
		result.missing_measure = not result.measures and bool(
			result.needs_measure or measure_request(result.analysis)
		)


def o26(plan_name: str, as_of=None) -> dict:
	"""The O25 context with each step's status as of a date: finished only if completed by then."""
	context = o25(plan_name)
	as_of = _as_of_date(as_of)
	attached = public_evidence_files([step.name for measure in context.measures for step in measure.steps])
	for measure in context.measures:
		for step in measure.steps:
			finished_by_then = (
				step.status in FINISHED and step.completion_date and getdate(step.completion_date) <= as_of
			)
			step.status_as_of = (
				step.status if finished_by_then or step.status not in FINISHED else "In Progress"
			)
			step.evidence_links = evidence_links(step, attached)
			step.shows_evidence = step.status_as_of in FINISHED
	_o26_cells(context.measures)
	context.as_of = as_of
	context.title = th(
		"Report on the Measures to Promote Integrity and Transparency in the Agency, Fiscal Year {0}"
	).format(ita_text(context.plan.fiscal_year))
	context.title = keep_year(context.title, context.plan.fiscal_year)
	context.as_of_text = th("As of {0}").format(ita_date(as_of))
	context.step_headers = [th(header) for header in O26_HEADERS]
	context.step_widths = O26_COLUMNS
	context.reported = _reported(context.plan, as_of)
	return context


def _reported(plan, as_of) -> frappe._dict:
	"""The O26's closing block: as of when, and who reported it (the officer who put the plan forward)."""
	reporter = plan.submitted_by or plan.owner
	return frappe._dict(
		as_of=th("Progress as of {0}").format(ita_date(as_of)),
		by=th("Reported by {0}").format(frappe.db.get_value("User", reporter, "full_name") or reporter),
	)


def _as_of_date(value) -> date:
	"""The O26's date (today when none), from the desk's dialog or a hand-made URL."""
	if not value:
		return getdate()
	try:
		return date.fromisoformat(str(value))
	except ValueError:
		frappe.throw(
			_("The progress date {0} is not a date such as 2026-01-15.").format(quoted(value)),
			exc=InvalidAsOfDateError,
			title=_("Invalid Date"),
		)


def _o26_cells(measures: list) -> None:
	"""The row that heads each measure's steps in the O26: its number and title, and the indicators."""
	for measure in measures:
		measure.group = " ".join(
			[
				f"{ita_text(measure.number)} {measure.measure_title}",
				*(
					f"({th('Indicator {0}. {1}').format(ita_text(no), name)})"
					for no, name in measure.indicators
				),
			]
		)


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
	names = [measure.name for measure in measures]
	answers = child_values("ITA Measure Indicator Result", "indicator_result", "ITA Measure", names)
	asked = child_values("ITA Measure Question", "question", "ITA Measure", names)
	responsible = child_values("ITA Measure Division", "division", "ITA Measure", names)
	questions = dict(
		frappe.get_all(
			"ITA Question",
			filters={"name": ("in", [q for questions in asked.values() for q in questions] or [""])},
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
			"division",
			"responsible_user",
		],
		order_by="sequence, creation",
	):
		steps[step.measure].append(step)
	owners = dict(
		frappe.get_all(
			"User",
			filters={"name": ("in", [s.responsible_user for rows in steps.values() for s in rows] or [""])},
			fields=["name", "full_name"],
			as_list=True,
		)
	)
	for measure in measures:
		answered = [results[name] for name in answers[measure.name] if name in results]
		measure.result_names = [result.name for result in answered]
		measure.indicators = sorted({(r.indicator_no, r.indicator_name) for r in answered})
		measure.question_codes = [questions.get(q, q) for q in asked[measure.name]]
		divisions = responsible[measure.name]
		measure.divisions = (
			[th("All divisions")]
			if division_names and set(divisions) == set(division_names)
			else [division_names.get(d, d) for d in divisions]
		)
		measure.steps = steps[measure.name]
		for step in measure.steps:
			# A step's division, else its measure's.
			step.responsible = ", ".join(
				[division_names.get(step.division, step.division)] if step.division else measure.divisions
			)
			step.owner_name = owners.get(step.responsible_user) or ""
	return _numbered_by_indicator(measures)


def _numbered_by_indicator(measures: list) -> list:
	"""Measures in the order of the (first) indicator they answer, numbered under it as agencies do
	(3.1, 3.2, ...); a measure answering no indicator comes last, numbered on its own."""
	measures = sorted(measures, key=lambda m: m.indicators[0][0] if m.indicators else 99)
	counters = defaultdict(int)
	for measure in measures:
		indicator = measure.indicators[0][0] if measure.indicators else 0
		counters[indicator] += 1
		measure.number = f"{indicator}.{counters[indicator]}" if indicator else str(counters[indicator])
	return measures
