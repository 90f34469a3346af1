frappe.ui.form.on("ITA Measure", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("ITA Measure Template")) return;
		frm.add_custom_button(__("Save as Template"), () => {
			frappe
				.call("ita_tracker.planning.save_as_template", { measure: frm.doc.name })
				.then(({ message: template }) =>
					frappe.show_alert({ message: __("Saved as template {0}", [template]), indicator: "green" })
				);
		});
	},
});
