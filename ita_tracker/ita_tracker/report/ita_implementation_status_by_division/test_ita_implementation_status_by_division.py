import frappe
from freezegun import freeze_time

from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.ita_implementation_status_by_division import (
	execute,
)
from ita_tracker.tests.factories import ITATestCase, make_step


def build_progress(w):
	"""Division A: one step in progress and overdue, one done; division B: one step not started, not yet due."""
	frappe.set_user(w.manager)
	done = make_step(w.measure_a, responsible_user=w.owner_a, due_date="2026-02-27")
	frappe.set_user("Administrator")
	frappe.db.set_value("ITA Action Step", w.step_a.name, "due_date", "2026-03-10")
	frappe.db.set_value("ITA Action Step", w.step_b.name, "due_date", "2026-06-30")
	w.approve_plan()
	w.act(w.owner_a, w.step_a, "Start Work")
	w.act(w.owner_a, done, "Start Work")
	frappe.db.set_value(
		"ITA Action Step",
		done.name,
		{"evidence_url": "https://example.org/e", "completion_date": "2026-02-20"},
	)
	w.act(w.owner_a, done, "Report Done")
	return done


def run(user, **filters):
	frappe.set_user(user)
	try:
		with freeze_time("2026-03-18 12:00"):
			_columns, rows, _message, chart, summary = execute(filters)
	finally:
		frappe.set_user("Administrator")
	return rows, chart, summary


class TestImplementationStatusByDivision(ITATestCase):
	def setUp(self):
		super().setUp()
		build_progress(self.w)

	def test_figures_per_division(self):
		rows, chart, summary = run(self.w.manager, plan=self.w.plan.name)
		by_division = {row.division: row for row in rows}
		a, b = by_division[self.w.division_a], by_division[self.w.division_b]
		self.assertEqual(
			(a.measures, a.total, a.not_started, a.in_progress, a.done, a.verified, a.overdue),
			(1, 2, 0, 1, 1, 0, 1),
		)
		self.assertEqual(a.percent_complete, 50)
		self.assertEqual((b.total, b.not_started, b.overdue, b.percent_complete), (1, 1, 0, 0))
		self.assertEqual(chart["data"]["labels"], [row.division_name for row in rows])
		self.assertEqual([item["value"] for item in summary], [3, "33.33%", 1])

	def test_a_division_head_sees_only_their_division(self):
		rows, _chart, _summary = run(self.w.head_b, plan=self.w.plan.name)
		self.assertEqual([row.division for row in rows], [self.w.division_b])

	def test_filters(self):
		rows, _chart, _summary = run(self.w.manager, plan=self.w.plan.name, indicator="5")
		self.assertEqual([row.division for row in rows], [self.w.division_b])
		rows, _chart, _summary = run(self.w.manager, agency=self.w.agency, division=self.w.division_a)
		self.assertEqual([row.division for row in rows], [self.w.division_a])
		self.assertEqual(run(self.w.manager, fiscal_year="2570", plan=self.w.plan.name)[0], [])
