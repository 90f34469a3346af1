"""The bench commands, run as an administrator runs them: `bench --site SITE ita ...` in a subprocess
against the real site. What they write is committed, so these tests work on the demo's own records,
which load-demo keeps idempotent, and restore what they change."""

import os
import subprocess
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days

from ita_tracker.tests.factories import make_user
from ita_tracker.tests.http import bench_command

DEMO_AGENCY = "เทศบาลตำบลเขวาใหญ่"
COUNTED = {
	"ITA Agency": {"name": DEMO_AGENCY},
	"ITA Division": {"agency": DEMO_AGENCY},
	"ITA Assessment": {"agency": DEMO_AGENCY},
	"ITA Indicator Result": {"agency": DEMO_AGENCY},
	"ITA Plan": {"agency": DEMO_AGENCY},
	"ITA Measure": {"agency": DEMO_AGENCY},
	"ITA Action Step": {"agency": DEMO_AGENCY},
}


def bench(*args):
	"""`bench --site SITE ita ARGS`, run as an administrator runs it."""
	sites = Path(frappe.get_site_path()).resolve().parent
	return subprocess.run(
		bench_command("ita", *args),
		cwd=sites,
		capture_output=True,
		text=True,
		env={**os.environ, "PYTHONUNBUFFERED": "1"},
		timeout=300,
	)


def snapshot():
	"""Every field of the demo's records that the demo sets, as the database holds them."""
	frappe.db.rollback()  # see what the subprocess committed
	data = {doctype: frappe.db.count(doctype, filters) for doctype, filters in COUNTED.items()}
	data["results"] = frappe.get_all(
		"ITA Indicator Result",
		filters={"agency": DEMO_AGENCY},
		fields=["name", "indicator", "score", "needs_measure", "analysis"],
		order_by="name",
	)
	data["steps"] = frappe.get_all(
		"ITA Action Step",
		filters={"agency": DEMO_AGENCY},
		fields=["name", "measure", "sequence", "description", "start_date", "due_date"],
		order_by="name",
	)
	return data


class TestCommands(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		loaded = bench("load-demo")
		assert loaded.returncode == 0, loaded.stderr
		cls.plan = frappe.db.get_value("ITA Plan", {"agency": DEMO_AGENCY, "docstatus": 0})

	def test_load_demo_gives_the_reference_plan(self):
		data = snapshot()
		self.assertEqual(
			{doctype: data[doctype] for doctype in COUNTED},
			{
				"ITA Agency": 1,
				"ITA Division": 4,
				"ITA Assessment": 1,
				"ITA Indicator Result": 10,
				"ITA Plan": 1,
				"ITA Measure": 13,
				"ITA Action Step": 30,
			},
		)
		assessment = frappe.get_doc("ITA Assessment", {"agency": DEMO_AGENCY, "fiscal_year": "2568"})
		self.assertEqual((assessment.overall_score, assessment.rating), (81.24, "Needs Improvement"))
		scores = {row.indicator: row.score for row in data["results"]}
		self.assertEqual(scores["10"], 60.0)
		self.assertEqual(scores["1"], 85.88)
		needing = sorted(int(row.indicator) for row in data["results"] if row.needs_measure)
		self.assertEqual(needing, list(range(1, 11)))
		plan = frappe.get_doc("ITA Plan", self.plan)
		self.assertEqual((str(plan.period_start), str(plan.period_end)), ("2025-10-01", "2026-09-30"))
		for step in data["steps"]:
			self.assertLessEqual(step.start_date, step.due_date)

	def test_load_demo_twice_leaves_the_same_data(self):
		before = snapshot()
		self.assertEqual(bench("load-demo").returncode, 0)
		self.assertEqual(snapshot(), before)

	def test_check_passes_on_the_demo(self):
		"""Consistent, and complete but for its steps' owners: the demo names no people."""
		checked = bench("check", self.plan)
		self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
		self.assertIn(f"{self.plan}: 1 finding(s)", checked.stdout)
		self.assertIn("WARNING steps-without-owner", checked.stdout)
		self.assertIn("30 of 30 steps have no owner", checked.stdout)

	def test_check_fails_on_a_stored_error_and_names_it(self):
		step = frappe.get_all(
			"ITA Action Step", filters={"plan": self.plan}, fields=["name", "due_date"], limit=1
		)[0]
		frappe.db.set_value("ITA Action Step", step.name, "due_date", "2027-01-31")
		frappe.db.commit()
		try:
			checked = bench("check", self.plan)
		finally:
			frappe.db.set_value("ITA Action Step", step.name, "due_date", step.due_date)
			frappe.db.commit()
		self.assertEqual(checked.returncode, 1, checked.stdout + checked.stderr)
		self.assertIn("step-due-outside-measure", checked.stdout)
		self.assertIn(step.name, checked.stdout)

	def test_check_lists_warnings_without_failing(self):
		indicator_10 = frappe.db.get_value("ITA Indicator Result", {"agency": DEMO_AGENCY, "indicator": "10"})
		links = frappe.get_all(
			"ITA Measure Indicator Result", filters={"indicator_result": indicator_10}, fields=["*"]
		)
		frappe.db.delete("ITA Measure Indicator Result", {"indicator_result": indicator_10})
		frappe.db.commit()
		try:
			checked = bench("check", self.plan)
		finally:
			for link in links:  # load-demo would leave the changed measures alone
				frappe.get_doc({**link, "doctype": "ITA Measure Indicator Result"}).db_insert()
			frappe.db.commit()
		self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
		self.assertIn("result-without-measure", checked.stdout)
		self.assertIn(indicator_10, checked.stdout)

	def test_check_of_an_unknown_plan(self):
		checked = bench("check", "ITA-PLAN-NO-SUCH")
		self.assertEqual(checked.returncode, 2)
		self.assertIn("ITA-PLAN-NO-SUCH", checked.stderr)
		self.assertIn(self.plan, checked.stderr)


class TestLoadDemoOverUserChanges(FrappeTestCase):
	"""load-demo on a site where the officer has worked on the demo: what they changed stays theirs and is
	listed, a plan gone into approval is left whole, and nothing ends in a traceback."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		loaded = bench("load-demo")
		assert loaded.returncode == 0, loaded.stdout + loaded.stderr
		cls.plan = frappe.db.get_value("ITA Plan", {"agency": DEMO_AGENCY, "docstatus": 0})
		cls.officer = make_user("ITA Manager", first_name="Officer")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.delete_doc("User", cls.officer, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def step(self, measure_sequence: int, step_sequence: int) -> frappe._dict:
		measure = frappe.db.get_value("ITA Measure", {"plan": self.plan, "sequence": measure_sequence})
		return frappe.db.get_value(
			"ITA Action Step",
			{"measure": measure, "sequence": step_sequence},
			["name", "measure", "description", "due_date"],
			as_dict=True,
		)

	def edit_as_officer(self, doctype: str, name: str, **changes):
		"""Saves and commits `changes` as the officer does in the desk; undone after the test."""
		before = frappe.db.get_value(doctype, name, list(changes), as_dict=True)
		frappe.set_user(self.officer)
		try:
			frappe.get_doc(doctype, name).update(changes).save()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()
		self.addCleanup(self.restore, doctype, name, before)

	def restore(self, doctype: str, name: str, values: dict):
		frappe.db.rollback()
		frappe.db.set_value(doctype, name, values)
		frappe.db.commit()

	def test_a_second_load_creates_nothing(self):
		loaded = bench("load-demo")
		self.assertEqual(loaded.returncode, 0, loaded.stdout + loaded.stderr)
		self.assertIn(f"Demo plan {self.plan}: 0 records created", loaded.stdout)
		self.assertNotIn("not overwritten", loaded.stdout)

	def test_what_the_officer_changed_is_kept_and_listed(self):
		step = self.step(1, 1)
		self.edit_as_officer("ITA Action Step", step.name, description="ขั้นตอนที่เจ้าหน้าที่เขียนเอง")
		loaded = bench("load-demo")
		self.assertEqual(loaded.returncode, 0, loaded.stdout + loaded.stderr)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("ITA Action Step", step.name, "description"), "ขั้นตอนที่เจ้าหน้าที่เขียนเอง"
		)
		self.assertIn("Changed since the demo was loaded, so not overwritten", loaded.stdout)
		line = next(line for line in loaded.stdout.splitlines() if step.name in line)
		self.assertIn(frappe.get_meta("ITA Action Step").get_label("description"), line)
		self.assertIn(self.officer, line)
		self.assertNotIn("Traceback", loaded.stderr)

	def test_a_missing_record_that_cannot_be_made_again_is_named_and_fails(self):
		measure = frappe.db.get_value(
			"ITA Measure", {"plan": self.plan, "sequence": 1}, ["name", "period_end"], as_dict=True
		)
		deleted = frappe.get_all("ITA Action Step", filters={"measure": measure.name}, fields=["*"])
		for step in deleted:
			frappe.delete_doc("ITA Action Step", step.name, force=True)
		frappe.db.commit()
		self.addCleanup(self.restore_steps, deleted)
		# The officer shortens the measure: the demo's steps would now end after it.
		self.edit_as_officer("ITA Measure", measure.name, period_end=add_days(measure.period_end, -30))
		loaded = bench("load-demo")
		self.assertEqual(loaded.returncode, 1, loaded.stdout + loaded.stderr)
		self.assertIn("Could not be loaded", loaded.stderr)
		self.assertIn(f"ITA Action Step {measure.name}, 1:", loaded.stderr)
		self.assertNotIn("Traceback", loaded.stderr)
		self.assertIn(measure.name, loaded.stdout)  # the measure itself is listed as changed
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("ITA Action Step", {"measure": measure.name}))

	def restore_steps(self, deleted: list):
		frappe.db.rollback()
		for step in deleted:
			if not frappe.db.exists("ITA Action Step", step.name):
				frappe.get_doc({**step, "doctype": "ITA Action Step"}).db_insert()
		frappe.db.commit()

	def test_a_plan_in_approval_or_approved_is_left_whole(self):
		step = self.step(2, 1)
		self.edit_as_officer("ITA Action Step", step.name, description="แก้ไขก่อนเสนออนุมัติ")
		for status, docstatus in (("Pending Approval", 0), ("Approved", 1)):
			with self.subTest(status=status):
				frappe.db.set_value("ITA Plan", self.plan, {"status": status, "docstatus": docstatus})
				frappe.db.commit()
				try:
					loaded = bench("load-demo")
				finally:
					frappe.db.set_value("ITA Plan", self.plan, {"status": "Draft", "docstatus": 0})
					frappe.db.commit()
				self.assertEqual(loaded.returncode, 0, loaded.stdout + loaded.stderr)
				self.assertIn(f"Plan {self.plan} is {status}: load-demo leaves the plan", loaded.stdout)
				self.assertNotIn(step.name, loaded.stdout)  # not even compared
				frappe.db.rollback()
				self.assertEqual(
					frappe.db.get_value("ITA Action Step", step.name, "description"), "แก้ไขก่อนเสนออนุมัติ"
				)
				self.assertNotIn("Traceback", loaded.stderr)
