"""The filters of the ITA reports, checked before any query: each filter a single value and the fiscal
year a Buddhist Era year, so that a malformed request is a validation error naming the filter."""

import frappe
from frappe import _
from frappe.utils import escape_html

from ita_tracker.exceptions import InvalidFiscalYearError, InvalidReportFilterError
from ita_tracker.rules.thai import ThaiParseError, parse_be_year
from ita_tracker.utils import quoted

# The labels of public/js/report_filters.js (and the roll-ups' filters), to name a filter as the reader sees it.
LABELS = {
	"agency": "Agency",
	"fiscal_year": "Fiscal Year",
	"plan": "Plan",
	"division": "Division",
	"indicator": "Indicator",
	"province": "Province",
	"agency_type": "Agency Type",
	"rating": "Rating",
}


def checked_filters(filters: dict | None) -> frappe._dict:
	"""The filters with the fiscal year in Arabic digits; throws on a filter that is not one value."""
	filters = frappe._dict(filters or {})
	for fieldname, value in filters.items():
		if not isinstance(value, str | int | float | None):
			frappe.throw(
				_("The report filter {0} takes a single value, not a list or a mapping.").format(
					frappe.bold(label(fieldname))
				),
				exc=InvalidReportFilterError,
				title=_("Invalid Report Filter"),
			)
	if filters.fiscal_year:
		filters.fiscal_year = str(fiscal_year(filters.fiscal_year))
	return filters


def fiscal_year(value) -> int:
	try:
		return parse_be_year(value)
	except ThaiParseError:
		frappe.throw(
			_(
				"The report filter {0} is {1}, which is not a fiscal year in the Buddhist Era, such as 2569."
			).format(frappe.bold(label("fiscal_year")), quoted(value)),
			exc=InvalidFiscalYearError,
			title=_("Invalid Report Filter"),
		)


def label(fieldname: str) -> str:
	return _(LABELS[fieldname]) if fieldname in LABELS else escape_html(fieldname)
