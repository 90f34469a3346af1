"""ITA Step Summary equals a live count of the steps, per plan and per effective division, after the
steps' saves, after a measure's divisions change, after a plan is approved and after the daily job."""

from datetime import date

import frappe
from freezegun import freeze_time

from ita_tracker import dashboards
from ita_tracker.rules.deadlines import FINISHED, is_overdue
from ita_tracker.step_summary import national_counts, refresh_all
from ita_tracker.tests.factories import ITATestCase, make_division, make_step


def live(plan: str, today: date) -> dict:
	"""Counted in Python from the stored steps: {division or None: (total, done, overdue)}."""
	steps = frappe.get_all("ITA Action Step", {"plan": plan}, ["name", "status", "due_date"])
	counts = {}
	for step in steps:
		divisions = frappe.get_all(
			"ITA Step Division",
			{"parent": step.name, "parenttype": "ITA Action Step"},
			pluck="effective_division",
		)
		for key in [None, *divisions]:
			total, done, overdue = counts.get(key, (0, 0, 0))
			counts[key] = (
				total + 1,
				done + (step.status in FINISHED),
				overdue + is_overdue(step.due_date, step.status, today),
			)
	return counts


def summary(plan: str) -> dict:
	rows = frappe.get_all("ITA Step Summary", {"plan": plan}, ["division", "total", "done", "overdue"])
	return {row.division: (row.total, row.done, row.overdue) for row in rows}


class TestStepSummary(ITATestCase):
	def test_the_summary_follows_the_steps_saves(self):
		w = self.w
		with freeze_time("2026-03-18 12:00"):
			self.assertEqual(summary(w.plan.name), live(w.plan.name, date(2026, 3, 18)))
			frappe.set_user(w.manager)
			make_step(w.measure_b, due_date="2026-01-15")
			frappe.set_user("Administrator")
			self.assertEqual(summary(w.plan.name), live(w.plan.name, date(2026, 3, 18)))
			self.assertEqual(summary(w.plan.name)[w.division_b], (2, 0, 2))  # both due before 18 Mar

	def test_the_summary_follows_a_measures_divisions(self):
		w = self.w
		division_c = make_division(w.agency).name
		self.save_as(
			w.manager,
			"ITA Measure",
			w.measure_a.name,
			responsible_divisions=[{"division": w.division_a}, {"division": division_c}],
		)
		today = date.today()
		self.assertEqual(summary(w.plan.name), live(w.plan.name, today))
		self.assertEqual(summary(w.plan.name)[division_c][0], 1)

	def test_approval_and_the_daily_job(self):
		w = self.w
		self.assertEqual(frappe.db.get_value("ITA Step Summary", {"plan": w.plan.name}, "max(approved)"), 0)
		w.approve_plan()
		self.assertEqual(frappe.db.get_value("ITA Step Summary", {"plan": w.plan.name}, "min(approved)"), 1)
		# Written past the save path: only the daily job sees it.
		frappe.db.set_value("ITA Action Step", w.step_b.name, "due_date", "2026-04-01")
		with freeze_time("2026-06-15 12:00"):
			refresh_all()
			self.assertEqual(summary(w.plan.name), live(w.plan.name, date(2026, 6, 15)))
			national = national_counts()
			card = dashboards.overdue_steps()
		self.assertEqual(card["value"], national.overdue)
		self.assertGreaterEqual(national.overdue, summary(w.plan.name)[None][2])
		self.assertEqual(national.as_of.date(), date(2026, 6, 15))
