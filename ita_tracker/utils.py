from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.utils import cstr, escape_html, formatdate, getdate

from ita_tracker.rules.thai import format_thai_date


def to_date(value) -> date | None:
	"""A date, or None where Frappe's getdate would give today for an empty value."""
	return getdate(value) if value else None


def reader_date(value, lang: str | None = None) -> str:
	"""A date as a person reads it in a message, dialog or e-mail: for a Thai reader with the Buddhist Era
	year as printed documents show it ("31 ธ.ค. 2568"), otherwise in the site's date format."""
	if not value:
		return ""
	if (lang or frappe.local.lang) == "th":
		return format_thai_date(getdate(value), thai_digits=False)
	return formatdate(value)


def upsert(doctype: str, keys: dict, values: dict) -> str:
	"""The record found by its natural `keys`, created or updated to `values`: loading twice changes nothing."""
	name = frappe.db.get_value(doctype, keys)
	doc = frappe.get_doc(doctype, name) if name else frappe.new_doc(doctype)
	doc.update({**keys, **values})
	doc.save()
	return doc.name


def violated_key(error: Exception) -> str:
	"""The name of the unique index a MariaDB duplicate-key error names ("... for key 'name'")."""
	return str(error.args[-1]).split("'")[-2]


def committed_name(doctype: str, filters: dict) -> str | None:
	"""The record matching `filters` as committed now, for the loser of a race on a unique index.

	A plain read would show this transaction's snapshot, which may predate the winner's commit; FOR UPDATE
	would deadlock the losers, which all hold shared locks on the winner's index entry after their failed
	inserts. A shared-lock read sees the committed row and waits for nobody but a writer. For a row that
	exists: where none does, it locks the gap, and waiting for another lock after that invites deadlocks."""
	where = " and ".join(f"`{fieldname}` = %s" for fieldname in filters)
	rows = frappe.db.sql(
		f"select name from `tab{doctype}` where {where} limit 1 lock in share mode", list(filters.values())
	)
	return rows[0][0] if rows else None


def quoted(value) -> str:
	"""A value someone typed, for a message: bold and escaped, since Frappe shows messages as HTML."""
	return frappe.bold(escape_html(cstr(value)))


def field_label(row, fieldname: str) -> str:
	"""A field as a message names it, in the reader's language; a child row's with its row and table."""
	label = _(row.meta.get_label(fieldname))
	if not (row.get("parentfield") and row.parent_doc):
		return label
	table = _(row.parent_doc.meta.get_label(row.parentfield))
	return _("{0} in row {1} of {2}").format(label, row.idx, table)


def child_values(doctype: str, fieldname: str, parenttype: str, parents: list[str]) -> dict[str, list]:
	"""Each parent's values of one field of a child table, in the table's order, from one query."""
	values = defaultdict(list)
	for row in frappe.get_all(
		doctype,
		filters={"parenttype": parenttype, "parent": ("in", parents or [""])},
		fields=["parent", fieldname],
		order_by="idx",
	):
		values[row.parent].append(row[fieldname])
	return values


def indicator_names() -> dict[str, str]:
	"""Each ITA Indicator's (Thai) name by its number."""
	return dict(frappe.get_all("ITA Indicator", fields=["name", "indicator_name"], as_list=True))


def indicator_label(indicator: str, name: str | None) -> str:
	"""What a person reads for an indicator: its number and name, "2. การใช้งบประมาณ"."""
	return f"{indicator}. {name or indicator}"
