"""The rows of an ITA result file (CSV or XLSX) checked and turned into one assessment's scores.

A file has a header row and one row per score:

	record     code  score  fiscal_year  indicator  text                         analysis
	overall          81.24  2568
	tool       IIT   85.50  2568
	indicator  1     85.88  2568                                                 ...
	question   i2    80.00  2568         1          เจ้าหน้าที่ในหน่วยงาน...

Digits may be Thai or Arabic. Every problem is reported with the row and column a spreadsheet shows, so
that a file is either taken whole or not at all.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ita_tracker.rules.checks import _
from ita_tracker.rules.thai import ThaiParseError, parse_be_year, parse_number, to_arabic_digits

COLUMNS = ("record", "code", "score", "fiscal_year", "indicator", "text", "analysis")
REQUIRED_COLUMNS = ("record", "code", "score", "fiscal_year")
TOOLS = ("IIT", "EIT", "OIT")
QUESTION_CODE = re.compile(r"[ieo][0-9]{1,3}")


@dataclass(frozen=True)
class RowError:
	row: int
	column: str
	message: str
	values: dict = field(default_factory=dict)

	def render(self, translate=_) -> str:
		return translate(_("Row {row}, column {column}: ")).format(
			row=self.row, column=self.column
		) + translate(self.message).format(**self.values)


@dataclass
class QuestionScore:
	code: str
	indicator: int
	score: Decimal
	text: str = ""


@dataclass
class ResultFile:
	overall: Decimal | None = None
	tools: dict[str, Decimal] = field(default_factory=dict)
	indicators: dict[int, Decimal] = field(default_factory=dict)
	analyses: dict[int, str] = field(default_factory=dict)
	questions: list[QuestionScore] = field(default_factory=list)


def read_result_rows(
	rows: list[list], fiscal_year: int, indicators: set[int], known_questions: set[str]
) -> tuple[ResultFile, list[RowError]]:
	"""The scores of the file's rows, or the errors that keep it from being imported."""
	result, errors = ResultFile(), []
	if not rows:
		return result, [RowError(1, "record", _("The file is empty."))]
	header = [str(cell or "").strip().lower() for cell in rows[0]]
	if missing := [column for column in REQUIRED_COLUMNS if column not in header]:
		return result, [
			RowError(1, column, _("The header has no column {column}."), {"column": column})
			for column in missing
		]
	for number, cells in enumerate(rows[1:], 2):
		row = {
			name: str(cells[i]).strip() if i < len(cells) and cells[i] is not None else ""
			for i, name in enumerate(header)
		}
		if not any(row.values()):
			continue
		errors.extend(_read_row(number, row, fiscal_year, indicators, known_questions, result))
	if result.overall is None and not any(error.column == "score" for error in errors):
		errors.append(RowError(len(rows), "record", _("The file has no overall score.")))
	return result, errors


def _read_row(number, row, fiscal_year, indicators, known_questions, result) -> list[RowError]:
	errors = []

	def error(column, message, **values):
		errors.append(RowError(number, column, message, values))

	try:
		if parse_be_year(row["fiscal_year"]) != fiscal_year:
			error(
				"fiscal_year",
				_("{value} is not the fiscal year of this import, {fiscal_year}."),
				value=row["fiscal_year"],
				fiscal_year=fiscal_year,
			)
	except ThaiParseError:
		error("fiscal_year", _("{value} is not a fiscal year in the Buddhist Era."), value=row["fiscal_year"])
	score = _score(row["score"], error)
	record, code = row["record"].lower(), to_arabic_digits(row["code"]).strip()

	if record == "overall":
		result.overall = score
	elif record == "tool":
		if code.upper() not in TOOLS:
			error("code", _("{value} is not a tool (IIT, EIT or OIT)."), value=row["code"])
		elif score is not None:
			result.tools[code.upper()] = score
	elif record == "indicator":
		indicator = _indicator(code, "code", indicators, error)
		if indicator and score is not None:
			result.indicators[indicator] = score
			result.analyses[indicator] = row.get("analysis", "")
	elif record == "question":
		code = code.lower()
		indicator = _indicator(to_arabic_digits(row.get("indicator", "")), "indicator", indicators, error)
		if not QUESTION_CODE.fullmatch(code):
			error("code", _("{value} is not a question code such as i2, e5 or o25."), value=row["code"])
		elif code not in known_questions and not row.get("text"):
			error(
				"code",
				_("Question {value} is not in the question bank of {fiscal_year}; give its text to add it."),
				value=code,
				fiscal_year=fiscal_year,
			)
		elif indicator and score is not None:
			result.questions.append(QuestionScore(code, indicator, score, row.get("text", "")))
	else:
		error(
			"record",
			_("{value} is not a record type (overall, tool, indicator or question)."),
			value=row["record"],
		)
	return errors


def _score(text, error) -> Decimal | None:
	try:
		score = parse_number(text)
	except ThaiParseError:
		error("score", _("{value} is not a number."), value=text)
		return None
	if not 0 <= score <= 100:
		error("score", _("{value} is not between 0 and 100."), value=text)
		return None
	return score


def _indicator(text, column, indicators, error) -> int | None:
	try:
		indicator = int(parse_number(text))
	except ThaiParseError:
		indicator = None
	if indicator not in indicators:
		error(column, _("{value} is not an indicator number."), value=text)
		return None
	return indicator
