frappe.ui.form.on("ITA Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (frm.doc.docstatus === 0 && frappe.model.can_create("ITA Action Step")) {
			frm.add_custom_button(__("Carry Over Unfinished Steps"), () => carry_over(frm));
		}
		add_document_buttons(frm);
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

// The O25 and O26 as PDFs from Frappe's own PDF path; the O26 reports progress as of a date chosen here.
function add_document_buttons(frm) {
	const open_pdf = (format, args = {}) => {
		const params = new URLSearchParams({ doctype: frm.doctype, name: frm.doc.name, format, ...args });
		window.open(`/api/method/frappe.utils.print_format.download_pdf?${params}`);
	};
	frm.add_custom_button(__("Improvement Plan (O25)"), () => open_pdf("ITA O25 Plan"), __("Documents"));
	frm.add_custom_button(
		__("Progress Report (O26)"),
		() =>
			frappe.prompt(
				{
					fieldname: "as_of",
					fieldtype: "Date",
					label: __("Progress As Of"),
					default: frappe.datetime.get_today(),
					reqd: 1,
				},
				({ as_of }) => open_pdf("ITA O26 Progress Report", { as_of }),
				__("Progress Report (O26)"),
				__("Print PDF")
			),
		__("Documents")
	);
}
