from ita_tracker.input_checks import ITADocument


class ITADivision(ITADocument):
	def autoname(self):
		self.name = f"{self.division_name} - {self.agency}"


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Division")
