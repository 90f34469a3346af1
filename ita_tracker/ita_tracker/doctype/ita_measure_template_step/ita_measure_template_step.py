from frappe.model.document import Document


class ITAMeasureTemplateStep(Document):
	pass
