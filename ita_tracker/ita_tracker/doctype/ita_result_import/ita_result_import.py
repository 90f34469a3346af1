from functools import partial

import frappe
from frappe import _
from frappe.utils import escape_html

from ita_tracker.exceptions import ResultFileNotReadableError
from ita_tracker.input_checks import ITADocument, set_by_the_app
from ita_tracker.result_import import import_result


class ITAResultImport(ITADocument):
	def validate(self):
		self.validate_import_file()
		self.set_title()

	def set_title(self):
		"""Named as its assessment is, with the file's name: an agency may import its year more than once."""
		self.title = import_title(self.agency, self.fiscal_year, self.import_file)

	def validate_import_file(self):
		"""Only a file the user may read already: Frappe attaches any private file named by its URL to the
		document naming it, which would open that file to the import's readers and its error messages."""
		if not self.has_value_changed("import_file"):
			return
		files = frappe.get_all("File", filters={"file_url": self.import_file, "is_folder": 0}, pluck="name")
		if not any(frappe.get_doc("File", name).has_permission("read") for name in files):
			frappe.throw(
				_("{0} is not a file of this site that you may read: upload the file again.").format(
					escape_html(self.import_file)
				),
				exc=ResultFileNotReadableError,
			)

	@frappe.whitelist()
	def start_import(self) -> str:
		"""Imports the file whole and returns the assessment; or saves nothing of it, records why on the
		import and raises the error that says so."""
		# On the import as saved: a call over HTTP sends the document, with whatever values its caller likes.
		self.load_from_db()
		self.check_permission("write")
		try:
			assessment = import_result(self.agency, int(self.fiscal_year), self.import_file)
		except Exception as error:
			self.record_failure(error)
			raise
		self.status, self.assessment, self.errors = "Imported", assessment, ""
		set_by_the_app(self).save()
		return assessment

	def record_failure(self, error: Exception) -> None:
		"""Records the failure now and again once the transaction is rolled back, as a request that raises
		is: the record of why must outlive the rollback of what was imported."""
		values = {"status": "Failed", "assessment": None, "errors": failure_message(error)}
		self.db_set(values)
		frappe.db.after_rollback.add(partial(record_after_rollback, self.name, values))


def import_title(agency: str | None, fiscal_year: str | None, import_file: str | None) -> str:
	file_name = (import_file or "").rsplit("/", 1)[-1]
	return f"{agency} ITA {fiscal_year}" + (f" ({file_name})" if file_name else "")


def failure_message(error: Exception) -> str:
	if isinstance(error, frappe.ValidationError | frappe.PermissionError):
		return str(error)
	return _("The import stopped on an unexpected error ({0}); nothing was saved.").format(
		type(error).__name__
	)


def record_after_rollback(name: str, values: dict) -> None:
	frappe.db.set_value("ITA Result Import", name, values)
	frappe.db.commit()
