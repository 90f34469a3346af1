"""The O25 plan and O26 report of the demo plan, as PDFs made by Frappe's own PDF path (wkhtmltopdf),
read back as text. wkhtmltopdf fetches the print styles from the site, so the test web server runs."""

import io
import re
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from ita_tracker.demo.loader import load_demo
from ita_tracker.rules.thai import parse_thai_date
from ita_tracker.tests.http import site_url
from ita_tracker.tests.pdf_text import comparable, pdf_text

CELL_START = 15
OTHER_NAMES = ("เขวาสินรินทร์", "ตำบล เขาใหญ่", "ตำบลเขาใหญ่")
THAI_DATE = re.compile(r"[๐-๙]{1,2}\s*[ก-ฮ]{1,2}\.[ก-ฮ]\.\s*[๐-๙]{4}")


class TestO25AndO26(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.plan = load_demo()
		frappe.local.conf.host_name = site_url()
		cls.o25_pdf = frappe.get_print("ITA Plan", cls.plan, "ITA O25 Plan", as_pdf=True)
		cls.o25 = pdf_text(cls.o25_pdf)

	@classmethod
	def tearDownClass(cls):
		frappe.local.conf.pop("host_name", None)
		super().tearDownClass()

	def test_the_thai_font_is_embedded(self):
		"""Installed through fontconfig (fonts-thai-tlwg), not drawn as shapes from a web font."""
		fonts = {
			str(font.get_object()["/BaseFont"])
			for page in PdfReader(io.BytesIO(self.o25_pdf)).pages
			for font in page["/Resources"].get_object()["/Font"].get_object().values()
		}
		self.assertTrue(any("Laksaman" in font for font in fonts), fonts)

	def test_one_agency_name_throughout(self):
		text = comparable(self.o25)
		self.assertIn(comparable("เทศบาลตำบลเขวาใหญ่"), text)
		for other in OTHER_NAMES:
			self.assertNotIn(comparable(other), text)

	def test_every_measure_and_step_of_the_plan(self):
		# Text extracted from a table interleaves the cells of a row line by line, so each measure and
		# step is looked for by the start of its cell, which stays on one line.
		text = comparable(self.o25)
		measures = frappe.get_all("ITA Measure", filters={"plan": self.plan}, pluck="measure_title")
		steps = frappe.get_all("ITA Action Step", filters={"plan": self.plan}, pluck="description")
		self.assertEqual((len(measures), len(steps)), (13, 30))
		for text_of_record in measures + steps:
			self.assertIn(comparable(text_of_record)[:CELL_START], text)

	def test_periods_start_before_they_end(self):
		# A row split across pages separates a period's two dates in the extracted text, so the dates are
		# counted rather than paired: every measure of the demo runs 1 Oct 2568 - 30 Sep 2569.
		dates = sorted(parse_thai_date(text) for text in THAI_DATE.findall(self.o25))
		self.assertEqual(dates, [date(2025, 10, 1)] * 13 + [date(2026, 9, 30)] * 13)

	def test_figures_match_the_data(self):
		text = comparable(self.o25)
		self.assertIn("๘๑.๒๔", text)
		for score in frappe.get_all(
			"ITA Indicator Result",
			filters={"agency": "เทศบาลตำบลเขวาใหญ่", "fiscal_year": "2568"},
			pluck="score",
		):
			self.assertIn(
				comparable(f"{score:.2f}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))), text
			)
		self.assertIn(comparable("ต้องปรับปรุง"), text)
		self.assertIn(comparable("ทุกสำนัก/กอง"), text)

	def test_arabic_digits_when_the_settings_say_so(self):
		frappe.db.savepoint("arabic_digits")
		self.addCleanup(frappe.db.rollback, save_point="arabic_digits")
		frappe.get_doc("ITA Settings").update({"print_thai_digits": 0}).save()
		text = comparable(pdf_text(frappe.get_print("ITA Plan", self.plan, "ITA O25 Plan", as_pdf=True)))
		self.assertIn("81.24", text)
		self.assertIn(comparable("1 ต.ค. 2568"), text)

	def test_o26_progress_report(self):
		text = comparable(
			pdf_text(frappe.get_print("ITA Plan", self.plan, "ITA O26 Progress Report", as_pdf=True))
		)
		self.assertIn(comparable("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"), text)
		self.assertIn(comparable("ยังไม่เริ่ม"), text)
		for title in frappe.get_all("ITA Measure", filters={"plan": self.plan}, pluck="measure_title"):
			self.assertIn(comparable(title)[:CELL_START], text)
