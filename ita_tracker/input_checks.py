"""Careless input gets a clear error, never a 500 and never a silent change, whatever the door: REST,
frappe.client.*, savedocs, the app's own API.

`ITADocument`, the base of every controller of the app, judges a value where Frappe first touches it:
- A table's rows are built the moment the table is set (`BaseDocument.set`, from `frappe.get_doc(dict)` and
  `doc.update(dict)`, before any hook), where a text or a mapping in its place gives a TypeError: a table
  is judged there.
- Every other value is judged when `insert()` or `save()` starts. Frappe's first steps read the values
  before any hook of the app runs (insert: `_validate_links`, `has_permission`, then `before_insert`;
  save: `has_permission`, `_validate_links`, then `before_validate`), and its last one, the database,
  answers a 500 to a dict in a Data field or to 2026-02-30.
- What is judged against the stored record waits for Frappe to load it (`run_before_save_methods`, after
  `check_if_latest`, before `before_validate`): a stale copy then gets Frappe's own "modified after you
  opened it", and no record is read twice.

What is judged:
- each field takes the kind of value its type does (rules/field_values.py): a text, the name of a record,
  0 or 1, a number (numbers.py: Thai digits read, an empty required number refused), a date;
- a date is a real day typed YYYY-MM-DD (Thai digits read), kept as a date; a Buddhist Era year typed
  where the C.E. one belongs (2569-10-01) is refused with the C.E. date to type, when the date is new or
  changed (a date stored before this rule does not block a save that leaves it as it is); a date sent as
  the desk shows it (30-06-2569, rules/typed_dates.py) is refused naming the YYYY-MM-DD date it means;
- the fields that only the app's own flows set (`SET_BY_THE_APP`) are refused when a request sets or
  changes them; the flows mark their documents with `set_by_the_app`.

A request whose data nests deeper than any form or API call of the site sends is refused before Frappe
parses it again (`refuse_deeply_nested_request`, a before_request hook).
"""

from datetime import date, datetime

import frappe
from frappe import _
from frappe.model.base_document import BaseDocument
from frappe.model.document import Document
from frappe.utils import cstr

from ita_tracker.exceptions import (
	BuddhistEraDateError,
	InvalidDateError,
	RequestNestedTooDeepError,
	RestrictedFieldError,
	WrongValueTypeError,
)
from ita_tracker.numbers import normalize_numbers
from ita_tracker.rules.field_values import (
	CHECK,
	DATE,
	DATETIME,
	KIND_OF_FIELDTYPE,
	NAME,
	TEXT,
	NotADateError,
	in_buddhist_era,
	in_common_era,
	nests_deeper_than,
	read_date,
	read_datetime,
	shown,
	takes,
)
from ita_tracker.rules.fiscal import be_to_ce
from ita_tracker.rules.typed_dates import read_typed_date
from ita_tracker.utils import field_label, quoted, reader_date

# Links to the record a document was copied or made from, and the state derived from its steps: written by
# planning.py (proposed measures, carry over), revisions.py (copies in a revision) and the result import.
SET_BY_THE_APP = {
	"ITA Action Step": ("carried_from", "revised_from"),
	"ITA Measure": ("template", "carried_from", "revised_from", "status"),
	"ITA Result Import": ("status", "assessment", "errors"),
}

# Far beyond any form, filter or document the site sends (a document with its rows nests 3 deep), and far
# below the ~1,000 levels where Python's JSON parser fails with a RecursionError.
MAX_REQUEST_NESTING = 100


class ITADocument(Document):
	"""The base of every controller of the app: its values are judged before Frappe reads them."""

	def set(self, key, value, as_value=False):
		if not as_value and key in self._table_fieldnames:
			check_table(self, key, value)
		return super().set(key, value, as_value)

	def insert(self, *args, **kwargs):
		check_input(self)
		return super().insert(*args, **kwargs)

	def save(self, *args, **kwargs):
		check_input(self)
		return super().save(*args, **kwargs)

	def run_before_save_methods(self):
		check_changes(self)
		return super().run_before_save_methods()


def set_by_the_app(doc):
	"""Marks `doc` as made by one of the app's own flows, which alone set the fields of SET_BY_THE_APP (a
	request cannot set a document's flags)."""
	doc.flags.set_by_the_app = True
	return doc


def check_table(doc, fieldname: str, value) -> None:
	"""A table is a list of rows, each a mapping of its fields (empty is an empty table, as for Frappe)."""
	if not value:
		return
	label = _(doc.meta.get_label(fieldname))
	if not isinstance(value, list | tuple):
		frappe.throw(
			_("{0} takes a list of rows, not {1}.").format(label, named(value)),
			exc=WrongValueTypeError,
			title=_("Wrong Kind of Value"),
		)
	for idx, row in enumerate(value, 1):
		if not isinstance(row, dict | BaseDocument):
			frappe.throw(
				_("Row {0} of {1} takes its fields as a mapping (a JSON object), not {2}.").format(
					idx, label, named(row)
				),
				exc=WrongValueTypeError,
				title=_("Wrong Kind of Value"),
			)


def check_input(doc) -> None:
	"""Every value of `doc` and its rows has the shape its field takes; dates and numbers are read."""
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			check_value(row, df)
	normalize_numbers(doc)


def check_changes(doc) -> None:
	"""What `doc` sets or changes from the stored record (Frappe's `_doc_before_save`; none when new)."""
	stored = doc.get_doc_before_save()
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			if df.fieldtype in ("Date", "Datetime"):
				refuse_buddhist_era(row, df, stored if row is doc else None)
	refuse_fields_set_by_the_app(doc, stored)


def check_value(row, df) -> None:
	kind = KIND_OF_FIELDTYPE.get(df.fieldtype)
	value = row.get(df.fieldname)
	if kind in (DATE, DATETIME):
		if value not in (None, ""):
			row.set(df.fieldname, checked_date(row, df, value))
	elif kind in (TEXT, NAME, CHECK) and not takes(kind, value):
		frappe.throw(
			shape_message(kind).format(field_label(row, df.fieldname), named(value)),
			exc=WrongValueTypeError,
			title=_("Wrong Kind of Value"),
		)


def shape_message(kind: str) -> str:
	"""What a field of `kind` takes (numbers say so in numbers.py), in the reader's language."""
	return {
		TEXT: _("{0} takes a text, not {1}."),
		NAME: _("{0} takes the name of a record, not {1}."),
		CHECK: _("{0} takes 0 (no) or 1 (yes), not {1}."),
	}[kind]


def checked_date(row, df, value) -> date:
	"""`value` as a date (a datetime for a Datetime field), if it is a real one."""
	if not takes(DATE, value):
		refuse_date(row, df, value)
	day = typed_date(row, df, value) if isinstance(value, str) else value
	return day.date() if df.fieldtype == "Date" and isinstance(day, datetime) else day


def typed_date(row, df, text: str) -> date:
	try:
		return read_datetime(text) if df.fieldtype == "Datetime" else read_date(text)
	except NotADateError:
		refuse_date(row, df, text)


def refuse_date(row, df, value) -> None:
	label, meant = field_label(row, df.fieldname), date_meant(df, value)
	if df.fieldtype == "Datetime":
		message = _(
			"{0}: {1} is not a date and time. Type it as YYYY-MM-DD HH:MM with the year in C.E., such as 2026-06-30 14:30."
		).format(label, named(value))
	else:
		message = _(
			"{0}: {1} is not a date. Type a date as YYYY-MM-DD with the year in C.E., such as 2026-06-30."
		).format(label, named(value))
	if meant:
		message += " " + _("Read as the desk shows dates it is {0}: send {1}.").format(
			reader_date(meant), frappe.bold(meant.isoformat())
		)
	frappe.throw(
		message,
		exc=InvalidDateError,
		title=_("Not a Date"),
	)


def date_meant(df, value) -> date | None:
	"""The day a Date field's text means when typed as the desk shows dates (the site's date format, a B.E.
	or C.E. year, Thai or Arabic digits: rules/typed_dates.py), to name in the refusal; None otherwise."""
	if df.fieldtype != "Date" or not isinstance(value, str):
		return None
	try:
		return read_typed_date(value, frappe.db.get_default("date_format") or "dd-mm-yyyy")
	except NotADateError:
		return None


def refuse_buddhist_era(row, df, stored) -> None:
	"""A date set or changed with a B.E. year; one stored before this rule does not block other changes."""
	day = row.get(df.fieldname)
	if not (isinstance(day, date) and in_buddhist_era(day)) or (stored and stored.get(df.fieldname) == day):
		return
	label, ce_year, ce_day = field_label(row, df.fieldname), be_to_ce(day.year), in_common_era(day)
	typed = named(day.isoformat() if df.fieldtype == "Date" else str(day))
	if ce_day:
		message = _(
			"{0}: the year {1} in {2} looks like a Buddhist Era (B.E.) year. Type the date with the C.E. year {3}: {4}."
		).format(label, day.year, typed, ce_year, frappe.bold(ce_day.isoformat()))
	else:
		message = _(
			"{0}: the year {1} in {2} looks like a Buddhist Era (B.E.) year. Type the date with the C.E. year {3}."
		).format(label, day.year, typed, ce_year)
	frappe.throw(message, exc=BuddhistEraDateError, title=_("Buddhist Era Year"))


def refuse_fields_set_by_the_app(doc, stored) -> None:
	"""A request leaves these fields as stored; a new record takes them empty (or as their default)."""
	if doc.flags.set_by_the_app:
		return
	for fieldname in SET_BY_THE_APP.get(doc.doctype, ()):
		value = doc.get(fieldname)
		default = doc.meta.get_field(fieldname).default
		if stored is None:
			changed = value not in (None, "", default)
		else:
			changed = cstr(value) != cstr(stored.get(fieldname))
		if changed:
			frappe.throw(
				_("{0} is set by the app itself: a request cannot set or change it.").format(
					_(doc.meta.get_label(fieldname))
				),
				exc=RestrictedFieldError,
				title=_("Not Permitted"),
			)


def named(value) -> str:
	"""A value as sent, for a message: shortened, as JSON shows it, bold and escaped."""
	return quoted(shown(value))


def refuse_deeply_nested_request() -> None:
	"""A before_request hook: the request's parameters, and the body where Frappe parses it as JSON after
	this hook (the REST API's `data`, or the whole body), nest no deeper than MAX_REQUEST_NESTING. Python's
	JSON parser fails with a RecursionError (a 500) near 1,000 levels.

	A JSON body is parsed by Frappe (frappe.app.make_form_dict) before any hook of an app runs: one that
	fails there answers a 500 this hook cannot prevent; one that parsed is judged here whole."""
	request = frappe.request
	texts = [value for value in frappe.form_dict.values() if isinstance(value, str)]
	if request.is_json or parses_raw_body(request):
		texts.append(request.get_data(as_text=True))
	if any(nests_deeper_than(text, MAX_REQUEST_NESTING) for text in texts):
		frappe.throw(
			_(
				"The request nests its data more than {0} levels deep, which no form or API call of the site does."
			).format(MAX_REQUEST_NESTING),
			exc=RequestNestedTooDeepError,
			title=_("Malformed Request"),
		)


def parses_raw_body(request) -> bool:
	"""Frappe's REST API (v1) reads the body of a POST or PUT without a `data` parameter as JSON, whatever
	its content type; a file upload is not (its files' bytes are no JSON)."""
	return (
		request.method in ("POST", "PUT")
		and request.path.startswith(("/api/resource/", "/api/v1/resource/"))
		and frappe.form_dict.get("data") is None
		and request.mimetype != "multipart/form-data"
	)
