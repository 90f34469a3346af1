"""Imports an assessment's result from a CSV or XLSX file: all of it, or nothing with every problem named.
Importing the same file again updates the same records."""

import codecs
import io
from collections.abc import Iterator
from functools import partial

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import escape_html
from openpyxl import load_workbook

from ita_tracker.exceptions import RESULT_FILE_EXCEPTIONS
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.ita_tracker.doctype.ita_question.ita_question import get_question
from ita_tracker.rules.result_file import (
	COLUMNS,
	MAX_COLUMNS,
	MAX_FILE_BYTES,
	ResultFile,
	ResultFileRefused,
	not_xlsx,
	read_result_rows,
	rows_of_file,
)
from ita_tracker.utils import upsert

TOOL_FIELDS = {"IIT": "iit_score", "EIT": "eit_score", "OIT": "oit_score"}


def import_result(agency: str, fiscal_year: int, file_url: str) -> str:
	"""The assessment the file was saved to. A bad file raises a ResultFileError naming every problem (with
	the values it quotes escaped, as the message is shown as HTML), and nothing of it is saved."""
	frappe.db.savepoint("ita_result_import")
	try:
		rows = file_rows(file_url)
		ensure_fiscal_year(fiscal_year)
		result, errors = read_result_rows(
			rows,
			fiscal_year,
			indicator_numbers(),
			question_codes(fiscal_year),
			may_add_questions=frappe.has_permission("ITA Question", "create"),
		)
		if errors:
			rules = {error.rule for error in errors}
			refuse(
				"\n".join(error.render(_, escape_html) for error in errors),
				rules.pop() if len(rules) == 1 else "invalid-row",
			)
		return save_result(agency, fiscal_year, result)
	except Exception:
		frappe.db.rollback(save_point="ita_result_import")
		raise


def file_rows(file_url: str) -> list[list]:
	try:
		file_name, content = stored_file(file_url)
		return rows_of_file(file_name, content, partial(sheet_rows, file_name))
	except ResultFileRefused as refused:
		refuse(refused.render(_, escape_html), refused.rule)


def refuse(message: str, rule: str):
	frappe.throw(message, exc=RESULT_FILE_EXCEPTIONS[rule], title=_("Nothing of the file was saved"))


def stored_file(file_url: str) -> tuple[str, bytes]:
	"""The name and content of the site's file at `file_url`, with at most one byte more than the reader
	accepts: a larger file is refused unread."""
	try:
		if name := frappe.db.get_value("File", {"file_url": file_url, "is_folder": 0}):
			file = frappe.get_doc("File", name)
			with open(file.get_full_path(), "rb") as stored:
				return file.file_name or file_url, stored.read(MAX_FILE_BYTES + 1)
	except FileNotFoundError:
		pass
	raise ResultFileRefused(
		"missing-file", _("{name} is not a file of this site: attach the file again."), name=file_url
	)


def sheet_rows(file_name: str, content: bytes) -> Iterator[tuple]:
	"""The values of the workbook's active sheet, read as a stream (openpyxl's read-only mode), never
	building cells right of MAX_COLUMNS, however wide the sheet says it is."""
	try:
		book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
		try:
			yield from book.active.iter_rows(max_col=MAX_COLUMNS, values_only=True)
		finally:
			book.close()
	# A damaged workbook fails in openpyxl, zipfile or the XML parser, with many kinds of error.
	except Exception:
		raise not_xlsx(file_name) from None


def indicator_numbers() -> set[int]:
	return set(frappe.get_all("ITA Indicator", pluck="indicator_no"))


def question_codes(fiscal_year: int) -> set[str]:
	question, year = DocType("ITA Question"), DocType("ITA Question Year")
	return set(
		frappe.qb.from_(question)
		.join(year)
		.on(year.parent == question.name)
		.select(question.question_code)
		.where(year.fiscal_year == str(fiscal_year))
		.run(pluck=True)
	)


def save_result(agency: str, fiscal_year: int, result: ResultFile) -> str:
	assessment = upsert(
		"ITA Assessment",
		{"agency": agency, "fiscal_year": str(fiscal_year)},
		{
			"overall_score": result.overall,
			**{TOOL_FIELDS[tool]: score for tool, score in result.tools.items()},
		},
	)
	questions = {q.code: _question(q, fiscal_year) for q in result.questions}
	for indicator, score in result.indicators.items():
		values = {
			"score": score,
			"weak_questions": [
				{"question": questions[q.code], "score": q.score}
				for q in result.questions
				if q.indicator == indicator
			],
		}
		if result.analyses.get(indicator):
			values["analysis"] = result.analyses[indicator]
		upsert("ITA Indicator Result", {"assessment": assessment, "indicator": str(indicator)}, values)
	return assessment


def _question(question, fiscal_year: int) -> str:
	if existing := get_question(question.code, fiscal_year):
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "ITA Question",
				"question_code": question.code,
				"indicator": str(question.indicator),
				"question_text": question.text,
				"applies_in": [{"fiscal_year": str(fiscal_year)}],
			}
		)
		.insert()
		.name
	)


@frappe.whitelist()
def download_template():
	"""A CSV with the columns and one example row of each record type, none of them a formula."""
	from frappe.utils.csvutils import build_csv_response

	build_csv_response(
		[
			list(COLUMNS),
			["overall", "", "81.24", "2568", "", "", ""],
			["tool", "IIT", "85.50", "2568", "", "", ""],
			["indicator", "1", "85.88", "2568", "", "", _("What the weakest questions show")],
			["question", "i2", "80.00", "2568", "1", _("The question's text, needed only if it is new"), ""],
		],
		"ita_result_template",
	)
	# Excel reads a CSV without a BOM in the machine's code page, which turns Thai text into garbage.
	frappe.response["result"] = codecs.BOM_UTF8.decode() + frappe.response["result"]
