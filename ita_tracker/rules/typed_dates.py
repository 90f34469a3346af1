"""Dates as Thai officers type them into the desk: in the site's date format (30-06-2569), with the year in
the Buddhist Era or the Common Era, in Thai or Arabic digits (๓๐-๐๖-๒๕๖๙).

One rule, here, mirrored by the desk (public/js/be_dates.js, `ita_dates.typed_in_common_era`) before Frappe
reads what was typed: the digits are made Arabic and a four-digit year from BE_YEARS_FROM (2400) on is a
B.E. year, lowered by 543. No date of the app falls in a C.E. year from 2400 on, so either calendar is read
without asking which one was meant; a two-digit year is not a year of either and is not read.

The server stores and takes dates as YYYY-MM-DD in C.E. (rules/field_values.py); it uses `read_typed_date`
only to name, in its refusal of a date typed the desk's way, the YYYY-MM-DD date to send instead.
"""

import re
from datetime import date

from ita_tracker.rules.field_values import BE_YEARS_FROM, NotADateError
from ita_tracker.rules.fiscal import be_to_ce, ce_to_be
from ita_tracker.rules.thai import to_arabic_digits

_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
_PARTS = re.compile(r"([0-9]{1,4})[-/. ]([0-9]{1,2})[-/. ]([0-9]{1,4})")
_FORMAT_PART = re.compile(r"dd|mm|yyyy")


def typed_in_common_era(text: str) -> str:
	"""`text` with Arabic digits and its first four-digit year in C.E.: "๓๐-๐๖-๒๕๖๙" -> "30-06-2026"."""

	def common_era(match: re.Match) -> str:
		year = int(match.group(1))
		return str(be_to_ce(year)) if year >= BE_YEARS_FROM else match.group(1)

	return _YEAR.sub(common_era, to_arabic_digits(text), count=1)


def read_typed_date(text: str, date_format: str) -> date:
	"""The day meant by `text` typed in `date_format` (Frappe's: dd-mm-yyyy, mm/dd/yyyy, yyyy-mm-dd ...),
	any separator of - / . or a space, the year in four digits of either calendar. A text that is no real
	day in that order is refused with NotADateError rather than guessed."""
	order = _FORMAT_PART.findall(date_format.lower())
	match = _PARTS.fullmatch(typed_in_common_era(text).strip())
	if sorted(order) != ["dd", "mm", "yyyy"] or not match:
		raise NotADateError(text)
	parts = dict(zip(order, match.groups(), strict=True))
	if len(parts["yyyy"]) != 4:
		raise NotADateError(text)
	try:
		return date(int(parts["yyyy"]), int(parts["mm"]), int(parts["dd"]))
	except ValueError as error:
		raise NotADateError(text) from error


def typed_form(date_format: str, day: date, buddhist_era: bool) -> str:
	"""`day` as the desk shows it in a date field of `date_format`, with a B.E. year for a Thai user."""
	year = ce_to_be(day.year) if buddhist_era else day.year
	values = {"dd": f"{day.day:02d}", "mm": f"{day.month:02d}", "yyyy": str(year)}
	return _FORMAT_PART.sub(lambda part: values[part.group()], date_format.lower())
