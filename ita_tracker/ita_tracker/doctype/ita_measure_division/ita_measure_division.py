from frappe.model.document import Document


class ITAMeasureDivision(Document):
	pass


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Measure Division")
