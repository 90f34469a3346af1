frappe.query_reports["ITA Implementation Status by Division"] = {
	filters: ita_tracker_report_filters(),
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		// Drill down from a division's figures to the list of its steps.
		if (data && column.fieldname !== "division" && column.fieldname !== "percent_complete" && value) {
			const filters = { division: data.division };
			const plan = frappe.query_report.get_filter_value("plan");
			if (plan) filters.plan = plan;
			const status = { not_started: "Not Started", in_progress: "In Progress", done: "Done", verified: "Verified" }[column.fieldname];
			if (status) filters.status = status;
			return `<a href="/app/ita-action-step?${new URLSearchParams(filters)}">${formatted}</a>`;
		}
		return formatted;
	},
};
