frappe.ui.form.on("ITA Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		// Only where the server lets steps be added: an open plan (not one waiting for approval).
		if (["Draft", "Rejected"].includes(frm.doc.status) && frappe.model.can_create("ITA Action Step")) {
			frm.add_custom_button(__("Carry Over Unfinished Steps"), () => carry_over(frm));
		}
		// The server refuses anyone but an ITA Manager, and any plan that is not open.
		if (["Draft", "Rejected"].includes(frm.doc.status) && frappe.user.has_role(["ITA Manager", "System Manager"])) {
			frm.add_custom_button(__("Add Proposed Measures"), () => add_proposed_measures(frm));
		}
		ita_plan_overview.render(frm);
		add_document_buttons(frm);
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
				// Silence would read as "not checked": say that the checks ran and found nothing.
				if (!(findings || []).length) {
					frm.dashboard.add_comment(
						__("No findings: the checks found nothing to correct in this plan."),
						"green",
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

// Create Plan again on an open plan: the library's measures for results that have none and were never
// proposed for (the server's rule keeps what the officer edited or deleted).
function add_proposed_measures(frm) {
	frappe
		.call({
			method: "ita_tracker.planning.add_proposed_measures",
			args: { plan: frm.doc.name },
			freeze: true,
		})
		.then(({ message: measures }) => {
			frappe.show_alert({
				message: measures.length
					? __("Added {0} proposed measures.", [measures.length])
					: __("Nothing to add: every result that needs a measure has one or was proposed for already."),
				indicator: measures.length ? "green" : "blue",
			});
			frm.reload_doc();
		});
}

// The plan's measures grouped by indicator, with their steps; a step's planning is edited in place and
// saved through ita_tracker.planning.update_step, which validates it as the step's own form does.
const ita_plan_overview = {
	render(frm) {
		const field = frm.get_field("measures_html");
		if (!field) return;
		if (frm.is_new()) {
			field.$wrapper.empty();
			return;
		}
		frappe.call("ita_tracker.planning.plan_overview", { plan: frm.doc.name }).then(({ message: data }) => {
			this.data = data;
			field.$wrapper.html(this.html(data));
			this.bind(frm, field.$wrapper);
		});
	},

	html(data) {
		const e = frappe.utils.escape_html;
		const results = Object.fromEntries(data.results.map((r) => [r.name, r]));
		const indicator_no = (result) => parseInt(results[result]?.indicator) || 0;
		const groups = {};
		const group_of = (key) => (groups[key] = groups[key] || { key, results: [], measures: [] });
		for (const result of data.results) {
			if (result.needs_measure) group_of(result.indicator).results.push(result);
		}
		for (const measure of data.measures) {
			const answered = [...measure.indicator_results].sort((a, b) => indicator_no(a) - indicator_no(b));
			const first = answered.find((name) => results[name]);
			const group = group_of(first ? results[first].indicator : "");
			group.measures.push(measure);
			for (const name of answered) {
				if (results[name] && !group.results.includes(results[name])) group.results.push(results[name]);
			}
		}
		const ordered = Object.values(groups).sort(
			(a, b) => (parseInt(a.key) || 99) - (parseInt(b.key) || 99)
		);
		if (!ordered.length) {
			return `<p class="text-muted">${e(__("The plan has no measures yet."))}</p>`;
		}
		const steps_of = {};
		for (const step of data.steps) (steps_of[step.measure] = steps_of[step.measure] || []).push(step);
		return `<div class="ita-plan-overview">${ordered
			.map((group) => this.group_html(group, steps_of, data))
			.join("")}</div>`;
	},

	group_html(group, steps_of, data) {
		const e = frappe.utils.escape_html;
		const heading = group.key
			? __("Indicator {0}: {1}", [group.key, data.indicator_names[group.key] || ""])
			: __("Other Measures");
		const scores = group.results
			.map((r) => __("Score {0}", [format_number(r.score, null, 2)]))
			.join(", ");
		const empty = group.measures.length
			? ""
			: `<p class="text-muted small">${e(__("No measure answers this result yet."))}</p>`;
		return `<section class="ita-ov-group">
			<h5 class="ita-ov-heading">${e(heading)} <span class="text-muted small">${e(scores)}</span></h5>
			${empty}${group.measures.map((m) => this.measure_html(m, steps_of[m.name] || [], data)).join("")}
		</section>`;
	},

	measure_html(measure, steps, data) {
		const e = frappe.utils.escape_html;
		const divisions = measure.divisions.map((d) => data.division_names[d] || d).join(", ");
		const period = `${this.date(measure.period_start)} – ${this.date(measure.period_end)}`;
		const add = data.can_add_steps
			? `<button class="btn btn-xs btn-default ita-ov-add" data-measure="${e(measure.name)}">${e(
					__("Add Step")
			  )}</button>`
			: "";
		return `<div class="ita-ov-measure">
			<div class="ita-ov-measure-title">
				<a href="${e(frappe.utils.get_form_link("ITA Measure", measure.name))}">${e(measure.measure_title || measure.name)}</a>
				<span class="indicator-pill ${this.color(measure.status)}">${e(__(measure.status))}</span>
			</div>
			<div class="text-muted small">${e(period)}${divisions ? " · " + e(divisions) : ""}</div>
			<ol class="ita-ov-steps">${
				steps.map((s) => `<li class="ita-ov-step" data-step="${e(s.name)}">${this.step_html(s, data)}</li>`).join("") ||
				`<li class="text-muted small ita-ov-none">${e(__("No step yet."))}</li>`
			}</ol>
			${add}
		</div>`;
	},

	step_html(step, data) {
		const e = frappe.utils.escape_html;
		const owner = step.responsible_user ? data.user_names[step.responsible_user] || step.responsible_user : "";
		const division = step.division ? data.division_names[step.division] || step.division : "";
		const meta = [owner, division, `${this.date(step.start_date)} – ${this.date(step.due_date)}`]
			.filter(Boolean)
			.map(e)
			.join(" · ");
		const edit = step.editable
			? `<button class="btn btn-xs btn-default ita-ov-edit" title="${e(__("Edit Step"))}">${e(__("Edit Step"))}</button>`
			: "";
		return `<div class="ita-ov-step-row">
				<div class="ita-ov-step-main">
					<div class="ita-ov-step-text">${e(step.description || "")}</div>
					<div class="text-muted small">${meta}</div>
				</div>
				<div class="ita-ov-step-side">
					<span class="indicator-pill ${this.color(step.status)}">${e(__(step.status))}</span>
					<a class="small" href="${e(frappe.utils.get_form_link("ITA Action Step", step.name))}">${e(__("Open Step"))}</a>
					${edit}
				</div>
			</div>`;
	},

	date(value) {
		return value ? frappe.format(value, { fieldtype: "Date" }) : "";
	},

	color(status) {
		return { "In Progress": "orange", Done: "blue", Verified: "green" }[status] || "gray";
	},

	bind(frm, $wrapper) {
		$wrapper.find(".ita-ov-edit").on("click", (event) => {
			const $step = $(event.currentTarget).closest(".ita-ov-step");
			this.edit(frm, $step, this.data.steps.find((s) => s.name === $step.attr("data-step")));
		});
		$wrapper.find(".ita-ov-add").on("click", (event) => {
			frappe.new_doc("ITA Action Step", { measure: $(event.currentTarget).attr("data-measure") });
		});
	},

	edit(frm, $step, step) {
		// The step form's own labels (the step's meta is not loaded on the plan form).
		const fields = [
			{ fieldname: "description", fieldtype: "Small Text", label: __("Step"), reqd: 1 },
			{ fieldname: "responsible_user", fieldtype: "Link", options: "User", label: __("Owner") },
			{
				fieldname: "division",
				fieldtype: "Link",
				options: "ITA Division",
				label: __("Division"),
				get_query: () => ({ filters: { agency: frm.doc.agency } }),
			},
			{ fieldname: "start_date", fieldtype: "Date", label: __("Starts On"), reqd: 1 },
			{ fieldname: "due_date", fieldtype: "Date", label: __("Due On"), reqd: 1 },
		];
		$step.empty().addClass("ita-ov-editing");
		const $fields = $('<div class="ita-ov-edit-fields"></div>').appendTo($step);
		const controls = fields.map((df) => {
			const control = frappe.ui.form.make_control({
				df,
				parent: $('<div class="ita-ov-edit-field"></div>').appendTo($fields),
				render_input: true,
			});
			control.set_value(step[df.fieldname] || "");
			return control;
		});
		const $actions = $('<div class="ita-ov-edit-actions"></div>').appendTo($step);
		$(`<button class="btn btn-xs btn-primary">${frappe.utils.escape_html(__("Save Step"))}</button>`)
			.appendTo($actions)
			.on("click", () => {
				const values = {};
				for (const control of controls) {
					const value = control.get_value() || null;
					if (value !== (step[control.df.fieldname] || null)) values[control.df.fieldname] = value;
				}
				if (!Object.keys(values).length) return this.show(frm, $step, step);
				frappe
					.call({
						method: "ita_tracker.planning.update_step",
						args: { step: step.name, values },
						btn: $actions.find("button"),
					})
					.then(({ message: saved }) => {
						Object.assign(this.data.user_names, saved.user_names);
						delete saved.user_names;
						Object.assign(step, saved);
						this.show(frm, $step, step);
						frappe.show_alert({ message: __("Step saved."), indicator: "green" });
					});
			});
		$(`<button class="btn btn-xs btn-default">${frappe.utils.escape_html(__("Discard Changes"))}</button>`)
			.appendTo($actions)
			.on("click", () => this.show(frm, $step, step));
	},

	show(frm, $step, step) {
		$step.removeClass("ita-ov-editing").html(this.step_html(step, this.data));
		$step.find(".ita-ov-edit").on("click", () => this.edit(frm, $step, step));
	},
};

frappe.dom.set_style(`
.ita-plan-overview .ita-ov-group { margin-bottom: var(--margin-lg); }
.ita-plan-overview .ita-ov-heading { margin-bottom: var(--margin-sm); font-weight: 600; }
.ita-plan-overview .ita-ov-measure {
	border: 1px solid var(--border-color); border-radius: var(--border-radius-md);
	padding: var(--padding-sm) var(--padding-md); margin-bottom: var(--margin-sm);
}
.ita-plan-overview .ita-ov-measure-title { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline;
	font-weight: 600; }
.ita-plan-overview .ita-ov-steps { padding-left: 1.4em; margin: var(--margin-sm) 0; }
.ita-plan-overview .ita-ov-step { padding: 6px 0; border-top: 1px solid var(--border-color); }
.ita-plan-overview .ita-ov-step:first-child { border-top: none; }
.ita-plan-overview .ita-ov-none { list-style: none; margin-left: -1.4em; }
.ita-plan-overview .ita-ov-step-row { display: flex; flex-wrap: wrap; gap: 6px 12px; justify-content: space-between; }
.ita-plan-overview .ita-ov-step-main { flex: 1 1 16em; min-width: 0; }
.ita-plan-overview .ita-ov-step-text { white-space: pre-line; overflow-wrap: anywhere; }
.ita-plan-overview .ita-ov-editing textarea { height: 6em; }
.ita-plan-overview .ita-ov-step-side { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
.ita-plan-overview .ita-ov-edit-fields { display: grid; gap: 0 12px; grid-template-columns: repeat(auto-fit, minmax(12em, 1fr)); }
.ita-plan-overview .ita-ov-edit-field:first-child { grid-column: 1 / -1; }
.ita-plan-overview .ita-ov-edit-actions { display: flex; gap: 8px; }
`);
// The O25 and O26 as PDFs from Frappe's own PDF path; the O26 reports progress as of a date chosen here.
function add_document_buttons(frm) {
	const formats = frm.doc.__onload?.print_formats || {};
	// A cancelled plan prints what was approved: its own print asks for it (Frappe's print view takes
	// per-request print settings, as Frappe's print page sends them), so that Print Settings keep
	// refusing every other cancelled document of the site.
	const settings = JSON.stringify({ allow_print_for_cancelled: 1 });
	const open_pdf = (format, args = {}) => {
		const params = new URLSearchParams({ doctype: frm.doctype, name: frm.doc.name, format, settings, ...args });
		window.open(`/api/method/frappe.utils.print_format.download_pdf?${params}`);
	};
	frm.add_custom_button(__("Improvement Plan (O25)"), () => open_pdf(formats.o25), __("Documents"));
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
				({ as_of }) => open_pdf(formats.o26, { as_of }),
				__("Progress Report (O26)"),
				__("Print PDF")
			),
		__("Documents")
	);
}

// The plan's hand-offs, apart from the handlers above (Frappe runs every handler of an event in turn): Submit
// and Approve ask first, and after them the user reads what happened and what comes next; once public, the
// plan links to its page on the website.
const CONFIRMED_ACTIONS = {
	"Submit for Approval": () =>
		__("Submit this plan for approval? While it waits for the executive, its measures and steps cannot be changed."),
	Approve: () => __("Approve this plan? Once approved, it can be published and its steps can start."),
};

frappe.ui.form.on("ITA Plan", {
	refresh(frm) {
		if (frm.is_new()) return;
		// The plan's own way to add a measure (the server lets measures be added to an open plan only).
		if (["Draft", "Rejected"].includes(frm.doc.status) && frappe.model.can_create("ITA Measure")) {
			frm.add_custom_button(__("Add Measure"), () => frappe.new_doc("ITA Measure", { plan: frm.doc.name }));
		}
		frm.web_link && frm.web_link.closest(".user-action-row").remove();
		if (frm.doc.status === "Published" || frm.doc.is_public) {
			frm.add_web_link(public_page(frm), __("See on Website"));
		}
	},

	before_workflow_action(frm) {
		const question = CONFIRMED_ACTIONS[frm.selected_workflow_action];
		if (!question) return;
		// The desk freezes the page while a workflow action runs; the question must stay usable. Answered
		// "No", the action does not run.
		frappe.dom.unfreeze();
		return new Promise((resolve) =>
			frappe.confirm(question(), () => {
				frappe.dom.freeze();
				resolve();
			})
		);
	},

	after_workflow_action(frm) {
		const e = frappe.utils.escape_html;
		if (frm.doc.status === "Pending Approval") {
			frappe.show_alert({ message: __("Plan submitted for approval."), indicator: "green" });
		} else if (frm.doc.status === "Approved") {
			frappe.msgprint({
				title: __("Plan Approved"),
				indicator: "green",
				message: e(__("You approved this plan. The ITA officer can now publish it, and its steps can start.")),
			});
		} else if (frm.doc.status === "Published") {
			frappe.msgprint({
				title: __("Plan Published"),
				indicator: "green",
				message: `<p>${e(__("The plan is on the public website now."))}</p>
					<a class="ita-public-page" href="${e(public_page(frm))}" target="_blank" rel="noopener">${e(
						__("See on Website")
					)}</a>`,
			});
		}
	},
});

// The plan's public page (www/ita-plans/plan.py).
function public_page(frm) {
	return `/ita-plans/${encodeURIComponent(frm.doc.name)}`;
}

// Cancel for Revision asks first and says afterwards what happens next (revisions.py, publishing.py): a
// published plan stays on the public website until its revision is published; the revision is made with
// Amend, which copies the measures and steps.
frappe.ui.form.on("ITA Plan", {
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Cancel for Revision") return;
		frm.__ita_cancelling_for_revision = false;
		const question = frm.doc.status === "Published"
			? __("Cancel this plan for revision? It stays on the public website until its revision is published.")
			: __("Cancel this plan for revision? Its revision will need approval again.");
		// The desk freezes the page while a workflow action runs; the question must stay usable. Answered
		// "No", the action does not run.
		frappe.dom.unfreeze();
		return new Promise((resolve) =>
			frappe.confirm(question, () => {
				frm.__ita_cancelling_for_revision = true;
				frappe.dom.freeze();
				resolve();
			})
		);
	},

	after_workflow_action(frm) {
		if (!frm.__ita_cancelling_for_revision || frm.doc.docstatus !== 2) return;
		frm.__ita_cancelling_for_revision = false;
		const e = frappe.utils.escape_html;
		const still_public = frm.doc.is_public
			? `<p>${e(__("The plan stays on the public website until its revision is published."))}</p>`
			: "";
		frappe.msgprint({
			title: __("Cancelled for Revision"),
			indicator: "blue",
			message: `${still_public}<p>${e(
				__("Make the revision now: its measures and steps are copied from this plan, and work on them goes on.")
			)}</p>`,
			primary_action: {
				label: __("Make the Revision"),
				action() {
					frappe.hide_msgprint();
					frm.amend_doc();
				},
			},
		});
	},
});
