frappe.ui.form.on("ITA Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		// What the consistency checks find on the whole plan: its assessment, measures and steps.
		frm.call("get_findings").then(({ message: findings }) => {
			for (const finding of findings || []) {
				frm.dashboard.add_comment(
					frappe.utils.escape_html(finding.message),
					finding.severity === "error" ? "red" : "orange",
					true
				);
			}
		});
	},

	// The server refuses a rejection without a reason, so ask for it before the action runs.
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Reject") return;
		// The desk freezes the page while a workflow action runs; the prompt must stay usable.
		frappe.dom.unfreeze();
		return new Promise((resolve, reject) => {
			frappe.prompt(
				{
					fieldname: "reason",
					fieldtype: "Small Text",
					label: __("Reason for Rejection"),
					reqd: 1,
				},
				({ reason }) => {
					frm.set_value("rejection_reason", reason);
					frm.save().then(resolve, reject);
				},
				__("Reject")
			);
		});
	},
});
