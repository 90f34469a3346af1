"""Thai digits and Thai dates with abbreviated month names and Buddhist Era years.

Parsers accept what officers type: Thai or Arabic digits, a space or none between the parts of
a date ("๓๐ ก.ย.๒๕๖๙"), and raise ThaiParseError on anything else rather than guess.
"""

import re
from datetime import date
from decimal import Decimal

from ita_tracker.rules.fiscal import be_to_ce, ce_to_be

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

THAI_MONTH_ABBREVIATIONS = (
	"ม.ค.",
	"ก.พ.",
	"มี.ค.",
	"เม.ย.",
	"พ.ค.",
	"มิ.ย.",
	"ก.ค.",
	"ส.ค.",
	"ก.ย.",
	"ต.ค.",
	"พ.ย.",
	"ธ.ค.",
)
_MONTH_NUMBER = {abbr.replace(".", ""): number for number, abbr in enumerate(THAI_MONTH_ABBREVIATIONS, 1)}

_NUMBER = re.compile(r"[+-]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]*)?|\.[0-9]+)")
_THAI_DATE = re.compile(r"([0-9]{1,2})\s*([\u0E01-\u0E4E.]+?)\s*([0-9]{4})")


class ThaiParseError(ValueError):
	"""Raised when a text is not a number or date in any form we accept."""


def to_arabic_digits(text: str) -> str:
	return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
	return str(text).translate(_TO_THAI)


def parse_number(value) -> Decimal:
	"""A number written with Thai or Arabic digits ("๘๑.๒๔", "81.24", "1,234.5")."""
	if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
		return Decimal(str(value))
	if not isinstance(value, str):
		raise ThaiParseError(f"not a number: {value!r}")
	text = to_arabic_digits(value).strip()
	if not _NUMBER.fullmatch(text):
		raise ThaiParseError(f"not a number: {value!r}")
	return Decimal(text.replace(",", ""))


def format_number(value, precision: int = 2, thai_digits: bool = True) -> str:
	text = f"{Decimal(str(value)):,.{precision}f}"
	return to_thai_digits(text) if thai_digits else text


def parse_thai_date(text: str) -> date:
	"""A date written as day, abbreviated Thai month and BE year: "๑ ต.ค. ๒๕๖๘"."""
	if not isinstance(text, str):
		raise ThaiParseError(f"not a Thai date: {text!r}")
	match = _THAI_DATE.fullmatch(to_arabic_digits(text).strip())
	if not match:
		raise ThaiParseError(f"not a Thai date: {text!r}")
	day, month_text, be_year = match.groups()
	month = _MONTH_NUMBER.get(month_text.replace(".", ""))
	if month is None:
		raise ThaiParseError(f"unknown Thai month {month_text!r} in {text!r}")
	try:
		return date(be_to_ce(int(be_year)), month, int(day))
	except ValueError as error:
		raise ThaiParseError(f"no such day: {text!r}") from error


def parse_thai_period(text: str) -> tuple[date, date]:
	"""A period as written in plans: "๑ ต.ค. ๒๕๖๘-๓๐ ก.ย.๒๕๖๙" (either dash, any spacing)."""
	parts = re.split(r"\s*[-–]\s*", text.strip()) if isinstance(text, str) else []
	if len(parts) != 2:
		raise ThaiParseError(f"not a period of two Thai dates: {text!r}")
	return parse_thai_date(parts[0]), parse_thai_date(parts[1])


def format_thai_date(day: date, thai_digits: bool = True) -> str:
	text = f"{day.day} {THAI_MONTH_ABBREVIATIONS[day.month - 1]} {ce_to_be(day.year)}"
	return to_thai_digits(text) if thai_digits else text


def parse_be_year(value) -> int:
	"""A Buddhist Era year such as "2569" or "๒๕๖๙"; a CE year or a non-year is refused."""
	try:
		year = parse_number(value)
	except ThaiParseError as error:
		raise ThaiParseError(f"not a Buddhist Era year: {value!r}") from error
	if year != int(year) or not 2400 <= year <= 2800:
		raise ThaiParseError(f"not a Buddhist Era year: {value!r}")
	return int(year)
