import frappe
from frappe import _
from frappe.model.document import Document

from ita_tracker.result_import import file_rows, import_result


class ITAResultImport(Document):
	@frappe.whitelist()
	def start_import(self) -> bool:
		"""Imports the file whole, or records every bad row and saves nothing of it."""
		self.check_permission("write")
		assessment, errors = import_result(self.agency, int(self.fiscal_year), file_rows(self.import_file))
		self.status = "Failed" if errors else "Imported"
		self.assessment = assessment
		self.errors = "\n".join(error.render(_) for error in errors)
		self.save()
		return not errors
