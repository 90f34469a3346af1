frappe.ui.form.on("ITA Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.docstatus === 0 && frappe.model.can_create("ITA Action Step")) {
			frm.add_custom_button(__("Carry Over Unfinished Steps"), () => carry_over(frm));
		}
		// What the consistency checks find on the whole plan: its assessment, measures and steps.
		frappe
			.xcall("ita_tracker.ita_tracker.doctype.ita_plan.ita_plan.get_findings", { plan: frm.doc.name })
			.then((findings) => {
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

// Last year's unfinished steps continue here only when the officer picks them, each linked to its origin.
function carry_over(frm) {
	frappe.call("ita_tracker.planning.carry_over_candidates", { plan: frm.doc.name }).then(({ message: steps }) => {
		if (!steps || !steps.length) {
			frappe.msgprint(__("Last year's plan has no unfinished step left to carry over."));
			return;
		}
		const dialog = new frappe.ui.Dialog({
			title: __("Carry Over Unfinished Steps"),
			fields: [
				{
					fieldname: "steps",
					fieldtype: "MultiCheck",
					label: __("Steps"),
					options: steps.map((step) => ({
						label: `${step.description} (${__(step.status)})`,
						value: step.name,
					})),
				},
			],
			primary_action_label: __("Carry Over"),
			primary_action({ steps: chosen }) {
				frappe
					.call("ita_tracker.planning.carry_over", { plan: frm.doc.name, steps: chosen })
					.then(() => {
						dialog.hide();
						frm.reload_doc();
					});
			},
		});
		dialog.show();
	});
}
