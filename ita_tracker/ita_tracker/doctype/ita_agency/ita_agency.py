from frappe.model.document import Document


class ITAAgency(Document):
	pass
