import frappe
from freezegun import freeze_time

from ita_tracker import dashboards
from ita_tracker.exceptions import AgencyNotPermittedError
from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.test_ita_implementation_status_by_division import (
	build_progress,
)
from ita_tracker.tests.factories import ITATestCase, make_agency


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

	def test_score_cards_show_the_users_agency_or_the_chosen_one(self):
		w = self.w
		latest = frappe.get_all(
			"ITA Assessment",
			filters={"agency": w.agency},
			fields=["overall_score", "rating"],
			order_by="fiscal_year desc",
			limit=1,
		)[0]
		chosen = {"agency": w.agency}
		self.assertEqual(
			self.as_user(w.manager, lambda: dashboards.latest_overall_score(chosen)), latest.overall_score
		)
		self.assertEqual(self.as_user(w.manager, lambda: dashboards.latest_rating(chosen)), latest.rating)
		# The user's own agency, by User Permission, without choosing.
		frappe.get_doc(
			{"doctype": "User Permission", "user": w.owner_a, "allow": "ITA Agency", "for_value": w.agency}
		).insert(ignore_permissions=True)
		self.assertEqual(self.as_user(w.owner_a, dashboards.latest_overall_score), latest.overall_score)
		# Another agency than the user's own is refused, not shown.
		other = make_agency().name
		with self.assertRaises(AgencyNotPermittedError):
			self.as_user(w.owner_a, lambda: dashboards.latest_overall_score({"agency": other}))

	def test_no_arbitrary_agency_on_a_many_agency_site(self):
		make_agency()
		self.assertEqual(self.as_user(self.w.manager, dashboards.latest_overall_score), 0)
		self.assertEqual(self.as_user(self.w.manager, dashboards.latest_rating), "-")
