// Every agency of the site compared for a fiscal year of ITA results (ita_tracker/rollups.py); a prepared
// report: Frappe runs it in the background and shows the kept result.
frappe.query_reports["ITA National Roll-up"] = {
	filters: ita_tracker_rollup_filters({ province_required: false }),
};
