// The filters the ITA reports share; a plan or division offered is one of the chosen agency.
window.ita_tracker_report_filters = () => [
	{ fieldname: "agency", label: __("Agency"), fieldtype: "Link", options: "ITA Agency" },
	{ fieldname: "fiscal_year", label: __("Fiscal Year"), fieldtype: "Link", options: "ITA Fiscal Year" },
	{
		fieldname: "plan",
		label: __("Plan"),
		fieldtype: "Link",
		options: "ITA Plan",
		get_query: () => ({ filters: agency_filter() }),
	},
	{
		fieldname: "division",
		label: __("Division"),
		fieldtype: "Link",
		options: "ITA Division",
		get_query: () => ({ filters: agency_filter() }),
	},
	{ fieldname: "indicator", label: __("Indicator"), fieldtype: "Link", options: "ITA Indicator" },
];

function agency_filter() {
	const agency = frappe.query_report.get_filter_value("agency");
	return agency ? { agency } : {};
}
