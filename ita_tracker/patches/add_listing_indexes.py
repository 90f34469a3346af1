"""Sites installed before the indexes of the public listing and the measure list (indexes.py) get them."""

from ita_tracker.indexes import add_indexes


def execute():
	add_indexes("ITA Plan")
	add_indexes("ITA Measure")
