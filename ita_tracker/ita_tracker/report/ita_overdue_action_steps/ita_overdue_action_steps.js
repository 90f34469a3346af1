frappe.query_reports["ITA Overdue Action Steps"] = {
	filters: ita_tracker_report_filters(),
};
