from ita_tracker.install import restore_print_for_cancelled_default


def execute():
	restore_print_for_cancelled_default()
