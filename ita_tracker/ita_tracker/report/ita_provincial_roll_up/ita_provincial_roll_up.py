"""The agencies of one province compared for a fiscal year of ITA results (see ita_tracker/rollups.py):
live, since a province holds a few hundred agencies at most."""

from ita_tracker import rollups


def execute(filters: dict | None = None):
	return rollups.execute(filters, province_required=True)
