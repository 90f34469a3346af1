"""Numbers as typed: Thai digits ("๘๑.๒๔") are accepted wherever the app takes a number; what is not a number
(a text, `true`, a list, NaN) is refused, and so is a required number left empty, which Frappe would store
as 0: an indicator that scored 0 is a result, a score nobody entered is not. An optional number left empty
stays empty, for Frappe to store as its default or 0 (a tool score of 0 means not in the imported result).
"""

from decimal import Decimal

import frappe
from frappe import _

from ita_tracker.exceptions import InvalidNumberError, MissingNumberError
from ita_tracker.rules.field_values import is_number, shown
from ita_tracker.rules.thai import ThaiParseError, parse_number
from ita_tracker.utils import field_label, quoted

NUMBER_FIELDTYPES = ("Float", "Percent", "Currency", "Int")


def normalize_numbers(doc) -> None:
	"""Turns every number field of `doc` and its rows into a number, or names the field that is not one."""
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			if df.fieldtype in NUMBER_FIELDTYPES:
				row.set(df.fieldname, _number(row, df))


def _number(row, df) -> int | float | None:
	value = row.get(df.fieldname)
	if value is None or (isinstance(value, str) and not value.strip()):
		_refuse_if_required(row, df)
		return None
	try:
		number = _read(value)
		if df.fieldtype == "Int" and number != int(number):
			raise ThaiParseError(value)
	except ThaiParseError:
		frappe.throw(
			_("{0} must be a number, not {1}.").format(field_label(row, df.fieldname), quoted(shown(value))),
			exc=InvalidNumberError,
			title=_("Not a Number"),
		)
	return int(number) if df.fieldtype == "Int" else float(number)


def _read(value) -> Decimal:
	if isinstance(value, str):
		return parse_number(value)
	if is_number(value):
		return Decimal(str(value))
	raise ThaiParseError(value)


def _refuse_if_required(row, df) -> None:
	# A new record's field left out is given its default by Frappe's insert, after these checks.
	if df.reqd and not (df.default and (row.get("__islocal") or not row.get("name"))):
		frappe.throw(
			_("{0} is empty: enter a number.").format(field_label(row, df.fieldname)),
			exc=MissingNumberError,
			title=_("Number Required"),
		)
