from frappe.model.document import Document


class ITADivision(Document):
	def autoname(self):
		self.name = f"{self.division_name} - {self.agency}"


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Division")
