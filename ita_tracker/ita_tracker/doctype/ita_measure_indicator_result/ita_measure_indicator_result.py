from frappe.model.document import Document


class ITAMeasureIndicatorResult(Document):
	pass
