"""Indicator results stored before they had a title get the one their validate sets."""

import frappe

from ita_tracker.ita_tracker.doctype.ita_indicator_result.ita_indicator_result import (
	refresh_titles_of_indicator,
)


def execute():
	for indicator in frappe.get_all("ITA Indicator", pluck="name"):
		refresh_titles_of_indicator(indicator)
