from datetime import date

from frappe.utils import getdate


def to_date(value) -> date | None:
	"""A date, or None where Frappe's getdate would give today for an empty value."""
	return getdate(value) if value else None
