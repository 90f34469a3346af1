from ita_tracker.naming import start_counters_after_existing_names


def execute():
	start_counters_after_existing_names()
