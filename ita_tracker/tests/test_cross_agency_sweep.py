"""Issue 16's sweep: every door of Frappe and of the app, tried by each role of agency A against agency B.

The doors are read from Frappe at run time (every whitelisted method that takes a doctype, a name, a
document, filters or a user, run_doc_method, and /api/resource's verbs), so a new endpoint is swept
without a new test. Each is called with B's names, filters and documents, as stored and with the agency
emptied or set to A, and with A's documents pointed at B (sweep.Arguments); a call fails the sweep if its
response carries B's secrets or record names, or if B's rows change (sweep.Sweep). All violations are
collected and reported at once, grouped by door.

The two agencies are committed (the web server is another process, and some doors commit), checked
after every call that wrote, put back after any call that committed, and deleted after the class."""

import time

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.tests import sweep
from ita_tracker.tests.factories import OUTGOING_ACCOUNT, ensure_outgoing_account
from ita_tracker.tests.http import api_keys, site_url


class TestCrossAgencySweep(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		started = time.monotonic()
		cls.failed_imports = sweep.import_everything()
		try:
			made_account = ensure_outgoing_account()
			cls.a, cls.b = sweep.AgencyWorld("A"), sweep.AgencyWorld("B")
			for role in sweep.CALLERS:
				api_keys(getattr(cls.a.w, role))
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			raise
		# Registered at once: a class cleanup runs even if the rest of setUpClass fails.
		cls.addClassCleanup(cls.remove, made_account)
		cls.sweep = sweep.Sweep(cls.a, cls.b)
		cls.doors, cls.skipped = sweep.doors()
		print(f"\nsweep: modules imported and two agencies built in {time.monotonic() - started:.0f} s")

	@classmethod
	def remove(cls, made_account: bool):
		sweep.remove_worlds(cls.a, cls.b)
		if made_account:
			frappe.delete_doc("Email Account", OUTGOING_ACCOUNT, force=True, ignore_permissions=True)
			frappe.db.commit()
		# Frappe keeps the outgoing account it found for the rest of the process: later tests would send
		# their mail at once through the deleted account, and sending commits their transaction.
		frappe.local.outgoing_email_account = {}

	def setUp(self):
		self.sweep.violations.clear()
		self.sweep.calls = 0
		self.sweep.seconds.clear()

	def test_every_ita_doctype_is_swept(self):
		"""Each ITA DocType is an agency's (and B holds a row of it) or declared shared: a new DocType is
		swept, or someone decides it holds no agency's data."""
		tenants = set(sweep.tenant_doctypes())
		undecided = set(sweep.ita_doctypes()) - tenants - sweep.SHARED_DOCTYPES - {"ITA Agency"}
		self.assertEqual(undecided, set(), "ITA DocTypes neither an agency's nor in sweep.SHARED_DOCTYPES")
		empty = sorted(d for d in tenants if not self.sweep.held_b.names.get(d))
		self.assertEqual(
			empty, [], "agency B holds no record of these DocTypes, so the sweep cannot try them"
		)

	def test_the_sweep_sees_what_it_looks_for(self):
		"""The judge is not blind: A's manager reading A's own records through the same doors gets A's
		secrets (an empty answer everywhere would not pass as "no leak"), Administrator reading B's is
		a leak, and Administrator's write into B is a change (and is put back)."""
		for path in (
			"frappe.client.get",
			"frappe.client.get_list",
			"frappe.desk.form.load.getdoc",
			"frappe.desk.search.search_widget",
		):
			with self.subTest(path):
				self.assertTrue(
					self.sweep.own_secrets(sweep.door(path)), f"{path} showed A's manager none of A's"
				)
		seen = self.sweep.call(
			sweep.door("frappe.desk.form.load.getdoc"),
			"Administrator",
			"B's step, read by Administrator",
			{"doctype": "ITA Action Step", "name": self.b.w.step_b.name},
		)
		self.assertIn("remarks of step_b", {v.what for v in seen if v.kind == "leak"})
		written = self.sweep.call(
			sweep.door("frappe.client.set_value"),
			"Administrator",
			"B's measure, changed by Administrator",
			{
				"doctype": "ITA Measure",
				"name": self.b.w.measure_b.name,
				"fieldname": "analysis",
				"value": "x",
			},
		)
		self.assertIn("ITA Measure", " ".join(v.what for v in written if v.kind == "write"))
		self.assertEqual(self.sweep.ledger_b.read_digests(), self.sweep.ledger_b.digests)

	def test_no_door_reaches_another_agency(self):
		started = time.monotonic()
		self.sweep.sweep(self.doors)
		report = sweep.report(self.sweep, self.skipped, self.failed_imports)
		print(
			f"\nsweep in process: {len(sweep.whitelisted_paths())} whitelisted methods, {len(self.doors)} swept "
			f"(run_doc_method included), {len(self.skipped)} skipped; {self.sweep.calls} calls in "
			f"{time.monotonic() - started:.0f} s\n{report.split(chr(10) * 2)[0]}"
		)
		if sweep.failing(self.sweep.violations):
			self.fail(report)

	def test_no_request_reaches_another_agency(self):
		started = time.monotonic()
		site_url()
		for role in sweep.CALLERS:
			for door, method, path, shape, kwargs in sweep.http_requests(self.sweep):
				self.sweep.request(role, door, method, path, shape, **kwargs)
		report = sweep.report(self.sweep, {}, [])
		print(
			f"\nsweep over HTTP: {self.sweep.calls} requests in {time.monotonic() - started:.0f} s\n"
			f"{report.split(chr(10) * 2)[0]}"
		)
		if sweep.failing(self.sweep.violations):
			self.fail(report)
