// The agencies of a province compared for a fiscal year of ITA results (ita_tracker/rollups.py).
frappe.query_reports["ITA Provincial Roll-up"] = {
	filters: ita_tracker_rollup_filters({ province_required: true }),
};
