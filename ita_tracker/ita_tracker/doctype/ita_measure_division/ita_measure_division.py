from frappe.model.document import Document


class ITAMeasureDivision(Document):
	pass
