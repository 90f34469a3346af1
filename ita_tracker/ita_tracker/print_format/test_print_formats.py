"""The O25 plan and O26 report of the demo plan, as PDFs made by the app's PDF engine (pdf.py, headless
Chromium) from Frappe's print view, read back as text."""

import io
import re
from collections import Counter
from datetime import date
from itertools import pairwise

import frappe
import pypdfium2
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader
from pythainlp.tokenize import word_tokenize

from ita_tracker.demo.loader import load_demo
from ita_tracker.exceptions import InvalidAsOfDateError
from ita_tracker.fonts import font_installed
from ita_tracker.pdf import html_to_pdf
from ita_tracker.printing import (
	O25_COLUMNS,
	O25_FORMAT,
	O25_HEADERS,
	O26_COLUMNS,
	O26_FORMAT,
	O26_HEADERS,
	o25,
	o26,
	th,
)
from ita_tracker.rules.thai import parse_thai_date, to_thai_digits
from ita_tracker.tests.http import session, site_url
from ita_tracker.tests.pdf_text import (
	column_lines,
	comparable,
	intact,
	pdf_pages,
	pdf_text,
	pdfium_pages,
	poppler_pages,
	squashed,
)

CELL_START = 15
OTHER_NAMES = ("เขวาสินรินทร์", "ตำบล เขาใหญ่", "ตำบลเขาใหญ่")
THAI_DATE = re.compile(r"[๐-๙]{1,2}[ก-ฮ\u0e31-\u0e3a]{1,3}\.[ก-ฮ]\.[๐-๙]{4}")


def thai_dates(text: str) -> list[str]:
	"""The dates in extracted text; white space is dropped first, since the extraction may put a space
	between any two glyphs of a line."""
	return THAI_DATE.findall(re.sub(r"\s", "", text))


PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# The print formats' landscape pages: @page landscape's margins (top, right, bottom, left).
LANDSCAPE_MARGINS_MM = (15, 15, 15, 20)
THAI_LETTER = re.compile("[\u0e01-\u0e2e\u0e40-\u0e44]")


def document_pdf(plan: str, print_format: str) -> bytes:
	return html_to_pdf(frappe.get_print("ITA Plan", plan, print_format))


class TestO25AndO26(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.plan = load_demo()
		frappe.local.conf.host_name = site_url()
		cls.o25_pdf = document_pdf(cls.plan, O25_FORMAT)
		cls.o25 = pdf_text(cls.o25_pdf)

	@classmethod
	def tearDownClass(cls):
		frappe.local.conf.pop("host_name", None)
		super().tearDownClass()

	def test_the_thai_font_is_embedded(self):
		"""Sarabun ITA, installed by the app through fontconfig (fonts.py) and embedded as text, not drawn
		as shapes from a web font; Laksaman (fonts-thai-tlwg) on a server without it."""
		fonts = {
			str(font.get_object()["/BaseFont"])
			for page in PdfReader(io.BytesIO(self.o25_pdf)).pages
			for font in page["/Resources"].get_object()["/Font"].get_object().values()
		}
		expected = "SarabunITA" if font_installed() else "Laksaman"
		self.assertTrue(all(expected in font for font in fonts), fonts)

	def test_thai_phrases_extract_with_their_tone_marks(self):
		"""Copying or searching the PDF gives the Thai as stored, marks above consonants and vowels included,
		and never a private-use glyph (Sarabun ITA maps every glyph it draws to its character)."""
		self.assertIsNone(PRIVATE_USE.search(self.o25), PRIVATE_USE.findall(self.o25)[:5])
		text = intact(self.o25)
		analyses = frappe.get_all(
			"ITA Indicator Result",
			filters={"agency": "เทศบาลตำบลเขวาใหญ่", "fiscal_year": "2568"},
			pluck="analysis",
		)
		phrases = [
			"เทศบาลตำบลเขวาใหญ่",
			th("Scores by Fiscal Year"),
			th("Results by Indicator"),
			*(analysis[:40] for analysis in analyses if analysis),
		]
		with_marks = [phrase for phrase in phrases if re.search("[\u0e48-\u0e4b]", phrase)]
		self.assertGreaterEqual(len(with_marks), 3, phrases)
		for phrase in phrases:
			self.assertIn(intact(phrase), text)

	def test_scores_of_each_tool_and_year(self):
		html = frappe.get_print("ITA Plan", self.plan, O25_FORMAT)
		for label in (
			th("Overall Score"),
			th("IIT"),
			th("EIT"),
			th("OIT"),
			th("Fiscal Year {0}").format("๒๕๖๘"),
		):
			self.assertIn(label, html)

	def test_previous_years_where_the_site_has_them(self):
		frappe.db.savepoint("earlier_year")
		self.addCleanup(frappe.db.rollback, save_point="earlier_year")
		assessment = frappe.get_doc(
			"ITA Assessment", frappe.db.get_value("ITA Plan", self.plan, "assessment")
		)
		earlier = frappe.copy_doc(assessment)
		earlier.fiscal_year = "2567"
		earlier.overall_score = 77.77
		if not frappe.db.exists("ITA Fiscal Year", "2567"):
			from ita_tracker.demo.loader import ensure_fiscal_year

			ensure_fiscal_year(2567)
		earlier.insert(ignore_permissions=True)
		html = frappe.get_print("ITA Plan", self.plan, O25_FORMAT)
		html = html[html.index(th("Scores by Fiscal Year")) :]
		self.assertIn(th("Fiscal Year {0}").format("๒๕๖๗"), html)
		self.assertIn("๗๗.๗๗", html)
		self.assertLess(
			html.index(th("Fiscal Year {0}").format("๒๕๖๗")), html.index(th("Fiscal Year {0}").format("๒๕๖๘"))
		)

	def test_measures_numbered_under_their_indicator(self):
		text = comparable(self.o25)
		for number in ("๑.๑", "๓.๑", "๑๐.๑"):
			self.assertIn(comparable(number), text)
		self.assertNotIn(comparable("๑๒. "), text)

	def test_no_measure_shown_where_the_analysis_asks_for_one(self):
		frappe.db.savepoint("no_measure")
		self.addCleanup(frappe.db.rollback, save_point="no_measure")
		result = frappe.db.get_value(
			"ITA Indicator Result",
			{"agency": "เทศบาลตำบลเขวาใหญ่", "fiscal_year": "2568", "indicator": ("like", "%3%")},
			"name",
		)
		no_measure = th("No measure answers this indicator yet.")
		self.assertNotIn(no_measure, frappe.get_print("ITA Plan", self.plan, O25_FORMAT))
		frappe.db.delete("ITA Measure Indicator Result", {"indicator_result": result})
		self.assertIn(no_measure, frappe.get_print("ITA Plan", self.plan, O25_FORMAT))

	def test_o25_is_the_default_print_format(self):
		self.assertEqual(frappe.get_meta("ITA Plan").default_print_format, O25_FORMAT)

	def test_formats_under_their_english_names_go_on_migrate(self):
		from frappe.custom.doctype.property_setter.property_setter import make_property_setter

		from ita_tracker.patches import print_formats_with_thai_names

		frappe.db.savepoint("renamed_formats")
		self.addCleanup(frappe.clear_cache, doctype="ITA Plan")
		self.addCleanup(frappe.db.rollback, save_point="renamed_formats")
		for old, new in print_formats_with_thai_names.RENAMED.items():
			record = frappe.get_doc("Print Format", new).as_dict()
			frappe.get_doc({**record, "name": old}).db_insert()
		make_property_setter(
			"ITA Plan", None, "default_print_format", "ITA O25 Plan", "Data", for_doctype=True
		)

		print_formats_with_thai_names.execute()

		self.assertFalse(
			frappe.db.exists("Print Format", {"name": ("in", list(print_formats_with_thai_names.RENAMED))})
		)
		self.assertEqual(
			frappe.db.get_value(
				"Property Setter", {"doc_type": "ITA Plan", "property": "default_print_format"}, "value"
			),
			O25_FORMAT,
		)

	def test_the_header_row_on_each_page_of_the_table(self):
		assert_header_on_each_page(self, self.o25_pdf, th("Analysis of the Indicator by the ITA Criteria"))

	def test_a_measure_taller_than_a_page_continues_under_the_header(self):
		"""A measure with more steps than a page holds goes on under the header row on the next page, with
		every step printed once."""
		frappe.db.savepoint("long_measure")
		self.addCleanup(frappe.db.rollback, save_point="long_measure")
		measure = frappe.get_all("ITA Measure", filters={"plan": self.plan}, pluck="name", limit=1)[0]
		template = frappe.get_all(
			"ITA Action Step", filters={"measure": measure}, pluck="name", order_by="sequence", limit=1
		)[0]
		steps = []
		for n in range(60):
			step = frappe.copy_doc(frappe.get_doc("ITA Action Step", template))
			step.description = f"ขั้นตอนทดสอบที่ {n:02d} ของมาตรการที่ยาวกว่าหนึ่งหน้ากระดาษ"
			step.sequence = 100 + n
			step.db_insert()
			steps.append(step.description)
		pdf = document_pdf(self.plan, O25_FORMAT)
		pages = assert_header_on_each_page(self, pdf, th("Analysis of the Indicator by the ITA Criteria"))
		text = intact("".join(pages))
		for description in steps:
			self.assertEqual(text.count(intact(description)), 1, description)

	def test_measures_table_on_landscape_pages_numbered(self):
		"""The cover and analysis portrait, the measures table landscape; "page x / y" on every page but
		the cover; at most two thirds of the 12 pages wkhtmltopdf made of the demo."""
		reader = PdfReader(io.BytesIO(self.o25_pdf))
		landscape = [page.mediabox.width > page.mediabox.height for page in reader.pages]
		self.assertLessEqual(len(landscape), 8)
		self.assertFalse(landscape[0])
		self.assertTrue(landscape[-1])
		self.assertEqual(landscape, sorted(landscape), "portrait pages first, then the table's")
		pages = pdf_pages(self.o25_pdf)
		for number, page in enumerate(pages[1:], 2):
			self.assertIn(
				intact(f"{th('Page')} {to_thai_digits(str(number))} / {to_thai_digits(str(len(pages)))}"),
				intact(page),
			)

	def test_no_table_page_more_than_half_blank(self):
		"""On every page of the measures table but its last, the table reaches below the middle of the
		page's text area (rows continue on the next page rather than leaving the rest of a page empty)."""
		o25_pdf, o26_pdf = self.approved_documents()
		top, _right, bottom, _left = (margin * 72 / 25.4 for margin in LANDSCAPE_MARGINS_MM)
		for name, pdf in (("O25", o25_pdf), ("O26", o26_pdf)):
			document = pypdfium2.PdfDocument(pdf)
			pages = [
				document[i]
				for i in range(len(document))
				if document[i].get_width() > document[i].get_height()
			]
			self.assertGreater(len(pages), 1, name)
			for number, page in enumerate(pages[:-1], 1):
				image = page.render(scale=1).to_pil().convert("L")
				# Ink within the text area only: the page number sits in the bottom margin.
				area = image.crop((0, int(top), image.width, int(image.height - bottom)))
				inked = [
					y
					for y in range(area.height)
					if area.crop((0, y, area.width, y + 1)).getextrema()[0] < 128
				]
				self.assertGreater(max(inked), area.height / 2, f"{name}, table page {number}")

	def test_a_draft_says_so_on_every_page_and_an_approved_plan_is_signed(self):
		self.assertTrue(all(intact(th("DRAFT")) in intact(page) for page in pdf_pages(self.o25_pdf)))
		frappe.db.savepoint("approved")
		self.addCleanup(frappe.db.rollback, save_point="approved")
		agency = frappe.db.get_value("ITA Plan", self.plan, "agency")
		frappe.db.set_value("ITA Agency", agency, "executive_position", "นายกเทศมนตรีตำบลเขวาใหญ่")
		executive = frappe.db.get_value("User", {"name": ("like", "%@%"), "full_name": ("is", "set")}, "name")
		frappe.db.set_value(
			"ITA Plan",
			self.plan,
			{
				"docstatus": 1,
				"status": "Approved",
				"approved_by": executive,
				"approved_on": "2025-12-20",
				"approver_position": "นายกเทศมนตรีตำบลเขวาใหญ่",
			},
		)
		pages = pdf_pages(document_pdf(self.plan, O25_FORMAT))
		self.assertFalse(any(intact(th("DRAFT")) in intact(page) for page in pages))
		last = intact(pages[-1])
		self.assertIn(intact(th("Announced on {0}").format("๒๐ ธ.ค. ๒๕๖๘")), last)
		self.assertIn(intact(frappe.db.get_value("User", executive, "full_name")), last)
		self.assertIn(intact("นายกเทศมนตรีตำบลเขวาใหญ่"), last)
		# The QR code's address beside it, the plan's public page.
		self.assertIn(squashed(f"/ita-plans/{self.plan}"), squashed(pages[-1]))

	def test_a_missing_tool_score_is_explained(self):
		frappe.db.savepoint("no_oit")
		self.addCleanup(frappe.db.rollback, save_point="no_oit")
		assessment = frappe.db.get_value("ITA Plan", self.plan, "assessment")
		frappe.db.set_value("ITA Assessment", assessment, "oit_score", 0)
		html = frappe.get_print("ITA Plan", self.plan, O25_FORMAT)
		self.assertIn(th("{0} The score is not in that year's imported result.").format("–"), html)

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

	def test_periods_of_every_measure(self):
		# Every measure of the demo runs 1 Oct 2568 - 30 Sep 2569.
		dates = sorted(parse_thai_date(text) for text in thai_dates(self.o25))
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
		# Cleanups run last in, first out: the cached settings go after the rollback restored them.
		self.addCleanup(frappe.clear_document_cache, "ITA Settings", "ITA Settings")
		self.addCleanup(frappe.db.rollback, save_point="arabic_digits")
		frappe.get_doc("ITA Settings").update({"print_thai_digits": 0}).save()
		text = comparable(pdf_text(document_pdf(self.plan, O25_FORMAT)))
		self.assertIn("81.24", text)
		self.assertIn(comparable("1 ต.ค. 2568"), text)

	def test_o26_progress_report(self):
		pdf = document_pdf(self.plan, O26_FORMAT)
		raw = pdf_text(pdf)
		text = comparable(raw)
		self.assertIn(comparable("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"), text)
		self.assertIn(intact("ยังไม่เริ่ม"), intact(raw))
		self.assertIn(comparable("เทศบาลตำบลเขวาใหญ่"), text)
		for other in OTHER_NAMES:
			self.assertNotIn(comparable(other), text)
		for title in frappe.get_all("ITA Measure", filters={"plan": self.plan}, pluck="measure_title"):
			self.assertIn(comparable(title)[:CELL_START], text)
		for step in frappe.get_all("ITA Action Step", filters={"plan": self.plan}, pluck="description"):
			self.assertIn(comparable(step)[:CELL_START], text)
		# Landscape A4, every step's due date printed once, the header row on each page.
		page = PdfReader(io.BytesIO(pdf)).pages[0]
		self.assertGreater(page.mediabox.width, page.mediabox.height)
		printed = Counter(parse_thai_date(text) for text in thai_dates(raw))
		due = Counter(frappe.get_all("ITA Action Step", filters={"plan": self.plan}, pluck="due_date"))
		# The heading's and the closing block's "as of" date (today) besides the due dates.
		self.assertEqual(printed - Counter([frappe.utils.getdate()] * 2), due)
		self.assertIn(intact(th("Reported by {0}").format("")), intact(raw))
		assert_header_on_each_page(self, pdf, th("Steps / Methods"))

	def test_o26_as_of_what_is_not_a_date(self):
		for value in ("2026-99-99", "<script>alert(1)</script>", "' OR 1=1"):
			with self.subTest(value=value), self.assertRaises(InvalidAsOfDateError) as refused:
				o26(self.plan, value)
			self.assertNotIn("<script>", str(refused.exception))

	def test_o26_as_of_a_date(self):
		# The desk's dialog (ita_plan.js) passes the date on the URL of Frappe's PDF download.
		administrator = session("Administrator")
		frappe.db.commit()
		response = administrator.get(
			f"{site_url()}/api/method/frappe.utils.print_format.download_pdf",
			params={
				"doctype": "ITA Plan",
				"name": self.plan,
				"format": O26_FORMAT,
				"as_of": "2026-01-15",
			},
			timeout=120,
		)
		self.assertEqual(response.status_code, 200, response.text[:300])
		self.assertIn(comparable("ข้อมูล ณ วันที่ ๑๕ ม.ค. ๒๕๖๙"), comparable(pdf_text(response.content)))

	def approved_documents(self) -> tuple[bytes, bytes]:
		"""The demo plan's O25 and O26 once approved (no "ร่าง" across the text), rolled back after the test."""
		frappe.db.savepoint("approved_documents")
		self.addCleanup(frappe.db.rollback, save_point="approved_documents")
		frappe.db.set_value(
			"ITA Plan", self.plan, {"docstatus": 1, "status": "Approved", "approved_by": "Administrator"}
		)
		return document_pdf(self.plan, O25_FORMAT), document_pdf(self.plan, O26_FORMAT)

	def test_every_text_as_stored_in_pdfium_and_poppler(self):
		"""Each measure title, step, division and heading of the demo reads as stored in Chrome's viewer
		(PDFium) and in poppler: NFC and nothing else, but for where a cell's text wraps."""
		o25_pdf, o26_pdf = self.approved_documents()
		context = o25(self.plan)
		steps = [step.description for measure in context.measures for step in measure.steps]
		divisions = {name for measure in context.measures for name in measure.divisions}
		self.assertEqual((len(context.measures), len(steps)), (13, 30))
		headings = [
			context.cover_title,
			context.summary_title,
			context.results_title,
			context.measures_title,
			th("Scores by Fiscal Year"),
		]
		for name, pages in (("PDFium", pdfium_pages(o25_pdf)), ("poppler", poppler_pages(o25_pdf))):
			text = squashed("".join(pages))
			for heading in headings:
				self.assertIn(squashed(heading), text, f"{name}: {heading}")
		for name, columns in column_lines(o25_pdf, O25_COLUMNS, LANDSCAPE_MARGINS_MM).items():
			titles, _analysis, printed_steps, _period, responsible = (
				_without(squashed("".join(lines)), th(header))
				for lines, header in zip(columns, O25_HEADERS, strict=True)
			)
			for title in (measure.measure_title for measure in context.measures):
				self.assertIn(squashed(title), titles, f"{name}: {title}")
			for step in steps:
				self.assertIn(squashed(step), printed_steps, f"{name}: {step}")
			for division in divisions:
				self.assertIn(squashed(division), responsible, f"{name}: {division}")
		for name, columns in column_lines(o26_pdf, O26_COLUMNS, LANDSCAPE_MARGINS_MM).items():
			printed_steps = _without(squashed("".join(columns[0])), th(O26_HEADERS[0]))
			for step in steps:
				self.assertIn(squashed(step), printed_steps, f"O26, {name}: {step}")
		for name, pages in (("PDFium", pdfium_pages(o26_pdf)), ("poppler", poppler_pages(o26_pdf))):
			text = squashed("".join(pages))
			for title in (measure.measure_title for measure in context.measures):
				self.assertIn(squashed(title), text, f"O26, {name}: {title}")

	def test_no_line_of_a_table_cell_breaks_inside_a_thai_word(self):
		"""Where a cell's line ends in a Thai letter and the next begins with one, the break falls between two
		words as a Thai dictionary segmenter (PyThaiNLP's newmm) reads the two lines together."""
		o25_pdf, o26_pdf = self.approved_documents()
		# A line that starts a cell follows another cell's last line, not a break inside a cell.
		context = o26(self.plan)
		cells = [
			text
			for measure in context.measures
			for text in [
				measure.group,
				*measure.title_texts,
				*measure.analysis_texts,
				measure.responsible_text,
				*(
					value
					for step in measure.steps
					for value in (step.responsible, step.owner_name, th(step.status_as_of))
				),
				*(th("Indicator {0}. {1}").format(no, name) for no, name in measure.indicators),
			]
			if text
		] + [th(header) for header in O25_HEADERS + O26_HEADERS]
		cells += [context.title, context.as_of_text, context.agency.agency_name]
		cell_starts = {squashed(text)[:6] for text in cells}
		# A measure's heading row spans the columns: each column's region holds a piece of it.
		headings = [squashed(measure.group) for measure in context.measures]
		broken = []
		for pdf, widths in ((o25_pdf, O25_COLUMNS), (o26_pdf, O26_COLUMNS)):
			for columns in column_lines(pdf, widths, LANDSCAPE_MARGINS_MM).values():
				for lines in columns:
					for before, after in pairwise(lines):
						before, after = before.rstrip(), after.lstrip()
						if not (
							before and after and THAI_LETTER.match(before[-1]) and THAI_LETTER.match(after[0])
						):
							continue
						if squashed(after)[:6] in cell_starts or any(
							squashed(after)[:8] in h for h in headings
						):
							continue
						bounds, at = set(), 0
						for word in word_tokenize(before + after, engine="newmm", keep_whitespace=True):
							at += len(word)
							bounds.add(at)
						if len(before) not in bounds:
							broken.append(f"{before[-12:]} / {after[:12]}")
		self.assertEqual(broken, [])


def _without(text: str, header: str) -> str:
	"""A column's text without its header, repeated on each page (a cell may continue past it)."""
	return text.replace(squashed(header), "")


def assert_header_on_each_page(case: FrappeTestCase, pdf: bytes, header: str) -> list[str]:
	"""That every page from the table's first to its last starts the table with its header row (a last
	page holding only the closing block, its QR code and signature, has no table); returns the pages' text."""
	pages = pdf_pages(pdf)
	header = intact(header)
	first = next(i for i, page in enumerate(pages) if header in intact(page))
	last = len(pages) - 1
	if header not in intact(pages[last]):
		case.assertIn(
			"/ita-plans/", pages[last].replace("\n", ""), "a page after the table holds the closing block"
		)
		last -= 1
	case.assertGreater(last - first, 0, "the table fits on one page: nothing to check")
	for number, page in enumerate(pages[first : last + 1], first + 1):
		case.assertEqual(intact(page).count(header), 1, f"page {number}")
	return pages
