from frappe.model.document import Document


class ITAPlanProposal(Document):
	pass
