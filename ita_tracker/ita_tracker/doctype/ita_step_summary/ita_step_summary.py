from frappe.model.document import Document


class ITAStepSummary(Document):
	"""Kept by ita_tracker/step_summary.py; nobody edits it."""

	pass
