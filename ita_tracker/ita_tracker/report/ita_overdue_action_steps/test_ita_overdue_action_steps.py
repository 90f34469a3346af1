import frappe
from freezegun import freeze_time

from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.test_ita_implementation_status_by_division import (
	build_progress,
)
from ita_tracker.ita_tracker.report.ita_overdue_action_steps import ita_overdue_action_steps as overdue_report
from ita_tracker.ita_tracker.report.ita_overdue_action_steps.ita_overdue_action_steps import execute
from ita_tracker.tests.factories import ITATestCase


def run(user, today="2026-03-18 12:00", **filters):
	frappe.set_user(user)
	try:
		with freeze_time(today):
			return execute(filters)
	finally:
		frappe.set_user("Administrator")


class TestOverdueActionSteps(ITATestCase):
	def setUp(self):
		super().setUp()
		build_progress(self.w)

	def test_the_overdue_step_with_its_owner_division_measure_and_indicator(self):
		_columns, rows, _message, chart, summary = run(self.w.manager, plan=self.w.plan.name)
		self.assertEqual(len(rows), 1)
		row = rows[0]
		self.assertEqual(
			(row.step, row.responsible_user, row.division, row.days_overdue, row.measure, row.indicators),
			(self.w.step_a.name, self.w.owner_a, self.w.division_a, 8, self.w.measure_a.name, "2"),
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [1])
		self.assertEqual([item["value"] for item in summary], [1, 8])

	def test_later_both_unfinished_steps_are_overdue(self):
		rows = run(self.w.manager, today="2026-07-01 12:00", plan=self.w.plan.name)[1]
		self.assertEqual({row.step for row in rows}, {self.w.step_a.name, self.w.step_b.name})

	def test_a_division_head_does_not_see_another_divisions_overdue_step(self):
		self.assertEqual(run(self.w.head_b, plan=self.w.plan.name)[1], [])
		self.assertEqual(len(run(self.w.head_a, plan=self.w.plan.name)[1]), 1)

	def test_a_limited_report_counts_all_its_rows(self):
		self.addCleanup(setattr, overdue_report, "ROW_LIMIT", overdue_report.ROW_LIMIT)
		overdue_report.ROW_LIMIT = 1
		_columns, rows, message, chart, summary = run(
			self.w.manager, today="2026-07-01 12:00", plan=self.w.plan.name
		)
		self.assertEqual([row.step for row in rows], [self.w.step_a.name])  # the oldest: due 10 Mar
		self.assertEqual([item["value"] for item in summary], [2, 113])
		self.assertIn("1 oldest of 2 overdue rows", message)
		self.assertEqual(sum(chart["data"]["datasets"][0]["values"]), 2)

	def test_no_message_when_every_row_is_shown(self):
		self.assertIsNone(run(self.w.manager, today="2026-07-01 12:00", plan=self.w.plan.name)[2])
