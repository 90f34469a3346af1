"""Sites installed before the step list had its List View Settings get them (install.py), unless an admin
already set the list's own."""

from ita_tracker.install import insert_step_list_settings


def execute():
	insert_step_list_settings()
