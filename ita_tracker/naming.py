"""Each DocType of the app numbers its records from its own counter (Frappe's naming series, kept per prefix
in `tabSeries`): ITA-PLAN-2569-0001, 0002... whatever other DocTypes were named in between.

The DocTypes were once named by `format:` expressions (`format:ITA-PLAN-{fiscal_year}-{####}`), which in
Frappe 15 draw every `{####}` from one counter with an empty prefix, shared by all of them (and by any
other app's `format:` names): plans were numbered 0002, then 0049. Their names stay; the counter of each
prefix starts after the highest number already taken under it (`start_counters_after_existing_names`)."""

import re

import frappe
from frappe.model.naming import NamingSeries

# What the names of each DocType (its autoname: an "Expression (old style)" series in its JSON) look like:
# the prefix of the counter, then the number.
SERIES = {
	"ITA Plan": re.compile(r"^(ITA-PLAN-\d{4}-)(\d+)$"),
	"ITA Assessment": re.compile(r"^(ITA-ASMT-\d{4}-)(\d+)$"),
	"ITA Measure": re.compile(r"^(ITA-MSR-)(\d+)$"),
	"ITA Action Step": re.compile(r"^(ITA-STEP-)(\d+)$"),
	"ITA Result Import": re.compile(r"^(ITA-IMP-)(\d+)$"),
}


def highest_numbers(doctype: str) -> dict[str, int]:
	"""The highest number taken under each prefix of `doctype`'s names."""
	pattern = SERIES[doctype]
	highest: dict[str, int] = {}
	for name in frappe.get_all(doctype, pluck="name"):
		if match := pattern.match(name):
			prefix, number = match.group(1), int(match.group(2))
			highest[prefix] = max(highest.get(prefix, 0), number)
	return highest


def start_counters_after_existing_names() -> None:
	"""Moves each prefix's counter past the names already taken, never back."""
	for doctype in SERIES:
		for prefix, number in highest_numbers(doctype).items():
			series = NamingSeries(f"{prefix}.####")
			if series.get_current_value() < number:
				series.update_counter(number)
