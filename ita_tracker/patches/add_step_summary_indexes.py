"""Sites installed before the step summary's covering indexes (indexes.py) get them."""

from ita_tracker.indexes import add_indexes


def execute():
	add_indexes("ITA Step Summary")
