frappe.ui.form.on("ITA Assessment", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("ITA Plan")) return;
		frm.add_custom_button(__("Create Plan"), () => {
			frappe
				.call("ita_tracker.planning.make_plan", { assessment: frm.doc.name })
				.then(({ message: plan }) => frappe.set_route("Form", "ITA Plan", plan));
		});
	},
});
