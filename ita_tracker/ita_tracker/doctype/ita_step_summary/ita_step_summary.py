from ita_tracker.input_checks import ITADocument


class ITAStepSummary(ITADocument):
	"""Kept by ita_tracker/step_summary.py; nobody edits it."""

	pass


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Step Summary")
