"""The PDF engine (pdf.py) on a page of Thai: Chromium draws it, the joined text layer reads as typed in
PDFium (Chrome's viewer) and poppler, with nothing drawn differently, and the page can fetch nothing."""

import shutil
import subprocess
import tempfile
import threading
import unicodedata
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import frappe
import pypdfium2
from frappe.tests.utils import FrappeTestCase

from ita_tracker.pdf import chromium, html_to_pdf
from ita_tracker.pdf_text_layer import join_text_runs

PHRASES = ("ความโปร่งใส", "ตำบลเขวาใหญ่", "น้ำประปา", "หน่วยงานภาครัฐ", "ผู้รับผิดชอบ", "ตัวชี้วัด", "ที่ถิ่นตั้ง")
PAGE = """<html><head><meta charset="utf-8"><style>
body {{ font-family: "Sarabun ITA", "Laksaman", sans-serif; font-size: 14pt; }}
td {{ border: 1px solid #000; width: 33%; vertical-align: top; }}
</style></head><body><h1>{title}</h1><table>{rows}</table><img src="http://127.0.0.1:{port}/pixel.png"></body></html>"""


def squashed(text: str) -> str:
	return "".join(unicodedata.normalize("NFC", text).split())


def pdfium_text(pdf: bytes) -> str:
	document = pypdfium2.PdfDocument(pdf)
	return "\n".join(document[index].get_textpage().get_text_range() for index in range(len(document)))


def poppler_text(pdf: bytes) -> str:
	return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def rendered(pdf: bytes) -> list[bytes]:
	with tempfile.TemporaryDirectory() as folder:
		Path(folder, "doc.pdf").write_bytes(pdf)
		subprocess.run(["pdftoppm", "-r", "60", "-png", "doc.pdf", "page"], cwd=folder, check=True)
		return [path.read_bytes() for path in sorted(Path(folder).glob("page*.png"))]


class TestPdfEngine(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if not chromium():
			raise AssertionError("Chromium is needed on the test machine (README, development bench)")
		rows = "".join(f"<tr><td>{p}</td><td>{p} {p}</td><td>{p}</td></tr>" for p in PHRASES * 4)
		cls.requests = []
		cls.server = HTTPServer(("127.0.0.1", 0), cls._handler(cls.requests))
		threading.Thread(target=cls.server.serve_forever, daemon=True).start()
		cls.html = PAGE.format(title=" ".join(PHRASES), rows=rows, port=cls.server.server_port)
		cls.pdf = html_to_pdf(cls.html)
		# What the engine asked for (the tests below render the page again without its guards).
		cls.fetched = list(cls.requests)

	@classmethod
	def tearDownClass(cls):
		cls.server.shutdown()
		super().tearDownClass()

	@staticmethod
	def _handler(requests: list):
		class Record(BaseHTTPRequestHandler):
			def do_GET(self):
				requests.append(self.path)
				self.send_response(404)
				self.end_headers()

			def log_message(self, *args):
				pass

		return Record

	def test_each_phrase_reads_as_typed_in_pdfium_and_poppler(self):
		"""Every mark in its place, no space inside a word, ำ as one character: NFC and nothing else. Each
		phrase is in the table 16 times; the heading may wrap anywhere between its words."""
		for name, text in (("PDFium", pdfium_text(self.pdf)), ("poppler", poppler_text(self.pdf))):
			text = unicodedata.normalize("NFC", text)
			self.assertIn(squashed(" ".join(PHRASES)), squashed(text), name)
			for phrase in PHRASES:
				with self.subTest(extractor=name, phrase=phrase):
					self.assertGreaterEqual(text.count(phrase), 4 * 4, phrase)
					self.assertEqual(squashed(text).count(phrase), 1 + 4 * 4, phrase)
			self.assertNotIn("\u0e4d\u0e32", text, "SARA AM as NIKHAHIT and SARA AA")

	def test_joining_the_text_runs_draws_nothing_differently(self):
		# The engine's output is already joined; joining it again, or not at all, must draw the same.
		raw = self._chromium_pdf_without_joining()
		self.assertEqual(rendered(raw), rendered(join_text_runs(raw)))
		self.assertNotIn("โปร่งร่", pdfium_text(join_text_runs(raw)))

	def test_the_page_fetches_nothing_from_the_network(self):
		self.assertEqual(self.fetched, [])

	def test_wkhtmltopdf_says_so_where_chromium_is_missing(self):
		frappe.local.conf.ita_pdf_browser = "/nonexistent/chromium"
		self.addCleanup(frappe.local.conf.pop, "ita_pdf_browser", None)
		text = poppler_text(html_to_pdf(self.html))
		self.assertIn("wkhtmltopdf", text)

	def _chromium_pdf_without_joining(self) -> bytes:
		with tempfile.TemporaryDirectory() as folder:
			Path(folder, "page.html").write_text(self.html, encoding="utf-8")
			subprocess.run(
				[
					chromium(),
					"--headless",
					"--no-sandbox",
					"--disable-gpu",
					f"--user-data-dir={folder}/profile",
					"--no-pdf-header-footer",
					f"--print-to-pdf={folder}/page.pdf",
					Path(folder, "page.html").as_uri(),
				],
				capture_output=True,
				timeout=120,
				check=False,
			)
			return Path(folder, "page.pdf").read_bytes()


assert shutil.which("pdftotext"), "poppler-utils is needed on the test machine"
