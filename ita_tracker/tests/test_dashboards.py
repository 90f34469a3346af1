import frappe
from freezegun import freeze_time

from ita_tracker import dashboards
from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.test_ita_implementation_status_by_division import (
	build_progress,
)
from ita_tracker.tests.factories import ITATestCase


class TestWorkspaceNumberCards(ITATestCase):
	def setUp(self):
		super().setUp()
		build_progress(self.w)

	def as_user(self, user, card):
		frappe.set_user(user)
		try:
			with freeze_time("2026-03-18 12:00"):
				figure = card()
		finally:
			frappe.set_user("Administrator")
		return figure["value"] if isinstance(figure, dict) else figure

	def test_cards_count_what_the_user_may_see(self):
		# Other approved plans of the site count for the manager too, so compare with the division head's view.
		self.assertEqual(self.as_user(self.w.head_a, dashboards.overdue_steps), 1)
		self.assertEqual(self.as_user(self.w.head_b, dashboards.overdue_steps), 0)
		self.assertEqual(self.as_user(self.w.head_a, dashboards.percent_steps_done), 50)
		self.assertEqual(self.as_user(self.w.head_b, dashboards.percent_steps_done), 0)
		self.assertGreaterEqual(self.as_user(self.w.manager, dashboards.overdue_steps), 1)

	def test_latest_score_and_rating(self):
		frappe.set_user(self.w.manager)
		latest = frappe.get_list(
			"ITA Assessment", fields=["overall_score", "rating"], order_by="fiscal_year desc", limit=1
		)[0]
		frappe.set_user("Administrator")
		self.assertEqual(self.as_user(self.w.manager, dashboards.latest_overall_score), latest.overall_score)
		self.assertEqual(self.as_user(self.w.manager, dashboards.latest_rating), latest.rating)
