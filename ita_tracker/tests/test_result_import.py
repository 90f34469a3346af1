"""Result intake from CSV and XLSX files, as an officer does it through an ITA Result Import."""

import csv
import io

import frappe
from openpyxl import Workbook

from ita_tracker.demo.loader import DEMO_FILE, load_demo
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.tests.factories import ITATestCase, make_agency

DEMO_CSV = DEMO_FILE.with_name("khwao_yai_2568_result.csv")


def demo_rows() -> list[list[str]]:
	return list(csv.reader(io.StringIO(DEMO_CSV.read_text(encoding="utf-8"))))


def attach(name: str, content: bytes) -> str:
	return (
		frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1})
		.insert()
		.file_url
	)


def as_csv(rows) -> bytes:
	out = io.StringIO()
	csv.writer(out).writerows(rows)
	return out.getvalue().encode()


def as_xlsx(rows) -> bytes:
	book = Workbook()
	for row in rows:
		book.active.append(row)
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def result_of(agency: str, fiscal_year: int = 2568) -> dict:
	"""Everything a result holds, keyed by indicator, without record names."""
	assessment = frappe.get_doc("ITA Assessment", {"agency": agency, "fiscal_year": str(fiscal_year)})
	results = {}
	for name in frappe.get_all("ITA Indicator Result", filters={"assessment": assessment.name}, pluck="name"):
		result = frappe.get_doc("ITA Indicator Result", name)
		results[result.indicator] = (
			result.score,
			result.analysis,
			[(row.question_code, row.score) for row in result.weak_questions],
		)
	return {"overall": assessment.overall_score, "rating": assessment.rating, "results": results}


class TestResultImport(ITATestCase):
	def run_import(self, agency, fiscal_year, file_name, content):
		frappe.set_user(self.w.manager)
		try:
			doc = frappe.get_doc(
				{
					"doctype": "ITA Result Import",
					"agency": agency,
					"fiscal_year": str(fiscal_year),
					"import_file": attach(file_name, content),
				}
			).insert()
			doc.start_import()
			return doc
		finally:
			frappe.set_user("Administrator")

	def test_the_reference_result_from_a_file_is_the_demo_data(self):
		load_demo()
		agency = make_agency().name
		imported = self.run_import(agency, 2568, "khwao-yai.csv", DEMO_CSV.read_bytes())
		self.assertEqual((imported.status, imported.errors), ("Imported", ""))
		self.assertEqual(result_of(agency), result_of("เทศบาลตำบลเขวาใหญ่"))

	def test_xlsx_and_reimport_update_rather_than_duplicate(self):
		agency = make_agency().name
		self.run_import(agency, 2568, "result.xlsx", as_xlsx(demo_rows()))
		first = result_of(agency)
		self.assertEqual(first["overall"], 81.24)
		self.assertEqual(len(first["results"]), 10)
		rows = demo_rows()
		rows[1][2] = "๘๒.๐๐"
		self.run_import(agency, 2568, "result-again.csv", as_csv(rows))
		self.assertEqual(frappe.db.count("ITA Assessment", {"agency": agency}), 1)
		self.assertEqual(frappe.db.count("ITA Indicator Result", {"agency": agency}), 10)
		self.assertEqual(result_of(agency)["overall"], 82.0)

	def test_one_bad_row_saves_nothing_and_is_named(self):
		agency = make_agency().name
		rows = demo_rows()
		rows[5][2] = "๑๒๐"
		rows.append(["question", "i77", "50", "2568", "1", "", ""])
		questions_before = frappe.db.count("ITA Question")
		failed = self.run_import(agency, 2568, "bad.csv", as_csv(rows))
		self.assertEqual(failed.status, "Failed")
		self.assertIn("Row 6, column score: ๑๒๐", failed.errors)
		self.assertIn(f"Row {len(rows)}, column code", failed.errors)
		self.assertFalse(frappe.db.exists("ITA Assessment", {"agency": agency}))
		self.assertEqual(frappe.db.count("ITA Question"), questions_before)

	def test_a_past_year_is_rated_on_the_letter_scale(self):
		agency = make_agency().name
		ensure_fiscal_year(2564)
		rows = [[*row[:3], "๒๕๖๔", *row[4:]] if i else row for i, row in enumerate(demo_rows())]
		imported = self.run_import(agency, 2564, "2564.csv", as_csv(rows))
		self.assertEqual(imported.status, "Imported", imported.errors)
		self.assertEqual(result_of(agency, 2564)["rating"], "B")

	def test_only_an_ita_manager_imports(self):
		frappe.set_user(self.w.executive)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "ITA Result Import", "agency": self.w.agency, "fiscal_year": "2568"}
			).insert()
