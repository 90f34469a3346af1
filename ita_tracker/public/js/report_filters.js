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

// The filters of the roll-ups of many agencies (ITA Provincial and National Roll-up, ita_tracker/rollups.py).
window.ita_tracker_rollup_filters = ({ province_required }) => {
	return [
		{
			fieldname: "fiscal_year",
			label: __("Fiscal Year"),
			fieldtype: "Link",
			options: "ITA Fiscal Year",
			reqd: 1,
			default: latest_results_year(),
		},
		{ fieldname: "province", label: __("Province"), fieldtype: "Data", reqd: province_required ? 1 : 0 },
		{
			fieldname: "agency_type",
			label: __("Agency Type"),
			fieldtype: "Select",
			options: [
				"",
				"Subdistrict Municipality",
				"Town Municipality",
				"City Municipality",
				"Subdistrict Administrative Organization",
				"Provincial Administrative Organization",
				"Government Agency",
				"State Enterprise",
				"Other",
			].map((value) => ({ value, label: __(value) })),
		},
		{
			fieldname: "rating",
			label: __("Rating"),
			fieldtype: "Select",
			options: [
				"",
				"Excellent Pass",
				"Good Pass",
				"Pass",
				"Needs Improvement",
				"Urgent Improvement",
				...["AA", "A", "B", "C", "D", "E", "F"],
			].map((value) => ({ value, label: __(value) })),
		},
		{ fieldname: "agency", label: __("Agency"), fieldtype: "Link", options: "ITA Agency" },
	];
};

// The year of the latest ITA results: the fiscal year (BE, from 1 October) before the current one.
function latest_results_year() {
	const today = new Date();
	return String(today.getFullYear() + 543 + (today.getMonth() >= 9 ? 1 : 0) - 1);
}
