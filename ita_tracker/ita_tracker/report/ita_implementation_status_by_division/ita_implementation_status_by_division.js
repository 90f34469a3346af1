frappe.query_reports["ITA Implementation Status by Division"] = {
	filters: ita_tracker_report_filters(),
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		// A figure opens the list of exactly the steps it counts: the report sends their list filters.
		const filters = data && data.drilldown && data.drilldown[column.fieldname];
		if (filters && value) {
			return `<a href="/app/ita-action-step?${route_options(filters)}">${formatted}</a>`;
		}
		return formatted;
	},
};

// List filters [doctype, field, operator, value] as the list view reads them back from the route: a
// child table's field as "DocType.field", each value as [operator, value].
function route_options(filters) {
	return filters
		.map(([doctype, fieldname, operator, value]) => {
			const key = doctype === "ITA Action Step" ? fieldname : `${doctype}.${fieldname}`;
			return `${encodeURIComponent(key)}=${encodeURIComponent(JSON.stringify([operator, value]))}`;
		})
		.join("&");
}
