from ita_tracker.revisions import allow_printing_cancelled_plans


def execute():
	allow_printing_cancelled_plans()
