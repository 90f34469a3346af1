"""The rows of an ITA result file (CSV or XLSX) checked and turned into one assessment's scores.

A file has a header row and one row per score:

	record     code  score  fiscal_year  indicator  text                         analysis
	overall          81.24  2568
	tool       IIT   85.50  2568
	indicator  1     85.88  2568                                                 ...
	question   i2    80.00  2568         1          เจ้าหน้าที่ในหน่วยงาน...

Digits may be Thai or Arabic. Every problem is reported with the row and column a spreadsheet shows, so
that a file is either taken whole or not at all. A file that cannot be read at all (too large, not text
or not a workbook) is refused whole with ResultFileRefused before any row is looked at.
"""

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ita_tracker.rules.checks import _
from ita_tracker.rules.thai import ThaiParseError, parse_be_year, parse_number, to_arabic_digits

COLUMNS = ("record", "code", "score", "fiscal_year", "indicator", "text", "analysis")
REQUIRED_COLUMNS = ("record", "code", "score", "fiscal_year")
TOOLS = ("IIT", "EIT", "OIT")
QUESTION_CODE = re.compile(r"[ieo][0-9]{1,3}")

MEGABYTE = 1024 * 1024
# An assessment is about 100 scores: a result file is a few kilobytes. The limits keep a wrong or hostile
# file from holding a server worker or its memory; each is far above any real result file.
MAX_FILE_BYTES = 2 * MEGABYTE
"""The largest file read, CSV or XLSX, as stored."""
MAX_ROWS = 5_000
"""The most rows read, the header and blank rows included."""
MAX_COLUMNS = 26
"""Cells right of column Z are not read: the file has 7 columns, but a sheet may reach column 16,384."""
MAX_XLSX_UNCOMPRESSED_BYTES = 20 * MEGABYTE
"""The most an XLSX may expand to, by the sizes its zip declares for its members, checked before the
workbook is opened: a small zip can hold gigabytes of repeated XML (a zip bomb). Python's zipfile never
inflates a member beyond its declared size, so these sizes bound what is read."""

FORMULA_PREFIXES = ("=", "+", "-", "@")
"""A text cell starting with one of these is refused, as a spreadsheet would run it as a formula when the
stored text is exported again. Tabs and carriage returns, the other prefixes spreadsheets act on, are
stripped with the rest of the whitespace around a cell. A number ("-5") is not a formula."""

ZIP_SIGNATURE = b"PK\x03\x04"
THAI_LETTER = re.compile("[\u0e01-\u0e2e]")


class ResultFileRefused(Exception):
	"""A file refused whole; `rule` names the rule it breaks, `message` (marked for translation) and
	`values` say how."""

	def __init__(self, rule: str, message: str, **values):
		super().__init__(message.format(**values))
		self.rule, self.message, self.values = rule, message, values

	def render(self, translate=_, escape=str) -> str:
		return translate(self.message).format(**{k: escape(str(v)) for k, v in self.values.items()})


@dataclass(frozen=True)
class RowError:
	row: int
	column: str
	message: str
	values: dict = field(default_factory=dict)
	rule: str = "invalid-row"

	def render(self, translate=_, escape=str) -> str:
		# Frappe strips the whitespace around a translation key, so the separator is joined here.
		where = translate(_("Row {row}, column {column}:")).format(row=self.row, column=self.column)
		return (
			where
			+ " "
			+ translate(self.message).format(**{k: escape(str(v)) for k, v in self.values.items()})
		)


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


def rows_of_file(
	file_name: str, content: bytes, sheet_rows: Callable[[bytes], Iterable[Sequence]]
) -> list[list]:
	"""The rows of a CSV or XLSX file, each cut to MAX_COLUMNS cells, or ResultFileRefused.

	A file is an XLSX by its content (a zip), whatever its name; `sheet_rows` reads the active sheet of
	one (openpyxl, on the Frappe side) and is called only once the zip's declared size is checked.
	Anything else is CSV text."""
	if len(content) > MAX_FILE_BYTES:
		raise ResultFileRefused(
			"file-too-large",
			_("The file is larger than {max_mb} MB; a result file is a few kilobytes."),
			max_mb=MAX_FILE_BYTES // MEGABYTE,
		)
	if content.startswith(ZIP_SIGNATURE):
		check_xlsx_size(file_name, content)
		return _limited(sheet_rows(content))
	if file_name.lower().endswith((".xlsx", ".xls")):
		raise not_xlsx(file_name)
	return _limited(_csv_rows(decode_text(content)))


def not_xlsx(file_name: str) -> ResultFileRefused:
	return ResultFileRefused(
		"not-xlsx",
		_("{name} is not an XLSX workbook: save it as Excel Workbook (.xlsx) or as CSV UTF-8."),
		name=file_name,
	)


def check_xlsx_size(file_name: str, content: bytes) -> None:
	"""Refuses a zip that is not one or that expands beyond MAX_XLSX_UNCOMPRESSED_BYTES, from its
	directory alone: nothing is inflated."""
	try:
		with zipfile.ZipFile(io.BytesIO(content)) as archive:
			expanded = sum(member.file_size for member in archive.infolist())
	except zipfile.BadZipFile:
		raise not_xlsx(file_name) from None
	if expanded > MAX_XLSX_UNCOMPRESSED_BYTES:
		raise ResultFileRefused(
			"xlsx-too-large",
			_(
				"The workbook expands to {size_mb} MB when opened, more than {max_mb} MB; a result file is far smaller. Copy its scores into the template and save that."
			),
			size_mb=-(-expanded // MEGABYTE),
			max_mb=MAX_XLSX_UNCOMPRESSED_BYTES // MEGABYTE,
		)


def decode_text(content: bytes) -> str:
	"""CSV text as Excel saves it: UTF-8 with or without the BOM of "CSV UTF-8", or Thai Windows (cp874,
	which includes TIS-620) as plain "CSV" saves it on a Thai Windows. Bytes that are not UTF-8 are taken
	as cp874 only when that gives Thai text."""
	for encoding in ("utf-8-sig", "cp874"):
		try:
			text = content.decode(encoding)
		except UnicodeDecodeError:
			continue
		if "\x00" not in text and (encoding != "cp874" or THAI_LETTER.search(text)):
			return text
	raise ResultFileRefused(
		"unknown-encoding",
		_(
			"The file is not text in UTF-8 or in Thai Windows encoding (TIS-620): in Excel, save it as CSV UTF-8 (Comma delimited) or as Excel Workbook (.xlsx)."
		),
	)


def _csv_rows(text: str) -> Iterator[list[str]]:
	reader = csv.reader(io.StringIO(text, newline=""))
	try:
		yield from reader
	except csv.Error as error:
		raise ResultFileRefused(
			"malformed-csv",
			_("Line {line} of the file is not valid CSV ({reason})."),
			line=reader.line_num,
			reason=error,
		) from None


def _limited(rows: Iterable[Sequence]) -> list[list]:
	kept = []
	for cells in rows:
		if len(kept) == MAX_ROWS:
			raise ResultFileRefused(
				"too-many-rows",
				_("The file has more than {max_rows} rows; a result file has one row per score (about 100)."),
				max_rows=MAX_ROWS,
			)
		kept.append(list(cells[:MAX_COLUMNS]))
	return kept


def is_formula_like(value) -> bool:
	"""Whether a cell's text would be run as a formula by a spreadsheet (a number is not, nor is a lone
	"-", the dash officers write for "none")."""
	if not isinstance(value, str) or len(value) < 2 or not value.startswith(FORMULA_PREFIXES):
		return False
	try:
		parse_number(value)
	except ThaiParseError:
		return True
	return False


def read_result_rows(
	rows: list[list],
	fiscal_year: int,
	indicators: set[int],
	known_questions: set[str],
	may_add_questions: bool = True,
) -> tuple[ResultFile, list[RowError]]:
	"""The scores of the file's rows, or the errors that keep it from being imported. A question not in the
	year's bank is added from its text where `may_add_questions` (the bank is shared by every agency of a
	site, so only its administrator adds to it).

	A row repeating a score of an earlier row (the same record and code) is an error when its values
	differ, naming both rows; an exact repeat, as a copy and paste leaves, is read once."""
	result, errors = ResultFile(), []
	if not rows:
		return result, [RowError(1, "record", _("The file is empty."))]
	header = [str(cell or "").strip().lower() for cell in rows[0]]
	if missing := [column for column in REQUIRED_COLUMNS if column not in header]:
		return result, [
			RowError(1, column, _("The header has no column {column}."), {"column": column})
			for column in missing
		]
	reader = _RowReader(fiscal_year, indicators, known_questions, may_add_questions, result)
	for number, cells in enumerate(rows[1:], 2):
		row = {
			name: str(cells[i]).strip() if i < len(cells) and cells[i] is not None else ""
			for i, name in enumerate(header)
			if name in COLUMNS
		}
		if any(row.values()):
			errors.extend(reader.read(number, row))
	if not reader.has_overall:
		errors.append(RowError(len(rows), "record", _("The file has no overall score.")))
	return result, errors


class _RowReader:
	def __init__(self, fiscal_year, indicators, known_questions, may_add_questions, result):
		self.fiscal_year, self.indicators, self.known_questions = fiscal_year, indicators, known_questions
		self.may_add_questions = may_add_questions
		self.result = result
		self.first_rows = {}
		"""Each score's key, such as ("indicator", 1), with the first row giving it and its value."""
		self.has_overall = False

	def read(self, number: int, row: dict) -> list[RowError]:
		errors = []

		def error(column, message, rule="invalid-row", **values):
			errors.append(RowError(number, column, message, values, rule))

		record = row.get("record", "").lower()
		self.has_overall = self.has_overall or record == "overall"
		for column, value in row.items():
			if is_formula_like(value):
				error(
					column,
					_("{value} starts with {prefix}, which a spreadsheet runs as a formula; remove it."),
					"formula-cell",
					value=_excerpt(value),
					prefix=value[0],
				)
		if errors:
			return errors
		entry = self._entry(record, row, error)
		if entry and not errors:
			key, value = entry
			if key not in self.first_rows:
				self.first_rows[key] = (number, value)
				self._keep(key, value)
			elif self.first_rows[key][1] != value:
				error(
					"record" if key == ("overall",) else "code",
					_("{score} is also in row {first} with other values; keep one of the two rows."),
					"duplicate-row",
					score=" ".join(map(str, key)),
					first=self.first_rows[key][0],
				)
		return errors

	def _entry(self, record, row, error) -> tuple[tuple, object] | None:
		"""The score the row gives, as its key and value, or None after reporting what is wrong."""
		try:
			if parse_be_year(row.get("fiscal_year", "")) != self.fiscal_year:
				error(
					"fiscal_year",
					_("{value} is not the fiscal year of this import, {fiscal_year}."),
					value=row["fiscal_year"],
					fiscal_year=self.fiscal_year,
				)
		except ThaiParseError:
			error(
				"fiscal_year",
				_("{value} is not a fiscal year in the Buddhist Era."),
				value=row["fiscal_year"],
			)
		score = _score(row.get("score", ""), error)
		code = to_arabic_digits(row.get("code", "")).strip()

		if record == "overall":
			return (("overall",), score) if score is not None else None
		if record == "tool":
			if code.upper() not in TOOLS:
				error("code", _("{value} is not a tool (IIT, EIT or OIT)."), value=row["code"])
				return None
			return (("tool", code.upper()), score) if score is not None else None
		if record == "indicator":
			indicator = _indicator(code, "code", self.indicators, error)
			if indicator and score is not None:
				return ("indicator", indicator), (score, row.get("analysis", ""))
			return None
		if record == "question":
			code = code.lower()
			indicator = _indicator(
				to_arabic_digits(row.get("indicator", "")), "indicator", self.indicators, error
			)
			if not QUESTION_CODE.fullmatch(code):
				error("code", _("{value} is not a question code such as i2, e5 or o25."), value=row["code"])
			elif code not in self.known_questions and not self.may_add_questions:
				error(
					"code",
					_(
						"Question {value} is not in the question bank of {fiscal_year}, which only the site's ITA Administrator adds to: ask them to add it, or to import this file."
					),
					value=code,
					fiscal_year=self.fiscal_year,
				)
			elif code not in self.known_questions and not row.get("text"):
				error(
					"code",
					_(
						"Question {value} is not in the question bank of {fiscal_year}; give its text to add it."
					),
					value=code,
					fiscal_year=self.fiscal_year,
				)
			elif indicator and score is not None:
				return ("question", code), QuestionScore(code, indicator, score, row.get("text", ""))
			return None
		error(
			"record",
			_("{value} is not a record type (overall, tool, indicator or question)."),
			value=row.get("record", ""),
		)
		return None

	def _keep(self, key, value) -> None:
		record = key[0]
		if record == "overall":
			self.result.overall = value
		elif record == "tool":
			self.result.tools[key[1]] = value
		elif record == "indicator":
			self.result.indicators[key[1]], self.result.analyses[key[1]] = value
		else:
			self.result.questions.append(value)


def _excerpt(text: str, length: int = 40) -> str:
	return text if len(text) <= length else text[: length - 1] + "…"


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
