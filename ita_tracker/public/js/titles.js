// Titles, not IDs, where Frappe's desk would show the name of one of the app's records, and owners by their
// full names rather than their e-mail addresses (issue 17). Only the app's DocTypes ("ITA ...") are
// touched: other apps' screens stay as Frappe draws them.
(() => {
	const is_ita = (doctype) => typeof doctype === "string" && doctype.startsWith("ITA ");
	const shows_title = (doctype) => (frappe.boot.link_title_doctypes || []).includes(doctype);

	// The title of a record the desk has loaded, or the one Frappe cached for its links.
	function title_of(doctype, name) {
		const doc = locals[doctype] && locals[doctype][name];
		const field = doc && frappe.get_meta(doctype) && frappe.get_meta(doctype).title_field;
		return (field && doc[field]) || frappe.utils.get_link_title(doctype, name) || null;
	}

	// The last breadcrumb of a form and of its print view reads the record's title.
	const set_form_breadcrumb = frappe.breadcrumbs.set_form_breadcrumb;
	frappe.breadcrumbs.set_form_breadcrumb = function (breadcrumbs, view) {
		set_form_breadcrumb.call(this, breadcrumbs, view);
		const name = frappe.get_route().slice(2).join("/");
		const title = is_ita(breadcrumbs.doctype) && title_of(breadcrumbs.doctype, name);
		if (title) this.$breadcrumbs.find("li").last().find("a").text(title);
	};

	// Owners by full name: Frappe's own formatter of User links knows it only from the record's
	// `*_full_name` fields; the desk knows the users it met (assignments, timeline) in frappe.user_info.
	const user_formatter = frappe.form.link_formatters["User"];
	frappe.form.link_formatters["User"] = function (value, doc, docfield) {
		const formatted = user_formatter(value, doc, docfield);
		const doctype = (doc && doc.doctype) || (docfield && docfield.parent);
		if (formatted !== value || !value || !is_ita(doctype)) return formatted;
		const info = frappe.user_info(value);
		return (info && info.fullname) || value;
	};

	// A list of the app's records names its users (a step's owner): their full names are fetched once
	// (through the app's get_user_info_for_viewers, limited to the people of the user's agencies) and the
	// rows drawn again.
	const ListView = frappe.views && frappe.views.ListView;
	const asked = new Set();
	if (ListView) {
		// No ID column: each row is named by its title.
		const setup_columns = ListView.prototype.setup_columns;
		ListView.prototype.setup_columns = function () {
			if (is_ita(this.doctype)) {
				this.settings.hide_name_column = true;
				// A list draws a link as its value (or its title field): a user by full name.
				const formatters = (this.settings.formatters = this.settings.formatters || {});
				this.meta.fields
					.filter((df) => df.fieldtype === "Link" && df.options === "User")
					.filter((df) => !formatters[df.fieldname])
					.forEach((df) => {
						formatters[df.fieldname] = (value) =>
							value
								? `<span class="ellipsis">${frappe.utils.escape_html(
										frappe.user_info(value).fullname
								  )}</span>`
								: "";
					});
			}
			return setup_columns.apply(this, arguments);
		};
		const after_render = ListView.prototype.after_render;
		ListView.prototype.after_render = function () {
			after_render.apply(this, arguments);
			if (!is_ita(this.doctype)) return;
			const fields = this.meta.fields.filter((df) => df.fieldtype === "Link" && df.options === "User");
			const users = this.data.flatMap((doc) => fields.map((df) => doc[df.fieldname]));
			const missing = [...new Set(users)].filter(
				(user) => user && !frappe.boot.user_info[user] && !asked.has(user)
			);
			if (!missing.length) return;
			missing.forEach((user) => asked.add(user));
			frappe
				.xcall("frappe.desk.form.load.get_user_info_for_viewers", {
					users: JSON.stringify(missing),
				})
				.then((info) => {
					frappe.update_user_info(info || {});
					this.render();
				});
		};
	}

	// A link the form shows without its title (a value fetched into a new record, a pill of a table
	// multiselect): its title is fetched once and the field drawn again.
	$(document).on("form-refresh", (_event, frm) => {
		if (!frm || !is_ita(frm.doctype)) return;
		frm.meta.fields.forEach((df) => {
			const links = links_of(frm, df);
			const missing = links.filter(
				([doctype, name]) => shows_title(doctype) && !frappe.utils.get_link_title(doctype, name)
			);
			if (!missing.length) return;
			Promise.all(
				missing.map(([doctype, name]) => frappe.utils.fetch_link_title(doctype, name))
			).then(() => frm.refresh_field(df.fieldname));
		});
	});

	function links_of(frm, df) {
		const value = frm.doc[df.fieldname];
		if (!value) return [];
		if (df.fieldtype === "Link") return [[df.options, value]];
		if (df.fieldtype !== "Table MultiSelect") return [];
		const link = (frappe.get_meta(df.options).fields || []).find((f) => f.fieldtype === "Link");
		if (!link) return [];
		return value
			.filter((row) => row[link.fieldname])
			.map((row) => [link.options, row[link.fieldname]]);
	}
})();
