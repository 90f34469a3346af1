"""Every agency of the site (the country) compared for a fiscal year of ITA results (see
ita_tracker/rollups.py). A prepared report: at national scale (8,300 agencies, 1.7 million steps) Frappe
runs it in a background job and keeps the result per user and filters."""

from ita_tracker import rollups


def execute(filters: dict | None = None):
	return rollups.execute(filters, province_required=False)
