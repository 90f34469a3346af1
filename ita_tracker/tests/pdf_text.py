"""Text of a PDF as a reader's search would see it. Thai extracted from a PDF needs NFKC normalisation
and loses or moves some tone marks and vowel signs above or below the line (Thai fonts draw the shifted
ones from private-use code points), so comparisons drop those marks and all white space on both sides."""

import io
import re
import unicodedata

from pypdf import PdfReader

# Thai marks drawn above or below a consonant (MAI HAN-AKAT, SARA I..SARA UU, PHINTHU, MAITAIKHU..YAMAKKAN,
# SARA AM), the private-use glyphs Thai fonts use for shifted marks, and white space.
_MARKS = re.compile("[\u0e31\u0e33\u0e34-\u0e3a\u0e47-\u0e4e\uf700-\uf71f\\s]")


def pdf_text(pdf: bytes) -> str:
	return unicodedata.normalize(
		"NFKC", "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
	)


def comparable(text: str) -> str:
	return _MARKS.sub("", unicodedata.normalize("NFKC", text))
