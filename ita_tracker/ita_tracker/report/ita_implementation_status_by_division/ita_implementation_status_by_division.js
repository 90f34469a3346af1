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

// List filters [doctype, field, operator, value] as the list view's route options read them back: a
// second filter on the same field is named "DocType.field".
function route_options(filters) {
	const params = new URLSearchParams();
	for (const [doctype, fieldname, operator, value] of filters) {
		let key = doctype === "ITA Action Step" ? fieldname : `${doctype}.${fieldname}`;
		if (params.has(key)) key = `${doctype}.${fieldname}`;
		params.set(key, JSON.stringify([operator, value]));
	}
	return params.toString();
}
