"""Values as a request sends them for a field, judged before anything reads them: the shape each kind of
field takes, dates as real days written YYYY-MM-DD in the Common Era, a value as a message names it, and
how deep a JSON text nests.

The Frappe side (input_checks.py) says which field is of which kind and words the messages; nothing here
guesses what a wrong value meant.
"""

import math
import re
from datetime import date, datetime
from decimal import Decimal
from itertools import islice

from ita_tracker.rules.fiscal import be_to_ce
from ita_tracker.rules.thai import to_arabic_digits

BE_YEARS_FROM = 2400
"""No date of this app falls in a C.E. year from 2400 on: such a year is a Buddhist Era year typed where the
C.E. one belongs (2569 for 2026), the commonest slip of officers who think in B.E."""

TEXT, NAME, NUMBER, CHECK, DATE, DATETIME, TABLE = (
	"text",
	"name",
	"number",
	"check",
	"date",
	"datetime",
	"table",
)

# Frappe's field types by the kind of value they take; other types (Time, JSON, ...) are not judged here.
KIND_OF_FIELDTYPE = {
	**dict.fromkeys(
		(
			"Data",
			"Small Text",
			"Text",
			"Long Text",
			"Text Editor",
			"Code",
			"HTML Editor",
			"Markdown Editor",
			"Select",
			"Read Only",
			"Password",
			"Phone",
			"Autocomplete",
			"Color",
			"Attach",
			"Attach Image",
			"Signature",
			"Barcode",
			"Icon",
		),
		TEXT,
	),
	"Link": NAME,
	"Dynamic Link": NAME,
	**dict.fromkeys(("Int", "Float", "Currency", "Percent"), NUMBER),
	"Check": CHECK,
	"Date": DATE,
	"Datetime": DATETIME,
	"Table": TABLE,
	"Table MultiSelect": TABLE,
}

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
MAX_ITEMS_SHOWN = 5


class NotADateError(ValueError):
	"""A text that is not a real day written YYYY-MM-DD."""


def takes(kind: str, value) -> bool:
	"""Whether a field of `kind` can take `value` as a request sends it: empty is for the field's own rules
	(required or not) to judge. A number or a date may come as a text, to be read by `read_date` or
	`thai.parse_number`; a record's name may be a number (fiscal year 2569, indicator 2)."""
	if value is None:
		return True
	if kind == TEXT:
		return isinstance(value, str)
	if kind == NAME:
		return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
	if kind == NUMBER:
		return is_number(value) or isinstance(value, str)
	if kind == CHECK:
		return isinstance(value, bool) or value in (0, 1, "0", "1")
	if kind in (DATE, DATETIME):
		return isinstance(value, str | date)
	if kind == TABLE:
		return isinstance(value, list | tuple)
	return True


def is_number(value) -> bool:
	"""A finite int, float or Decimal; `true` is not a number, nor NaN."""
	if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
		return False
	return isinstance(value, int) or math.isfinite(value)


def read_date(text: str) -> date:
	"""A date typed as YYYY-MM-DD, with Arabic or Thai digits, that is a real day; any other text is
	refused rather than guessed (31/12/2019 and 12/31/2019 are both typed)."""
	match = _ISO_DATE.fullmatch(to_arabic_digits(text).strip())
	if not match:
		raise NotADateError(text)
	try:
		return date(*(int(part) for part in match.groups()))
	except ValueError as error:
		raise NotADateError(text) from error


def read_datetime(text: str) -> datetime:
	"""A date and time typed as YYYY-MM-DD HH:MM[:SS[.ffffff]] (or the date alone), a real moment."""
	try:
		return datetime.fromisoformat(to_arabic_digits(text).strip())
	except ValueError as error:
		raise NotADateError(text) from error


def in_buddhist_era(day: date) -> bool:
	return day.year >= BE_YEARS_FROM


def in_common_era(day: date) -> date | None:
	"""The day meant by `day` typed with its B.E. year, or None when the C.E. year has no such day
	(29 February 2568 is a day; 29 February 2025 is not)."""
	try:
		return day.replace(year=be_to_ce(day.year))
	except ValueError:
		return None


def shown(value, limit: int = 60) -> str:
	"""`value` as a message names it: a text as typed, anything else as JSON shows it (true, null,
	[1, 2]), containers cut three levels deep and anything cut at `limit` characters."""
	text = value if isinstance(value, str) else _as_json(value, 3)
	return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_json(value, levels: int) -> str:
	if value is None or isinstance(value, bool):
		return {None: "null", True: "true", False: "false"}[value]
	if isinstance(value, str):
		return '"' + value[:60].replace("\\", "\\\\").replace('"', '\\"') + '"'
	if isinstance(value, int | float | Decimal):
		return str(value)
	if isinstance(value, date):
		return value.isoformat()
	if not isinstance(value, dict | list | tuple):
		return type(value).__name__
	opening, closing = ("{", "}") if isinstance(value, dict) else ("[", "]")
	if not value:
		return opening + closing
	if levels <= 0:
		return opening + "…" + closing
	if isinstance(value, dict):
		items = [
			f"{_as_json(str(key), 0)}: {_as_json(item, levels - 1)}"
			for key, item in islice(value.items(), MAX_ITEMS_SHOWN)
		]
	else:
		items = [_as_json(item, levels - 1) for item in islice(value, MAX_ITEMS_SHOWN)]
	more = ", …" if len(value) > MAX_ITEMS_SHOWN else ""
	return opening + ", ".join(items) + more + closing


def nests_deeper_than(text: str, limit: int) -> bool:
	"""Whether the JSON in `text` nests arrays and objects more than `limit` levels deep (brackets inside
	strings do not count), read without parsing it: Python's parser gives up near 1,000 levels with a
	RecursionError."""
	if text.count("[") + text.count("{") <= limit:
		return False
	depth = 0
	for token in _JSON_TOKEN.finditer(text):
		bracket = token.group()
		if bracket in ("[", "{"):
			depth += 1
			if depth > limit:
				return True
		elif bracket in ("]", "}"):
			depth = max(depth - 1, 0)
	return False
