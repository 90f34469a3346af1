"""Text of a PDF as a reader's search would see it: as PDFium (Chrome's viewer) and poppler read it, NFC
only (`pdfium_pages`, `poppler_pages`, `column_lines` for a table's columns); and as pypdf reads it, which
needs NFKC normalisation.
`intact` compares with every tone mark and vowel sign kept (the documents' font, Sarabun ITA, maps every
glyph it draws to its character); `comparable` drops the marks above and below the line, for text printed
in a font that draws shifted marks from private-use code points (Laksaman) and for table cells, whose
lines the extraction interleaves."""

import io
import re
import subprocess
import unicodedata

import pypdfium2
from pypdf import PdfReader

# Thai marks drawn above or below a consonant (MAI HAN-AKAT, SARA I..SARA UU, PHINTHU, MAITAIKHU..YAMAKKAN,
# SARA AM), the private-use glyphs Thai fonts use for shifted marks, and white space.
_MARKS = re.compile("[\u0e31\u0e33\u0e34-\u0e3a\u0e47-\u0e4e\uf700-\uf71f\\s]")


def pdf_pages(pdf: bytes) -> list[str]:
	return [unicodedata.normalize("NFKC", page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_text(pdf: bytes) -> str:
	return "\n".join(pdf_pages(pdf))


def comparable(text: str) -> str:
	return _MARKS.sub("", unicodedata.normalize("NFKC", text))


# NFKC writes SARA AM as NIKHAHIT + SARA AA after the tone mark (น้ำ -> น ้ ํ า); a PDF gives the glyphs in
# the order they are drawn, nikhahit before the tone mark (น ํ ้ า). Both are the same text.
_NIKHAHIT_BEFORE_TONE = re.compile("\u0e4d([\u0e48-\u0e4b])")


def intact(text: str) -> str:
	"""Text compared with every mark kept: NFKC, SARA AM's parts in one order, white space dropped (a PDF
	breaks lines where the text has none)."""
	text = unicodedata.normalize("NFKC", text)
	return re.sub(r"\s", "", _NIKHAHIT_BEFORE_TONE.sub("\\1\u0e4d", text))


# As Chrome's viewer (PDFium) and poppler (pdftotext, evince) read a PDF: NFC and nothing else.
MM = 72 / 25.4


def pdfium_pages(pdf: bytes) -> list[str]:
	document = pypdfium2.PdfDocument(pdf)
	return [
		unicodedata.normalize("NFC", document[i].get_textpage().get_text_range())
		for i in range(len(document))
	]


def poppler_pages(pdf: bytes) -> list[str]:
	text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
	return [
		unicodedata.normalize("NFC", page)
		for page in text.split("\f")[: len(PdfReader(io.BytesIO(pdf)).pages)]
	]


def squashed(text: str) -> str:
	"""Text without white space: a cell's text wraps where the stored text has none."""
	return re.sub(r"\s", "", text)


def column_lines(pdf: bytes, widths: tuple, margins_mm: tuple) -> dict[str, list[list[str]]]:
	"""The lines of each column of a table on the landscape pages, page after page, read by each extractor
	from the column's own region (a row's cells interleave line by line in a page's text). `widths` are the
	columns' per cent of the page's width inside `margins_mm` (top, right, bottom, left)."""
	top, right, bottom, left = (margin * MM for margin in margins_mm)
	document = pypdfium2.PdfDocument(pdf)
	found = {"PDFium": [[] for _ in widths], "poppler": [[] for _ in widths]}
	for number in range(len(document)):
		page_width, page_height = document[number].get_size()
		if page_width < page_height:
			continue
		textpage = document[number].get_textpage()
		x = left
		for column, share in enumerate(widths):
			width = (page_width - left - right) * share / 100
			region = (x + 1, bottom, x + width - 1, page_height - top)
			pdfium = textpage.get_text_bounded(*region)
			poppler = subprocess.run(
				[
					"pdftotext",
					"-f",
					str(number + 1),
					"-l",
					str(number + 1),
					"-r",
					"72",
					"-x",
					str(int(region[0])),
					"-y",
					str(int(top)),
					"-W",
					str(int(region[2] - region[0])),
					"-H",
					str(int(page_height - top - bottom)),
					"-",
					"-",
				],
				input=pdf,
				capture_output=True,
				check=True,
			).stdout.decode()
			found["PDFium"][column] += unicodedata.normalize("NFC", pdfium).splitlines()
			found["poppler"][column] += unicodedata.normalize("NFC", poppler).splitlines()
			x += width
	return found
