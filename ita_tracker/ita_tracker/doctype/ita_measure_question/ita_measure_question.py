from frappe.model.document import Document


class ITAMeasureQuestion(Document):
	pass
