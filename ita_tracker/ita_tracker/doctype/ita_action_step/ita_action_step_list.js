// Overdue is derived from the dates, never stored: past its deadline (a weekend deadline counts from
// the next working day) and not yet Done or Verified.
frappe.listview_settings["ITA Action Step"] = {
	add_fields: ["status", "due_date"],
	get_indicator(doc) {
		const finished = ["Done", "Verified"].includes(doc.status);
		if (!finished && doc.due_date && is_overdue(doc.due_date)) {
			return [__("Overdue"), "red", "due_date,<,Today"];
		}
		const colors = { "Not Started": "gray", "In Progress": "orange", Done: "blue", Verified: "green" };
		return [__(doc.status), colors[doc.status], `status,=,${doc.status}`];
	},
};

function is_overdue(due_date) {
	const deadline = moment(due_date);
	const weekday = deadline.isoWeekday();
	if (weekday > 5) deadline.add(8 - weekday, "days");
	return deadline.isBefore(moment(frappe.datetime.get_today()));
}
