// Overdue is derived from the dates, never stored: past its deadline (a weekend deadline counts from
// the next working day) and not yet Done or Verified; the indicator then still says how far the step got.
frappe.listview_settings["ITA Action Step"] = {
	add_fields: ["status", "due_date", "measure"],
	// A step owner (an ITA User who neither plans nor heads a division) opens the list on their own
	// steps; the filter is an ordinary one they can remove. Lists with saved filters keep them.
	get filters() {
		return plans_no_steps() ? [["responsible_user", "=", frappe.session.user]] : [];
	},
	// On a phone a list row shows only its subject and indicator: there the subject carries the
	// measure and the due date on a second line.
	formatters: {
		description(value, df, doc) {
			if (!frappe.is_mobile()) return value;
			const details = [
				frappe.utils.get_link_title("ITA Measure", doc.measure) || doc.measure_measure_title,
				doc.due_date && __("Due {0}", [frappe.datetime.str_to_user(doc.due_date, false, true)]),
			];
			return [value, details.filter(Boolean).join(" · ")].join("\n");
		},
	},
	onload(listview) {
		listview.$result.addClass("ita-step-list");
		add_phone_style();
	},
	get_indicator(doc) {
		const finished = ["Done", "Verified"].includes(doc.status);
		if (!finished && doc.due_date && is_overdue(doc.due_date)) {
			return [`${__(doc.status)} · ${__("Overdue")}`, "red", "due_date,<,Today"];
		}
		const colors = { "Not Started": "gray", "In Progress": "orange", Done: "blue", Verified: "green" };
		return [__(doc.status), colors[doc.status], `status,=,${doc.status}`];
	},
};

function plans_no_steps() {
	return (
		frappe.user.has_role("ITA User") &&
		!frappe.user.has_role(["ITA Manager", "ITA Division Head", "System Manager"])
	);
}

function is_overdue(due_date) {
	const deadline = moment(due_date);
	const weekday = deadline.isoWeekday();
	if (weekday > 5) deadline.add(8 - weekday, "days");
	return deadline.isBefore(moment(frappe.datetime.get_today()));
}

function add_phone_style() {
	if (document.getElementById("ita-step-list-style")) return;
	$(`<style id="ita-step-list-style">
		@media (max-width: 767px) {
			.ita-step-list .list-row { height: auto; padding-top: 8px; padding-bottom: 8px; }
			.ita-step-list .list-row .level-left,
			.ita-step-list .list-subject,
			.ita-step-list .list-subject .ellipsis { overflow: visible; white-space: normal; }
			.ita-step-list .list-subject a.ellipsis { white-space: pre-line; line-height: 1.4; }
			.ita-step-list .list-row .level-right { max-width: 35%; overflow: visible; }
			.ita-step-list .list-row .level-right .indicator-pill,
			.ita-step-list .list-row .level-right .ellipsis { white-space: normal; height: auto; text-align: right; }
		}
	</style>`).appendTo("head");
}
