"""The integration suite's order under pytest: Frappe's own tests of the doors the app touches
(test_frappe_doors_untouched.py) run after every other test of the session, so that the records and
settings Frappe's tests leave on the site meet no test of the app."""

LAST = "test_frappe_doors_untouched.py"


def pytest_collection_modifyitems(session, config, items):
	last = [item for item in items if item.path.name == LAST]
	items[:] = [item for item in items if item.path.name != LAST] + last
