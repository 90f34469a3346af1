frappe.ui.form.on("ITA Result Import", {
	refresh(frm) {
		frm.add_custom_button(__("Download Template"), () => {
			window.open("/api/method/ita_tracker.result_import.download_template");
		});
		if (frm.doc.status === "Failed") {
			frm.dashboard.set_headline_alert(
				__("Nothing was saved: see the errors"),
				"red"
			);
		} else {
			frm.dashboard.clear_headline();
		}
		if (!frm.is_new() && frm.doc.import_file && frm.doc.status !== "Imported") {
			frm.add_custom_button(__("Start Import"), () =>
				frm.call({
					method: "start_import",
					doc: frm.doc,
					freeze: true,
					callback: () => frappe.show_alert({ message: __("Imported"), indicator: "green" }),
					// A refused file is recorded on the import: show its status and errors either way.
					always: () => frm.reload_doc(),
				})
			).addClass("btn-primary");
		}
	},
});
