"""Where a line of Thai may break. Thai has no spaces between words, and a browser's own dictionary (ICU's,
in Chromium) breaks compound words apart ("จัด / ทำ", "หน่วย / งาน", "หลัก / เกณฑ์"), which a Thai reader
sees at once. So the documents break Thai only between the words of PyThaiNLP's dictionary segmenter
(newmm), the one Thai NLP uses; the templates keep each word whole and mark the breaks between them."""

import re
from functools import cache

from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

THAI = re.compile("[\u0e00-\u0e7f]")
CLOSING = ")]}.,;:!?%"
OPENING = "([{"
# Words of the ITA that the segmenter's dictionary lacks and would cut ("ตัว / ชี้ / วัด").
ITA_WORDS = ("ตัวชี้วัด", "ตัวชี้วัดย่อย", "ข้อคำถาม")


@cache
def _dictionary() -> Trie:
	return Trie(set(thai_words()) | set(ITA_WORDS))


def words(text: str) -> list[str]:
	"""`text` cut into pieces between which a line may break: Thai words, and runs of anything else with
	the spaces that separate them (a space is a break already)."""
	pieces: list[str] = []
	for token in word_tokenize(text or "", custom_dict=_dictionary(), engine="newmm", keep_whitespace=True):
		if pieces and not THAI.search(token) and not THAI.search(pieces[-1]):
			pieces[-1] += token
		else:
			pieces.append(token)
	return _punctuation_with_its_word(pieces)


def _punctuation_with_its_word(pieces: list[str]) -> list[str]:
	"""A closing bracket or stop stays with the word before it, an opening bracket with the word after it:
	no line may break between them, so they are kept in one piece."""
	joined: list[str] = []
	for piece in pieces:
		closing = len(piece) - len(piece.lstrip(CLOSING))
		if joined and closing and THAI.search(joined[-1]):
			joined[-1] += piece[:closing]
			piece = piece[closing:]
		if (
			joined
			and not THAI.search(joined[-1])
			and joined[-1].endswith(tuple(OPENING))
			and THAI.search(piece)
		):
			opening = len(joined[-1]) - len(joined[-1].rstrip(OPENING))
			piece = joined[-1][-opening:] + piece
			joined[-1] = joined[-1][:-opening]
			if not joined[-1]:
				joined.pop()
		if piece:
			joined.append(piece)
	return joined
