"""Result imports made before they had a title: named as new ones are (ITAResultImport.set_title), so that
lists, breadcrumbs and links show it rather than the import's ID."""

import frappe

from ita_tracker.ita_tracker.doctype.ita_result_import.ita_result_import import import_title


def execute():
	for row in frappe.get_all(
		"ITA Result Import",
		filters={"title": ("is", "not set")},
		fields=["name", "agency", "fiscal_year", "import_file"],
	):
		title = import_title(row.agency, row.fiscal_year, row.import_file)
		frappe.db.set_value("ITA Result Import", row.name, "title", title, update_modified=False)
