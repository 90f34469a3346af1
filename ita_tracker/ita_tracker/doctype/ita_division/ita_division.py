from frappe.model.document import Document


class ITADivision(Document):
	def autoname(self):
		self.name = f"{self.division_name} - {self.agency}"
