from datetime import date

import frappe
from frappe.utils import getdate


def to_date(value) -> date | None:
	"""A date, or None where Frappe's getdate would give today for an empty value."""
	return getdate(value) if value else None


def upsert(doctype: str, keys: dict, values: dict) -> str:
	"""The record found by its natural `keys`, created or updated to `values`: loading twice changes nothing."""
	name = frappe.db.get_value(doctype, keys)
	doc = frappe.get_doc(doctype, name) if name else frappe.new_doc(doctype)
	doc.update({**keys, **values})
	doc.save()
	return doc.name
