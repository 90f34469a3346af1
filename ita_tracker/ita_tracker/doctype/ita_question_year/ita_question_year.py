from frappe.model.document import Document


class ITAQuestionYear(Document):
	pass
