"""The bench commands, run as an administrator runs them: `bench --site SITE ita ...` in a subprocess
against the real site. What they write is committed, so these tests work on the demo's own records,
which load-demo keeps idempotent, and restore what they change."""

import os
import subprocess
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

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
		checked = bench("check", self.plan)
		self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
		self.assertIn(f"{self.plan}: no finding(s)", checked.stdout)

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
		frappe.db.delete("ITA Measure Indicator Result", {"indicator_result": indicator_10})
		frappe.db.commit()
		try:
			checked = bench("check", self.plan)
		finally:
			self.assertEqual(bench("load-demo").returncode, 0)  # puts the links back
		self.assertEqual(checked.returncode, 0, checked.stdout + checked.stderr)
		self.assertIn("result-without-measure", checked.stdout)
		self.assertIn(indicator_10, checked.stdout)

	def test_check_of_an_unknown_plan(self):
		checked = bench("check", "ITA-PLAN-NO-SUCH")
		self.assertEqual(checked.returncode, 2)
		self.assertIn("ITA-PLAN-NO-SUCH", checked.stderr)
		self.assertIn(self.plan, checked.stderr)
