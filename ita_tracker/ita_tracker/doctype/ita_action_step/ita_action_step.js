// The step owner's screen, often a phone: at the top of the form, the workflow actions the user may take
// as labelled buttons (Frappe's Actions menu is an unlabelled icon on a phone) and, while the step lacks
// evidence, a button that uploads it (the Attach field saves the step once the file is uploaded).
frappe.ui.form.on("ITA Action Step", {
	refresh(frm) {
		show_next_actions(frm);
		show_private_evidence(frm);
	},
	before_workflow_action(frm) {
		// Reported done today unless the owner gave another day (the server does the same).
		if (is_report_done(frm) && !frm.doc.completion_date) {
			frm.doc.completion_date = frappe.datetime.get_today();
		}
	},
});

const FINISHING_STATES = ["Done", "Verified"];

// Evidence is uploaded public (the DocType's make_attachments_public): the O26 links it for the public.
// When the owner chose private, say what that means for the O26 and offer to make it public.
function show_private_evidence(frm) {
	const file = (frm.doc.__onload || {}).private_evidence;
	if (!file || frm.is_dirty()) return;
	const name = frm.doc.evidence_file.split("/").pop();
	frm.set_intro(
		__(
			"The evidence file {0} is private: the O26 progress report prints it as kept by the agency, without a link the public can open.",
			[name]
		),
		"orange"
	);
	if (frm.perm[0] && frm.perm[0].write && frm.doc.status !== "Verified") {
		frm.add_custom_button(__("Make Evidence Public"), () =>
			frappe.db.set_value("File", file, "is_private", 0).then(() => frm.reload_doc())
		);
	}
}

async function show_next_actions(frm) {
	if (frm.is_new() || frm.is_dirty()) return;
	const transitions = await frappe.workflow.get_transitions(frm.doc);
	const actions = [
		...new Set(
			transitions.filter((t) => frappe.user_roles.includes(t.allowed)).map((t) => t.action)
		),
	];
	if (!actions.length) return;
	const $section = frm.dashboard.add_section("", __("What to Do Next"));
	$section.addClass("ita-step-actions d-flex flex-column align-items-md-start");
	$(`<div class="mb-1 font-weight-bold"></div>`).text(frm.doc.description).appendTo($section);
	// The status in full, overdue included: on a phone the header's status pill is cut short.
	const [status, color] = frappe.listview_settings["ITA Action Step"].get_indicator(frm.doc);
	// A due date is a day: formatted as a date, never moved into the user's time zone.
	const due = frm.doc.due_date
		? __("Due {0}", [frappe.datetime.str_to_user(frm.doc.due_date, false, true)])
		: "";
	$(`<div class="small mb-3"></div>`)
		.addClass(color === "red" ? "text-danger" : "text-muted")
		.text([due, status].filter(Boolean).join(" · "))
		.appendTo($section);
	const has_evidence = frm.doc.evidence_file || frm.doc.evidence_url || frm.attachments.get_attachments().length;
	const finishing = actions.filter((action) => finishes(frm, transitions, action));
	if (finishing.length && !has_evidence) {
		add_button($section, __("Upload Evidence"), "btn-primary", () =>
			frm.fields_dict.evidence_file.on_attach_click()
		);
		$section.append(
			$(`<p class="text-muted small mb-2"></p>`).text(
				__("A step is reported done with its evidence: a file or a link.")
			)
		);
	}
	actions.forEach((action) => {
		const blocked = finishing.includes(action) && !has_evidence;
		const primary = !blocked && !(action === "Reopen");
		add_button($section, __(action), primary ? "btn-primary" : "btn-default", () =>
			apply_action(frm, action)
		).prop("disabled", blocked);
	});
	frm.dashboard.show();
}

function finishes(frm, transitions, action) {
	return transitions.some((t) => t.action === action && FINISHING_STATES.includes(t.next_state));
}

function is_report_done(frm) {
	return frm.selected_workflow_action === "Report Done";
}

function add_button($parent, label, css_class, click) {
	return $(`<button class="btn btn-md ${css_class} mb-2"></button>`)
		.text(label)
		.attr("data-action-label", label)
		.on("click", click)
		.appendTo($parent);
}

function apply_action(frm, action) {
	// What Frappe's own Actions menu does (frappe/public/js/frappe/form/workflow.js).
	frappe.dom.freeze();
	frm.selected_workflow_action = action;
	frm.script_manager
		.trigger("before_workflow_action")
		.then(() => frappe.xcall("frappe.model.workflow.apply_workflow", { doc: frm.doc, action }))
		.then((doc) => {
			frappe.model.sync(doc);
			frm.refresh();
			frm.selected_workflow_action = null;
			frm.script_manager.trigger("after_workflow_action");
		})
		.finally(() => frappe.dom.unfreeze());
}
