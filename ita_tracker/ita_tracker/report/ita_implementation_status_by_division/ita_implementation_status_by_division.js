const ITA_STATUS_REPORT = "ita_tracker.ita_tracker.report.ita_implementation_status_by_division.ita_implementation_status_by_division";

frappe.query_reports["ITA Implementation Status by Division"] = {
	filters: ita_tracker_report_filters(),
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		// A figure opens the list of exactly the steps (or measures) it counts (the server gives its filters
		// on click).
		if (data && data.division && value && FIGURES.includes(column.fieldname)) {
			const division = encodeURIComponent(data.division);
			return `<a href="#" class="ita-drilldown" data-division="${division}" data-figure="${column.fieldname}">${formatted}</a>`;
		}
		return formatted;
	},
	onload(report) {
		report.page.wrapper.on("click", "a.ita-drilldown", (event) => {
			event.preventDefault();
			const link = event.currentTarget;
			if (link.dataset.figure === "measures") {
				frappe
					.call(`${ITA_STATUS_REPORT}.get_measure_drilldown`, {
						filters: report.get_values(),
						division: decodeURIComponent(link.dataset.division),
					})
					.then((r) => frappe.set_route("List", "ITA Measure", r.message));
				return;
			}
			frappe
				.call(`${ITA_STATUS_REPORT}.get_drilldown`, {
					filters: report.get_values(),
					division: decodeURIComponent(link.dataset.division),
					figure: link.dataset.figure,
				})
				.then((r) => frappe.set_route("List", "ITA Action Step", r.message));
		});
	},
};

const FIGURES = ["measures", "total", "not_started", "in_progress", "done", "verified", "overdue"];
