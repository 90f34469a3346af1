from frappe.model.document import Document


class ITAStepDivision(Document):
	pass
