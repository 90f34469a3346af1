"""Connects the integration suite to the real bench site named by the test command.

The framework-free suite (ita_tracker/rules) runs without these variables and never imports frappe.
"""

import os

SITE = os.environ.get("ITA_TEST_SITE")
SITES_PATH = os.environ.get("ITA_SITES_PATH")


def pytest_configure(config):
	if not SITE:
		return
	import frappe

	# Frappe resolves logs, files and assets relative to the sites folder, as bench runs it.
	os.chdir(SITES_PATH)
	frappe.init(site=SITE, sites_path=SITES_PATH)
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")

	from ita_tracker.tests.site import prepare_site

	prepare_site()


def pytest_unconfigure(config):
	if not SITE:
		return
	import frappe

	from ita_tracker.tests import http

	http.stop()
	frappe.destroy()
