// Shows what the consistency checks find on the whole plan: its assessment, measures and steps.
frappe.ui.form.on("ITA Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
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
});
