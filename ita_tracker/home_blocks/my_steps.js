// The step owner's home (ita_tracker/home.py): their unfinished steps, the earliest due (the overdue ones)
// first, each opening the step's form. The status and "Overdue" come from the step list's own indicator.
const heading = root_element.querySelector(".ita-my-steps-heading");
const list = root_element.querySelector(".ita-my-steps-list");
const escape = frappe.utils.escape_html;
heading.textContent = __("Your Unfinished Steps, Earliest Due First");
frappe.model.with_doctype("ITA Action Step", () => {
	frappe.xcall("ita_tracker.home.my_steps").then((steps) => {
		if (!steps.length) {
			list.innerHTML = `<p class="text-muted">${escape(__("You have no unfinished step."))}</p>`;
			return;
		}
		const settings = frappe.listview_settings["ITA Action Step"] || {};
		list.innerHTML = steps
			.map((step) => {
				const [label, color] = settings.get_indicator
					? settings.get_indicator(step)
					: [__(step.status), "gray"];
				const due = step.due_date
					? __("Due {0}", [frappe.datetime.str_to_user(step.due_date)])
					: __("No deadline");
				return `<a class="ita-my-step" href="#" data-name="${escape(step.name)}">
					<div class="ita-my-step-text">${escape(step.description || "")}</div>
					<div class="ita-my-step-meta">
						<span class="indicator-pill ${escape(color || "gray")}">${escape(label)}</span>
						<span class="${color === "red" ? "text-danger" : "text-muted"}">${escape(due)}</span>
					</div>
				</a>`;
			})
			.join("");
		list.querySelectorAll(".ita-my-step").forEach((link) =>
			link.addEventListener("click", (event) => {
				event.preventDefault();
				frappe.set_route("Form", "ITA Action Step", link.dataset.name);
			})
		);
	});
});
