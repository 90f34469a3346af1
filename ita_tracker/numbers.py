"""Numbers typed with Thai digits ("๘๑.๒๔") are accepted wherever the app takes a number."""

import frappe
from frappe import _

from ita_tracker.exceptions import InvalidNumberError
from ita_tracker.rules.thai import ThaiParseError, parse_number
from ita_tracker.utils import quoted

NUMBER_FIELDTYPES = ("Float", "Percent", "Currency", "Int")


def normalize_numbers(doc) -> None:
	"""Turns every number field given as text into a number, or names the field that is not one.

	Frappe would otherwise read any text it cannot parse as 0 and save it silently.
	"""
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			value = row.get(df.fieldname)
			if df.fieldtype in NUMBER_FIELDTYPES and (value is None or isinstance(value, str)):
				row.set(df.fieldname, _parse(value, df))


def _parse(value: str | None, df):
	if value is None or not value.strip():
		return 0
	try:
		number = parse_number(value)
		if df.fieldtype == "Int" and number != int(number):
			raise ThaiParseError(value)
	except ThaiParseError:
		frappe.throw(
			_("{0} must be a number, not {1}.").format(_(df.label), quoted(value)),
			exc=InvalidNumberError,
			title=_("Not a Number"),
		)
	return int(number) if df.fieldtype == "Int" else float(number)
