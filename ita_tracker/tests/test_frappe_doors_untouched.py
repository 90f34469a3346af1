"""Frappe's own tests of the doors the app touches, on the site with the app installed (issue 16): each must
pass wherever it passes on a site of the same Frappe without the app. The app changes nothing for other
apps' DocTypes: no site-wide setting flipped, hooks and overrides that leave other DocTypes and reports as
Frappe serves them.

Each Frappe module runs with Frappe's runner in a subprocess (`bench --site SITE run-tests --module ...`
with CI=1, as Frappe's CI runs it), and its failures must be among those measured without the app,
recorded with their reasons in frappe_baseline.json (docs/testing.md says how to measure them again).
Some of Frappe's tests call the site over HTTP at its URL (`frappe.utils.get_site_url`: the site's name
and `webserver_port`, 8000 by default), so the class serves the site there while they run.

Frappe's tests create records of their own on the site (users, ToDos, test DocTypes); tests/conftest.py
runs this module after every other test of the session."""

import json
import os
import re
import socket
import subprocess
import time
import unittest
from pathlib import Path

import frappe
import requests

from ita_tracker.tests.http import bench_command

BASELINE = Path(__file__).with_name("frappe_baseline.json")
MODULE_TIMEOUT = 1800
# unittest's report of a test that did not pass: "FAIL: test_x (frappe.tests.test_y.TestY.test_x)", or
# "ERROR: setUpClass (frappe.tests.test_y.TestY)" for a class that could not start.
NOT_PASSED = re.compile(r"^(?:FAIL|ERROR): (\S+) \((\S+)\)\s*$", re.MULTILINE)
RAN = re.compile(r"^Ran (\d+) tests? in ", re.MULTILINE)


def not_passed(output: str) -> set[str]:
	"""The ids of the tests Frappe's runner reports as failed or in error."""
	return {
		qualified if qualified.endswith(f".{name}") else f"{qualified}.{name}"
		for name, qualified in NOT_PASSED.findall(output)
	}


class TestFrappeDoorsUntouched(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
		if baseline["frappe_version"] != frappe.__version__:
			raise AssertionError(
				f"frappe_baseline.json was measured on Frappe {baseline['frappe_version']}, the bench runs "
				f"{frappe.__version__}: measure it again (docs/testing.md)"
			)
		cls.fails_without_the_app = baseline["fails_without_the_app"]
		cls.sites = Path(frappe.get_site_path()).resolve().parent
		# The runner's subprocess writes to the same database: this process holds no lock while it does.
		frappe.db.rollback()
		cls.server = serve_site_at_its_url(cls.sites)

	@classmethod
	def tearDownClass(cls):
		cls.server.terminate()
		cls.server.wait(timeout=30)
		super().tearDownClass()

	def assert_passes_as_without_the_app(self, module: str) -> None:
		started = time.monotonic()
		run = subprocess.run(
			bench_command("run-tests", "--module", module),
			cwd=self.sites,
			env={**os.environ, "CI": "1"},
			capture_output=True,
			text=True,
			timeout=MODULE_TIMEOUT,
		)
		output = run.stdout + run.stderr
		ran = RAN.search(output)
		self.assertTrue(
			ran and int(ran.group(1)), f"Frappe's runner ran no test of {module}:\n{output[-3000:]}"
		)
		failed = not_passed(output)
		if run.returncode and not failed:
			self.fail(f"Frappe's runner exited with {run.returncode} on {module}:\n{output[-3000:]}")
		unexpected = sorted(failed - set(self.fails_without_the_app))
		self.assertFalse(
			unexpected,
			f"with the app installed, these tests of {module} fail, which pass without it "
			f"({ran.group(1)} tests, {time.monotonic() - started:.0f} s):\n"
			+ "\n".join(unexpected)
			+ f"\n\nFrappe's report:\n{output[-6000:]}",
		)

	def test_client(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_client")

	def test_reportview(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_reportview")

	def test_query_report(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_query_report")

	def test_db_query(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_db_query")

	def test_permissions(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_permissions")

	def test_search(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_search")

	def test_printview(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_printview")

	def test_naming(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_naming")

	def test_document(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_document")

	def test_api(self):
		self.assert_passes_as_without_the_app("frappe.tests.test_api")


def serve_site_at_its_url(sites: Path) -> subprocess.Popen:
	"""Frappe's web server for the site under test at the port of its URL, as Frappe's CI runs one. A
	server already there would answer Frappe's tests with whatever site and code it serves: refused."""
	port = int(frappe.conf.webserver_port or 8000)
	with socket.socket() as probe:
		if probe.connect_ex(("127.0.0.1", port)) == 0:
			raise AssertionError(
				f"port {port} (the site's webserver_port) is in use: Frappe's tests call the site there, so "
				"stop that server first"
			)
	server = subprocess.Popen(
		bench_command("serve", "--port", str(port), "--noreload"),
		cwd=sites,
		env={**os.environ, "CI": "1"},
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	deadline = time.monotonic() + 60
	while time.monotonic() < deadline:
		if server.poll() is not None:
			raise AssertionError(f"the web server for port {port} exited with {server.returncode}")
		try:
			if requests.get(
				f"http://127.0.0.1:{port}/api/method/ping", headers={"Host": frappe.local.site}, timeout=5
			).ok:
				return server
		except requests.ConnectionError:
			time.sleep(0.5)
	server.terminate()
	raise AssertionError(f"the web server did not answer on port {port} within 60 s")
