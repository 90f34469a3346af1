"""Reading the Thai free text of a plan: the agency names it mentions, and whether an analysis asks
for a measure.

Agency names. Plans are copied from other agencies' files, and the copy keeps their names. A name
is recognised by its kind, a prefix of Thai agency types as the NACC's list of local administrations
spells them (เทศบาลตำบล, เทศบาลเมือง, เทศบาลนคร, องค์การบริหารส่วนตำบล, องค์การบริหารส่วนจังหวัด) or
their abbreviations (ทต., ทม., ทน., อบต., อบจ., always with their dot, since without it they occur
inside ordinary words), or as one of the two special administrations (กรุงเทพมหานคร/กทม., เมืองพัทยา).
Thai has no spaces between words, so where a name ends is decided in this order:
1. the plan's own agency: after a kind equal to its own (full or abbreviated, with or without a space),
   the text starts with its own proper name ("เขวาใหญ่" of "เทศบาลตำบลเขวาใหญ่"): not another agency;
2. a known agency (the agencies on the site) of that kind whose proper name starts the text, the
   longest first: exactly that name;
3. otherwise the run of Thai letters after the kind, up to whitespace, punctuation, a digit or a Latin
   letter, cut before the first word that follows names in these documents (ยัง, ทุก, ทาง, และ,
   อำเภอ, ...; `NAME_FOLLOWERS`). An empty run ("เทศบาลตำบลทุกแห่ง") is no name.
Other kinds of agency (กรม..., มหาวิทยาลัย...) are not looked for: plans of local administrations name
their supervising departments and partners that way, and the words occur inside ordinary text.

Measure requests. An analysis asks for a measure when it contains one of `MEASURE_REQUEST_PHRASES`
(whitespace ignored, since the documents break lines inside phrases), unless a negation such as ไม่
or ไม่จำเป็น directly precedes it.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

AGENCY_KINDS: dict[str, tuple[str, ...]] = {
	"เทศบาลตำบล": ("ทต.",),
	"เทศบาลเมือง": ("ทม.",),
	"เทศบาลนคร": ("ทน.",),
	"องค์การบริหารส่วนตำบล": ("อบต.",),
	"องค์การบริหารส่วนจังหวัด": ("อบจ.",),
}
"""Each kind of agency (as its name starts) with its abbreviations."""

SPECIAL_AGENCIES: dict[str, tuple[str, ...]] = {
	"กรุงเทพมหานคร": ("กทม.",),
	"เมืองพัทยา": (),
}
"""Agencies whose whole name is their kind."""

NAME_FOLLOWERS = (
	"ยัง",
	"ทุก",
	"ทาง",
	"และ",
	"หรือ",
	"ได้",
	"ให้",
	"มี",
	"ไม่",
	"ควร",
	"ของ",
	"ใน",
	"ที่",
	"ซึ่ง",
	"โดย",
	"เป็น",
	"จึง",
	"จะ",
	"ต้อง",
	"เพื่อ",
	"ตาม",
	"กับ",
	"แห่ง",
	"อำเภอ",
	"จังหวัด",
	"ประจำ",
	"เห็น",
	"ดำเนิน",
	"ประกาศ",
	"เรื่อง",
	"แล้ว",
	"นั้น",
	"นี้",
	"ด้วย",
	"กำกับ",
)
"""Words that follow an agency's name in plans ("...เขวาสินรินทร์ยังมีการ", "...ทุกคน", "...ทางเว็บไซต์");
a name read from free text ends before the first of them."""

MEASURE_REQUEST_PHRASES = (
	"เห็นควรมีมาตรการ",
	"ควรมีมาตรการ",
	"ควรจัดทำมาตรการ",
	"ควรจัดให้มีมาตรการ",
	"ควรกำหนดมาตรการ",
	"ควรมีการจัดทำมาตรการ",
	"ควรนำประเด็นนี้มาจัดทำมาตรการ",
	"ต้องมีมาตรการ",
	"ต้องจัดทำมาตรการ",
)
"""Phrases by which an analysis asks for a measure, as agencies write them."""

NEGATIONS = ("ไม่จำเป็น", "ไม่")

_THAI_LETTERS = re.compile(r"[\u0E01-\u0E4E]+")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class AgencyName:
	kind: str
	"""The kind's full form, also for an abbreviation."""
	proper: str
	"""The name after the kind ("เขวาใหญ่"); empty for a special agency."""


def _prefixes() -> list[tuple[str, str]]:
	"""(written form, kind) of every kind and special agency, longest first."""
	forms = [(form, kind) for kind, abbrs in AGENCY_KINDS.items() for form in (kind, *abbrs)]
	forms += [(form, name) for name, abbrs in SPECIAL_AGENCIES.items() for form in (name, *abbrs)]
	return sorted(forms, key=lambda pair: -len(pair[0]))


_PREFIXES = _prefixes()


def parse_agency_name(name: str) -> AgencyName | None:
	"""The kind and proper name of an agency's own name, or None when it starts with no known kind."""
	name = _WHITESPACE.sub(" ", (name or "").strip())
	for form, kind in _PREFIXES:
		if name.startswith(form):
			if kind in SPECIAL_AGENCIES:
				return AgencyName(kind, "")
			proper = name[len(form) :].strip()
			return AgencyName(kind, proper) if proper else None
	return None


def _run_of_name(text: str) -> str:
	"""The name at the start of `text` when no known name matches: Thai letters up to the first follower."""
	run = _THAI_LETTERS.match(text)
	if not run:
		return ""
	name = run.group()
	ends = [index for word in NAME_FOLLOWERS if (index := name.find(word)) >= 0]
	return name[: min(ends)] if ends else name


@lru_cache(maxsize=8)
def known_propers(known: tuple[str, ...]) -> dict[str, list[str]]:
	"""The proper names of the `known` agencies by kind, longest first. Kept for the same names: a site's
	thousands of agencies are parsed once per process, not on each check of a plan."""
	propers: dict[str, set[str]] = {}
	for name in known:
		if (parsed := parse_agency_name(name)) and parsed.proper:
			propers.setdefault(parsed.kind, set()).add(parsed.proper)
	return {kind: sorted(names, key=len, reverse=True) for kind, names in propers.items()}


class AgencyNameReader:
	"""Finds in free text the names of agencies other than `own`; `known` are the names of the agencies on
	the site, read once (a site may hold thousands), so that a name among them is read whole."""

	def __init__(self, own: str, known: Iterable[str] = ()):
		self.own = parse_agency_name(own)
		# An agency named with its district to tell it from another of the same name ("อบต.หนองบัว
		# อำเภอเมือง") is also itself where the text gives the name alone.
		self.own_propers: list[str] = []
		if self.own:
			run = _THAI_LETTERS.match(self.own.proper)
			forms = {self.own.proper, run.group() if run else ""} - {""}
			self.own_propers = sorted(forms, key=len, reverse=True)
		self.known = known_propers(tuple(known))

	def others_in(self, text: str | None) -> list[str]:
		"""The other agencies' names in `text`, each once, in order, as written but without a space
		between kind and name."""
		found: list[str] = []
		position = 0
		while text and position < len(text):
			match = next(((form, kind) for form, kind in _PREFIXES if text.startswith(form, position)), None)
			if not match:
				position += 1
				continue
			form, kind = match
			name, position = self._name_at(text, position + len(form), form, kind)
			if name and name not in found:
				found.append(name)
		return found

	def _name_at(self, text: str, after: int, form: str, kind: str) -> tuple[str, int]:
		"""The other agency's name whose kind, written `form`, ends at `after` ("" for the own agency or
		none), and where reading goes on."""
		if kind in SPECIAL_AGENCIES:
			is_own = self.own is not None and self.own.kind == kind
			return ("" if is_own else form), after
		rest = text[after:].lstrip()
		gap = len(text) - after - len(rest)
		known = next((proper for proper in self.known.get(kind, ()) if rest.startswith(proper)), "")
		if self.own and self.own.kind == kind:
			own = next((proper for proper in self.own_propers if _starts_with_name(rest, proper)), "")
			if own and len(known) <= len(own):
				return "", after + gap + len(own)
		proper = known or _run_of_name(rest)
		return (f"{form}{proper}" if proper else ""), after + gap + len(proper)


def other_agency_names(text: str | None, own: str, known: Iterable[str] = ()) -> list[str]:
	"""The names of agencies other than `own` that `text` mentions (see AgencyNameReader)."""
	return AgencyNameReader(own, known).others_in(text)


def _starts_with_name(text: str, proper: str) -> bool:
	return _WHITESPACE.sub(" ", text[: len(proper) + 8]).startswith(proper)


def measure_request(text: str | None) -> str | None:
	"""The phrase by which `text` asks for a measure, or None when it asks for none."""
	compact = _WHITESPACE.sub("", text or "")
	for phrase in sorted(MEASURE_REQUEST_PHRASES, key=len, reverse=True):
		start = compact.find(phrase)
		while start >= 0:
			if not compact[:start].endswith(NEGATIONS):
				return phrase
			start = compact.find(phrase, start + 1)
	return None
