"""Sites installed before the composite indexes of indexes.py get them (on 1.7M steps: about a minute)."""

from ita_tracker.indexes import add_indexes


def execute():
	add_indexes()
