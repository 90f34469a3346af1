frappe.query_reports["ITA Indicator Scores by Year"] = {
	filters: ita_tracker_report_filters().filter((filter) => ["agency", "indicator"].includes(filter.fieldname)),
	onload(report) {
		// Most sites hold a single agency: start with it.
		if (!report.get_filter_value("agency")) {
			frappe.db.get_list("ITA Agency", { limit: 2 }).then((agencies) => {
				if (agencies.length === 1) report.set_filter_value("agency", agencies[0].name);
			});
		}
	},
};
