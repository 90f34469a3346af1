frappe.query_reports["ITA Overdue Action Steps"] = {
	filters: ita_tracker_report_filters(),
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		// The step's text opens the step (the report shows no IDs).
		if (data && column.fieldname === "description" && data.step) {
			return `<a href="${frappe.utils.get_form_link("ITA Action Step", data.step)}">${formatted}</a>`;
		}
		// The measure's title opens the measure.
		if (data && column.fieldname === "measure_title" && data.measure) {
			return `<a href="/app/ita-measure/${encodeURIComponent(data.measure)}">${formatted}</a>`;
		}
		return formatted;
	},
};
