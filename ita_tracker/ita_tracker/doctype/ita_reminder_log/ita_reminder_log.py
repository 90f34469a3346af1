from frappe.model.document import Document


class ITAReminderLog(Document):
	pass
