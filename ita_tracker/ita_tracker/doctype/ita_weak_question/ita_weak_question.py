from frappe.model.document import Document


class ITAWeakQuestion(Document):
	pass
