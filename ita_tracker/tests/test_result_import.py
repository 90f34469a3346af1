"""Result intake from CSV and XLSX files, as an officer does it through an ITA Result Import."""

import codecs
import csv
import io
import json
import re
import zipfile

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from ita_tracker.demo.loader import load_demo
from ita_tracker.exceptions import (
	DuplicateResultRowError,
	FormulaCellError,
	InvalidResultRowsError,
	NotAWorkbookError,
	ResultFileEncodingError,
	ResultFileMissingError,
	ResultFileNotReadableError,
	ResultFileTooLargeError,
	ResultFileTooManyRowsError,
	WorkbookExpandsTooMuchError,
)
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.patches import fill_result_import_titles
from ita_tracker.rules.result_file import (
	MAX_FILE_BYTES,
	MAX_ROWS,
	MAX_XLSX_UNCOMPRESSED_BYTES,
	is_formula_like,
	read_result_rows,
	rows_of_file,
)
from ita_tracker.tests.factories import (
	DEMO_CSV,
	ITATestCase,
	demo_rows,
	load_question_bank,
	make_agency,
	make_user,
)
from ita_tracker.tests.http import api_keys, session, site_url


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


def as_xlsx(rows, last_row: int | None = None) -> bytes:
	"""A workbook of the rows; with `last_row`, one more cell that far down the sheet."""
	book = Workbook()
	for row in rows:
		book.active.append(row)
	if last_row:
		book.active.cell(row=last_row, column=1, value="overall")
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def with_member(workbook: bytes, name: str, size: int) -> bytes:
	"""The workbook with one more member of `size` zero bytes: it compresses to almost nothing."""
	out = io.BytesIO(workbook)
	with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
		with archive.open(name, "w") as member:
			for _start in range(0, size, 1024 * 1024):
				member.write(bytes(min(1024 * 1024, size - _start)))
	return out.getvalue()


def bad_files() -> list[tuple[str, str, bytes, type, str]]:
	"""(case, file name, content, the error raised, a part of its message) for each kind of bad file."""
	rows = demo_rows()
	conflicting = [*rows, [rows[2][0], rows[2][1], "๙๐.๐๐", *rows[2][3:]]]
	formula = [*rows[:3], [*rows[3][:5], '=HYPERLINK("http://evil.example","คลิก")', ""], *rows[4:]]
	return [
		(
			"utf-16 text",
			"result.csv",
			DEMO_CSV.read_text(encoding="utf-8").encode("utf-16"),
			ResultFileEncodingError,
			"CSV UTF-8 (Comma delimited)",
		),
		(
			"conflicting repeat",
			"result.csv",
			as_csv(conflicting),
			DuplicateResultRowError,
			f"Row {len(conflicting)}, column code: indicator 1 is also in row 3 with other values",
		),
		(
			"formula cell",
			"result.csv",
			as_csv(formula),
			FormulaCellError,
			"Row 4, column text: =HYPERLINK(&quot;http://evil.example&quot;,&quot;คลิก&quot;) starts with =",
		),
		(
			"too many rows",
			"result.csv",
			as_csv(rows + [["", "", "", ""]] * MAX_ROWS),
			ResultFileTooManyRowsError,
			f"more than {MAX_ROWS} rows",
		),
		(
			"too many bytes",
			"result.csv",
			as_csv(rows) + b"\n" * MAX_FILE_BYTES,
			ResultFileTooLargeError,
			"larger than 2 MB",
		),
		(
			"text named .xlsx",
			"result.xlsx",
			as_csv(rows),
			NotAWorkbookError,
			".xlsx is not an XLSX workbook: save it as Excel Workbook",
		),
		(
			"zip that is no workbook",
			"result.xlsx",
			with_member(b"", "notes.txt", 10),
			NotAWorkbookError,
			".xlsx is not an XLSX workbook: save it as Excel Workbook",
		),
		(
			"zip bomb",
			"result.xlsx",
			with_member(as_xlsx(rows), "xl/media/padding.bin", 2 * MAX_XLSX_UNCOMPRESSED_BYTES),
			WorkbookExpandsTooMuchError,
			"when opened, more than 20 MB",
		),
		(
			"sheet reaching its last row",
			"result.xlsx",
			as_xlsx(rows, last_row=1_048_576),
			ResultFileTooManyRowsError,
			f"more than {MAX_ROWS} rows",
		),
	]


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
	def setUp(self):
		super().setUp()
		load_question_bank()

	def new_import(self, agency, fiscal_year, file_name, content):
		frappe.set_user(self.w.manager)
		try:
			return frappe.get_doc(
				{
					"doctype": "ITA Result Import",
					"agency": agency,
					"fiscal_year": str(fiscal_year),
					"import_file": attach(file_name, content),
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def run_import(self, agency, fiscal_year, file_name, content):
		doc = self.new_import(agency, fiscal_year, file_name, content)
		frappe.set_user(self.w.manager)
		try:
			doc.start_import()
			return doc
		finally:
			frappe.set_user("Administrator")

	def assert_refused(self, exception, agency, file_name, content):
		"""Runs the import as the manager, expecting `exception`; returns the import as stored after it."""
		questions_before = frappe.db.count("ITA Question")
		doc = self.new_import(agency, 2568, file_name, content)
		frappe.set_user(self.w.manager)
		try:
			with self.assertRaises(exception) as raised:
				doc.start_import()
		finally:
			frappe.set_user("Administrator")
		stored = frappe.get_doc("ITA Result Import", doc.name)
		self.assertEqual((stored.status, stored.assessment), ("Failed", None))
		self.assertEqual(stored.errors, str(raised.exception))
		self.assertFalse(frappe.db.exists("ITA Assessment", {"agency": agency}))
		self.assertEqual(frappe.db.count("ITA Question"), questions_before)
		return stored

	def test_the_reference_result_from_a_file_is_the_demo_data(self):
		load_demo()
		agency = make_agency().name
		imported = self.run_import(agency, 2568, "khwao-yai.csv", DEMO_CSV.read_bytes())
		self.assertEqual((imported.status, imported.errors), ("Imported", ""))
		self.assertEqual(result_of(agency), result_of("เทศบาลตำบลเขวาใหญ่"))

	def test_an_import_is_named_by_its_agency_year_and_file(self):
		"""Its title, not its ID, in lists, breadcrumbs and links; imports made before titles get theirs."""
		agency = make_agency().name
		# Content of its own: Frappe stores identical content once, under the first file's name.
		content = as_csv([["code", "score"], [frappe.generate_hash(), "1"]])
		imported = self.new_import(agency, 2568, "ผลการประเมิน.csv", content)
		# Frappe suffixes a file's name when the site holds one of that name already.
		self.assertRegex(imported.title, rf"^{re.escape(agency)} ITA 2568 \(ผลการประเมิน(\w+)?\.csv\)$")
		self.assertEqual(frappe.get_meta("ITA Result Import").title_field, "title")
		frappe.db.set_value("ITA Result Import", imported.name, "title", None)
		fill_result_import_titles.execute()
		self.assertEqual(frappe.db.get_value("ITA Result Import", imported.name, "title"), imported.title)

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
		failed = self.assert_refused(InvalidResultRowsError, agency, "bad.csv", as_csv(rows))
		self.assertIn("Row 6, column score: ๑๒๐", failed.errors)
		self.assertIn(f"Row {len(rows)}, column code", failed.errors)

	def test_a_thai_officer_reads_the_row_error_wholly_in_thai(self):
		agency = make_agency().name
		rows = demo_rows()
		rows[5][2] = "๑๒๐"
		frappe.local.lang = "th"
		try:
			failed = self.assert_refused(InvalidResultRowsError, agency, "bad.csv", as_csv(rows))
		finally:
			frappe.local.lang = "en"
		self.assertEqual(failed.errors, "แถว 6 คอลัมน์ score: ๑๒๐ ไม่อยู่ระหว่าง 0 ถึง 100")

	def test_excel_csv_utf8_and_thai_windows_csv_import_as_the_file_does(self):
		text = DEMO_CSV.read_text(encoding="utf-8")
		expected = self.run_import(make_agency().name, 2568, "plain.csv", text.encode("utf-8")).assessment
		for name, content in (
			("excel-csv-utf8.csv", codecs.BOM_UTF8 + text.encode("utf-8")),
			("thai-windows.csv", text.encode("cp874")),
		):
			with self.subTest(name):
				agency = make_agency().name
				imported = self.run_import(agency, 2568, name, content)
				self.assertEqual((imported.status, imported.errors), ("Imported", ""))
				expected_result = result_of(frappe.db.get_value("ITA Assessment", expected, "agency"))
				self.assertEqual(result_of(agency), expected_result)

	def test_each_bad_file_is_refused_recorded_and_saves_nothing(self):
		for case, file_name, content, exception, message in bad_files():
			with self.subTest(case):
				failed = self.assert_refused(exception, make_agency().name, file_name, content)
				self.assertIn(message, failed.errors)

	def test_a_failed_import_imports_once_the_file_is_fixed(self):
		agency = make_agency().name
		failed = self.assert_refused(NotAWorkbookError, agency, "result.xlsx", as_csv(demo_rows()))
		frappe.set_user(self.w.manager)
		failed.import_file = attach("result.xlsx", as_xlsx(demo_rows()))
		failed.save()
		failed.start_import()
		frappe.set_user("Administrator")
		self.assertEqual((failed.status, failed.errors), ("Imported", ""))
		self.assertEqual(result_of(agency)["overall"], 81.24)

	def test_a_file_gone_from_the_site_is_refused(self):
		agency = make_agency().name
		content = as_csv([*demo_rows(), [frappe.generate_hash()]])
		doc = self.new_import(agency, 2568, "gone.csv", content)
		frappe.delete_doc("File", frappe.db.get_value("File", {"file_url": doc.import_file}))
		frappe.set_user(self.w.manager)
		with self.assertRaises(ResultFileMissingError):
			doc.start_import()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("ITA Result Import", doc.name, "status"), "Failed")

	def test_an_import_cannot_name_a_file_its_author_may_not_read(self):
		private = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "salaries.csv",
				"content": b"name,salary\nsomeone,100000\n",
				"is_private": 1,
				"attached_to_doctype": "User",
				"attached_to_name": "Administrator",
			}
		).insert()
		frappe.set_user(self.w.manager)
		with self.assertRaises(ResultFileNotReadableError):
			frappe.get_doc(
				{
					"doctype": "ITA Result Import",
					"agency": self.w.agency,
					"fiscal_year": "2568",
					"import_file": private.file_url,
				}
			).insert()

	def test_a_past_year_is_rated_on_the_letter_scale(self):
		agency = make_agency().name
		ensure_fiscal_year(2564)
		load_question_bank(2564)
		rows = [[*row[:3], "๒๕๖๔", *row[4:]] if i else row for i, row in enumerate(demo_rows())]
		imported = self.run_import(agency, 2564, "2564.csv", as_csv(rows))
		self.assertEqual(imported.status, "Imported", imported.errors)
		self.assertEqual(result_of(agency, 2564)["rating"], "B")

	def test_only_the_site_administrator_adds_to_the_question_bank(self):
		rows = [*demo_rows(), ["question", "i30", "55", "2568", "1", "ข้อคำถามที่ธนาคารข้อคำถามยังไม่มี"]]
		agency = make_agency().name
		self.assert_refused(InvalidResultRowsError, agency, "result.csv", as_csv(rows))
		self.assertFalse(frappe.db.exists("ITA Question", {"question_code": "i30"}))
		self.w.manager = make_user("ITA Manager", "ITA Administrator")
		self.assertEqual(self.run_import(agency, 2568, "result.csv", as_csv(rows)).status, "Imported")
		self.assertTrue(frappe.db.exists("ITA Question", {"question_code": "i30"}))

	def test_only_an_ita_manager_imports(self):
		frappe.set_user(self.w.executive)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "ITA Result Import", "agency": self.w.agency, "fiscal_year": "2568"}
			).insert()


class TestResultImportOverHTTP(FrappeTestCase):
	"""The import as the desk runs it, through a real web server: a request that fails is rolled back,
	and the import must still say why. The server is another process, so this class commits its records
	and deletes them after."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.manager = make_user("ITA Manager", first_name="Manager")
		api_keys(cls.manager)
		cls.agency = make_agency().name
		ensure_fiscal_year(2568)
		banked = set(frappe.get_all("ITA Question", pluck="name"))
		load_question_bank()
		cls.questions = set(frappe.get_all("ITA Question", pluck="name")) - banked
		cls.url = site_url()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in frappe.get_all("ITA Result Import", filters={"agency": cls.agency}, pluck="name"):
			for file in frappe.get_all(
				"File",
				filters={"attached_to_doctype": "ITA Result Import", "attached_to_name": name},
				pluck="name",
			):
				frappe.delete_doc("File", file, force=True, ignore_permissions=True)
			frappe.delete_doc("ITA Result Import", name, force=True, ignore_permissions=True)
		frappe.delete_doc("ITA Agency", cls.agency, force=True)
		for question in cls.questions:
			frappe.delete_doc("ITA Question", question, force=True)
		frappe.delete_doc("User", cls.manager, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def new_import(self, file_name, content) -> str:
		frappe.set_user(self.manager)
		try:
			name = (
				frappe.get_doc(
					{
						"doctype": "ITA Result Import",
						"agency": self.agency,
						"fiscal_year": "2568",
						"import_file": attach(file_name, content),
					}
				)
				.insert()
				.name
			)
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()
		return name

	def start(self, name, **changes):
		"""Start Import as the desk calls it, with the document (and any `changes` a caller made to it)."""
		doc = frappe.get_doc("ITA Result Import", name).as_dict()
		response = session(self.manager).post(
			f"{self.url}/api/method/run_doc_method",
			data={"docs": frappe.as_json({**doc, **changes}), "method": "start_import"},
			timeout=120,
		)
		frappe.db.rollback()
		return response

	def test_every_bad_file_is_a_417_with_its_message_recorded_on_the_import(self):
		for case, file_name, content, exception, message in bad_files():
			with self.subTest(case):
				name = self.new_import(file_name, content)
				response = self.start(name)
				self.assertEqual(response.status_code, 417, response.text)
				self.assertEqual(response.json()["exc_type"], exception.__name__)
				shown = [json.loads(m)["message"] for m in json.loads(response.json()["_server_messages"])]
				self.assertTrue(any(message in m for m in shown), shown)
				stored = frappe.get_doc("ITA Result Import", name)
				self.assertEqual(stored.status, "Failed")
				self.assertIn(message, stored.errors)
				self.assertFalse(frappe.db.exists("ITA Assessment", {"agency": self.agency}))

	def test_the_import_runs_on_the_file_saved_not_one_the_caller_sends(self):
		name = self.new_import("result.xlsx", as_csv(demo_rows()))
		foreign = attach("other.csv", b"record,code,score,fiscal_year\nsecret-salary-100000,,1,2568\n")
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.delete_doc, "File", frappe.db.get_value("File", {"file_url": foreign}))
		frappe.db.commit()
		response = self.start(name, import_file=foreign)
		self.assertEqual(response.status_code, 417, response.text)
		self.assertEqual(response.json()["exc_type"], "NotAWorkbookError")
		self.assertNotIn("secret", response.text)

	def test_the_template_has_a_bom_no_formula_and_reads_as_a_result_file(self):
		response = session(self.manager).get(
			f"{self.url}/api/method/ita_tracker.result_import.download_template", timeout=60
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertTrue(response.content.startswith(codecs.BOM_UTF8))
		rows = rows_of_file("ita_result_template.csv", response.content, sheet_rows=None)
		self.assertFalse([cell for row in rows for cell in row if is_formula_like(cell)])
		_result, errors = read_result_rows(rows, 2568, set(range(1, 11)), set())
		self.assertEqual(errors, [])
