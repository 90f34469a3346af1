import frappe

from ita_tracker.publishing import PRINT_FORMATS

RENAMED = {"ITA O25 Plan": PRINT_FORMATS["o25"], "ITA O26 Progress Report": PRINT_FORMATS["o26"]}


def execute():
	"""The print formats now carry their Thai names (printing.O25_FORMAT, O26_FORMAT), which the desk's
	print view lists; the records under the old names have no template files any more. A default print
	format that a user chose for ITA Plan follows the rename."""
	for old, new in RENAMED.items():
		frappe.db.delete("Print Format", {"name": old, "module": "ITA Tracker"})
		frappe.db.set_value(
			"Property Setter",
			{"doc_type": "ITA Plan", "property": "default_print_format", "value": old},
			"value",
			new,
		)
