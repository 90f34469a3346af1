"""Measures the PDF engines on the demo plan's O25 and O26, as the README's "Printing" reports them: headless
Chromium (the app's engine, pdf.py), WeasyPrint and wkhtmltopdf (Frappe's default), each given the same
print-view HTML. For each: pages, seconds and peak memory (each engine runs in a child process of its own),
how many of the plan's measure titles, steps and divisions PDFium (Chrome's viewer) and poppler read back
as stored (white space aside), and how many ำ come out as two characters.

Run on a bench whose site has the demo plan (bench --site SITE ita-demo), from its sites folder; WeasyPrint
runs from a virtualenv of its own (it would change packages Frappe pins), named by ITA_WEASYPRINT_PYTHON:
	python3 -m venv /opt/weasy && /opt/weasy/bin/pip install weasyprint
	ITA_WEASYPRINT_PYTHON=/opt/weasy/bin/python ../env/bin/python ../apps/ita_tracker/scripts/benchmark_pdf_engines.py SITE
"""

import json
import os
import resource
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import frappe
import pypdfium2
from frappe.utils.pdf import get_pdf

from ita_tracker.pdf import _local_addresses, chromium, html_to_pdf
from ita_tracker.printing import O25_FORMAT, O26_FORMAT, o25

ENGINES = ("chromium", "weasyprint", "wkhtmltopdf")
# WeasyPrint's child, run by the interpreter of its own virtualenv, where neither Frappe nor the app is.
WEASYPRINT_CHILD = """
import json, resource, sys, time, weasyprint
started = time.perf_counter()
weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[2])
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
SARA_AM_SPLIT = "\u0e4d\u0e32"


def render(engine: str, html: str) -> bytes:
	if engine == "chromium":
		return html_to_pdf(html)
	# The styles and fonts as file URLs, as for the other engines.
	return get_pdf(html, {"enable-local-file-access": None, "load-error-handling": "ignore"})


def child(site: str, engine: str, html_file: str, pdf_file: str) -> None:
	"""One engine, one document, in this process: prints seconds and peak memory (MB) as JSON."""
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	started = time.perf_counter()
	Path(pdf_file).write_bytes(render(engine, Path(html_file).read_text(encoding="utf-8")))
	seconds = time.perf_counter() - started
	peak = max(
		resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
		resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
	)
	print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024}))


def extracted(pdf: bytes) -> dict[str, str]:
	document = pypdfium2.PdfDocument(pdf)
	pdfium = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
	poppler = subprocess.run(
		["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
	).stdout.decode()
	return {
		name: unicodedata.normalize("NFC", text) for name, text in (("PDFium", pdfium), ("poppler", poppler))
	}


def squashed(text: str) -> str:
	return "".join(text.split())


def main(site: str) -> None:
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	plan = frappe.get_all("ITA Plan", filters={"agency": "เทศบาลตำบลเขวาใหญ่"}, pluck="name", limit=1)[0]
	context = o25(plan)
	stored = [
		*(measure.measure_title for measure in context.measures),
		*(step.description for measure in context.measures for step in measure.steps),
		*{name for measure in context.measures for name in measure.divisions},
	]
	work = Path("/tmp/ita-pdf-benchmark")
	work.mkdir(exist_ok=True)
	print(
		f"{'document':8} {'engine':12} {'pages':>5} {'s':>6} {'MB':>6} {'PDFium':>8} {'poppler':>8} {'ำ split':>8}"
	)
	for document, print_format in (("O25", O25_FORMAT), ("O26", O26_FORMAT)):
		html_file = work / f"{document}.html"
		# The site's styles and fonts from disk, as the app's engine reads them, for every engine.
		html_file.write_text(
			_local_addresses(frappe.get_print("ITA Plan", plan, print_format)), encoding="utf-8"
		)
		for engine in ENGINES:
			if engine == "chromium" and not chromium():
				continue
			pdf_file = work / f"{document}-{engine}.pdf"
			if engine == "weasyprint":
				command = [os.environ.get("ITA_WEASYPRINT_PYTHON", "python3"), "-c", WEASYPRINT_CHILD]
			else:
				command = [sys.executable, __file__, "--child", site, engine]
			run = subprocess.run(
				[*command, str(html_file), str(pdf_file)],
				capture_output=True,
				text=True,
				check=False,
			)
			if run.returncode:
				print(f"{document:8} {engine:12} not measured: {run.stderr.strip().splitlines()[-1:]}")
				continue
			figures = json.loads(run.stdout.strip().splitlines()[-1])
			pdf = pdf_file.read_bytes()
			texts = extracted(pdf)
			found = {
				name: sum(squashed(item) in squashed(text) for item in stored) for name, text in texts.items()
			}
			split = sum(text.count(SARA_AM_SPLIT) for text in texts.values())
			print(
				f"{document:8} {engine:12} {len(pypdfium2.PdfDocument(pdf)):>5} {figures['seconds']:>6.2f} "
				f"{figures['peak_mb']:>6.0f} {found['PDFium']:>4}/{len(stored):<3} {found['poppler']:>4}/{len(stored):<3}"
				f" {split:>8}"
			)
	print(
		"PDFium, poppler: stored texts read back whole (a cell's lines may interleave with its neighbours')."
	)


if __name__ == "__main__":
	if sys.argv[1] == "--child":
		child(*sys.argv[2:6])
	else:
		main(sys.argv[1])
