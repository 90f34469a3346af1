frappe.ui.form.on("ITA Result Import", {
	refresh(frm) {
		frm.add_custom_button(__("Download Template"), () => {
			window.open("/api/method/ita_tracker.result_import.download_template");
		});
		if (!frm.is_new() && frm.doc.import_file && frm.doc.status !== "Imported") {
			frm.add_custom_button(__("Start Import"), () =>
				frm.call("start_import").then(({ message: imported }) => {
					frm.reload_doc();
					frappe.show_alert({
						message: imported ? __("Imported") : __("Nothing was saved: see the errors"),
						indicator: imported ? "green" : "red",
					});
				})
			).addClass("btn-primary");
		}
	},
});
