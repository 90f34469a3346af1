from ita_tracker.tenancy import ITAChildDocument


class ITAStepDivision(ITAChildDocument):
	pass


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Step Division")
