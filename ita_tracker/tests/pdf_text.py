"""Text of a PDF as a reader's search would see it. Thai extracted from a PDF needs NFKC normalisation.
`intact` compares with every tone mark and vowel sign kept (the documents' font, Sarabun ITA, maps every
glyph it draws to its character); `comparable` drops the marks above and below the line, for text printed
in a font that draws shifted marks from private-use code points (Laksaman) and for table cells, whose
lines the extraction interleaves."""

import io
import re
import unicodedata

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
