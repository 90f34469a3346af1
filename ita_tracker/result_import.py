"""Imports an assessment's result from a CSV or XLSX file: all of it, or nothing with every bad row named.
Importing the same file again updates the same records."""

from pathlib import Path

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils.csvutils import read_csv_content
from frappe.utils.xlsxutils import read_xlsx_file_from_attached_file

from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.ita_tracker.doctype.ita_question.ita_question import get_question
from ita_tracker.rules.result_file import COLUMNS, ResultFile, RowError, read_result_rows
from ita_tracker.utils import upsert

TOOL_FIELDS = {"IIT": "iit_score", "EIT": "eit_score", "OIT": "oit_score"}


def file_rows(file_url: str) -> list[list]:
	file = frappe.get_doc("File", {"file_url": file_url})
	content = file.get_content()
	if Path(file.file_name or file_url).suffix.lower() == ".xlsx":
		return read_xlsx_file_from_attached_file(fcontent=content)
	return read_csv_content(content)


def import_result(agency: str, fiscal_year: int, rows: list[list]) -> tuple[str | None, list[RowError]]:
	"""The assessment the rows were saved to, or the errors that kept every row from being saved."""
	ensure_fiscal_year(fiscal_year)
	result, errors = read_result_rows(rows, fiscal_year, indicator_numbers(), question_codes(fiscal_year))
	if errors:
		return None, errors
	frappe.db.savepoint("ita_result_import")
	try:
		return save_result(agency, fiscal_year, result), []
	except Exception:
		frappe.db.rollback(save_point="ita_result_import")
		raise


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
	"""A CSV with the columns and one example row of each record type."""
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
