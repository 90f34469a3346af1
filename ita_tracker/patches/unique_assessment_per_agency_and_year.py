"""Sites installed before the index: migrate re-runs a DocType's on_doctype_update only when its JSON changes."""

from ita_tracker.ita_tracker.doctype.ita_assessment.ita_assessment import on_doctype_update


def execute():
	on_doctype_update()
