"""The app's documents as PDFs, drawn by headless Chromium: it shapes Thai with HarfBuzz, breaks lines at
Thai word boundaries (ICU's dictionary), repeats a table's header row on every page, honours CSS paged media
(landscape pages, "page x / y" in the margin) and writes a text layer that copies and searches as typed
(README, "Printing"; the measurements that chose it: scripts/benchmark_pdf_engines.py). Where no Chromium
is installed, Frappe's wkhtmltopdf draws the document, which then says so in its footer.

The page is rendered from a file with every host name unresolvable: it reads the site's own
assets and files from disk and can fetch nothing, so a printed value can never make the server call out."""

import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import frappe
from bs4 import BeautifulSoup, NavigableString
from frappe import _
from frappe.utils.pdf import get_pdf

from ita_tracker.pdf_text_layer import join_text_runs
from ita_tracker.rules.line_breaks import THAI, words

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT_SECONDS = 120
# A site's own addresses in the printed page: Frappe's print view links its styles as /assets/…, and
# public files are /files/…; anything else stays as it is and, with host names unresolvable, unreachable.
LOCAL_URL = re.compile(r"""(?P<attr>\b(?:href|src)=["'])(?:https?://[^/"']+)?/(?P<kind>assets|files)/""")

# A word with a hyphen inside, such as E-Service, as a group so that re.split keeps it.
HYPHENATED = re.compile(r"(\w+(?:-\w+)+)")

log = logging.getLogger(__name__)


def chromium() -> str | None:
	"""The browser that draws the documents: the site's `ita_pdf_browser` (a path) or the first found."""
	configured = frappe.conf.get("ita_pdf_browser")
	if configured:
		return configured if os.access(configured, os.X_OK) else None
	return next(filter(None, map(shutil.which, BROWSERS)), None)


def html_to_pdf(html: str) -> bytes:
	browser = chromium()
	if not browser:
		log.warning("No Chromium found: the documents are drawn by wkhtmltopdf, without Thai word breaks")
		return get_pdf(_with_fallback_note(html))
	with tempfile.TemporaryDirectory(prefix="ita-pdf-") as folder:
		page, output = Path(folder) / "document.html", Path(folder) / "document.pdf"
		page.write_text(_local_addresses(_thai_line_breaks(html)), encoding="utf-8")
		command = [
			browser,
			"--headless",
			# Chromium's sandbox needs user namespaces that servers and containers often lack; the page is
			# the app's own escaped template, with no network (below).
			"--no-sandbox",
			"--disable-gpu",
			"--disable-dev-shm-usage",
			"--disable-extensions",
			"--no-first-run",
			# No network: host names unresolvable, and every request (IP addresses and loopback too) sent
			# to a proxy on a closed port.
			"--host-resolver-rules=MAP * ~NOTFOUND",
			"--proxy-server=127.0.0.1:9",
			"--proxy-bypass-list=<-loopback>",
			"--allow-file-access-from-files",
			f"--user-data-dir={Path(folder) / 'profile'}",
			"--no-pdf-header-footer",
			f"--print-to-pdf={output}",
			page.as_uri(),
		]
		finished = subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
		if not output.exists():
			log.error("Chromium made no PDF (exit %s): %s", finished.returncode, finished.stderr[-2000:])
			frappe.throw(_("The PDF could not be made. Please try again."), title=_("PDF Failed"))
		return join_text_runs(output.read_bytes())


def _thai_line_breaks(html: str) -> str:
	"""Each Thai word of the document's text in a `<span class="w">` (nowrap in the print CSS) followed by
	a `<wbr>`, so that Chromium breaks Thai lines between words of the dictionary (rules/line_breaks.py), not
	inside the compounds its own dictionary cuts. Text only: markup, styles and the QR code are untouched."""
	soup = BeautifulSoup(html, "html.parser")
	for document in soup.select(".ita-doc"):
		for text in document.find_all(string=THAI):
			if (
				text.parent.name in ("style", "script")
				or text.find_parent("svg")
				or type(text) is not NavigableString
			):
				continue
			replacement = []
			for piece in words(str(text)):
				if THAI.search(piece):
					replacement += [_kept_whole(soup, piece), soup.new_tag("wbr")]
					continue
				# A hyphenated word ("E-Service") kept whole too: PDFium reads a hyphen that ends a line as
				# a soft hyphen, and the word would not be found.
				for part in HYPHENATED.split(piece):
					if part:
						replacement.append(
							_kept_whole(soup, part) if HYPHENATED.fullmatch(part) else NavigableString(part)
						)
			text.replace_with(*replacement)
	return str(soup)


def _kept_whole(soup: BeautifulSoup, text: str):
	word = soup.new_tag("span", attrs={"class": "w"})
	word.string = text
	return word


def _local_addresses(html: str) -> str:
	"""/assets/… from the bench's assets folder and /files/… from the site's public files, as file URLs."""
	folders = {
		"assets": Path(frappe.local.sites_path, "assets").resolve(),
		"files": Path(frappe.get_site_path("public", "files")).resolve(),
	}
	return LOCAL_URL.sub(lambda match: f"{match['attr']}{folders[match['kind']].as_uri()}/", html)


def _with_fallback_note(html: str) -> str:
	# In Thai, as the document is, whoever asks for it.
	note = _(
		"Drawn by wkhtmltopdf: Chromium, which breaks Thai lines between words, is not installed.", lang="th"
	)
	footer = f'<p style="font-size: 9pt; color: #555; margin-top: 2em">{frappe.utils.escape_html(note)}</p>'
	return html.replace("</body>", f"{footer}</body>", 1) if "</body>" in html else html + footer
