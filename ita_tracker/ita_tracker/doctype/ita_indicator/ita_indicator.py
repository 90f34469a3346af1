from frappe.model.document import Document


class ITAIndicator(Document):
	pass
