from frappe.model.document import Document


class ITADivisionMember(Document):
	pass
