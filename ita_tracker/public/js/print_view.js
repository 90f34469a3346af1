// Frappe's print view (page "print", loaded through the page_js hook) for the app's records: the page's
// title is the record's title, not its ID, and no advertisement for another app ("Try the new Print
// Designer", in English in Frappe's Thai): the O25 and O26 are the app's print formats. Other DocTypes'
// print views stay as Frappe draws them.
(() => {
	const PrintView = frappe.ui.form.PrintView;
	if (!PrintView || PrintView.prototype.__ita_titles) return;
	PrintView.prototype.__ita_titles = true;
	const is_ita = (frm) => frm && typeof frm.doctype === "string" && frm.doctype.startsWith("ITA ");

	const set_title = PrintView.prototype.set_title;
	PrintView.prototype.set_title = function () {
		const field = is_ita(this.frm) && this.frm.meta.title_field;
		const title = field && this.frm.doc[field];
		return title ? this.page.set_title(title) : set_title.call(this);
	};

	const show = PrintView.prototype.show;
	PrintView.prototype.show = function (frm) {
		const shown = show.call(this, frm);
		if (is_ita(frm)) this.page.inner_toolbar.find(".inner-page-message").remove();
		return shown;
	};
})();
