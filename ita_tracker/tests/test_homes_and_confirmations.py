"""Each role lands on its own page after logging in, and the plan's hand-offs ask first and then say what
happened (issue 17), in a real browser in Thai (tests/browser.py: any error dialog, console error or HTTP
error fails the test). The server is another process, so the records are committed, and deleted after
the class."""

from urllib.parse import urlparse

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.tests.browser import (
	ARTIFACTS,
	DESKTOP,
	PHONE,
	guarded_page,
	launch_browser,
	set_journey_password,
	stop_browser,
	wait_for_value,
)
from ita_tracker.tests.factories import PlanWorld, Team, delete_team, delete_world

LANG = "th"


def t(text: str) -> str:
	return frappe._(text, lang=LANG)


class TestHomesAndConfirmations(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.browser = launch_browser()
		cls.team = Team()
		set_journey_password(vars(cls.team).values(), LANG)
		cls.w = PlanWorld(cls.team)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		frappe.db.rollback()
		frappe.set_user("Administrator")
		delete_world(cls.w)
		delete_team(cls.team)
		frappe.db.commit()
		super().tearDownClass()

	def open_as(self, user: str, viewport: dict = DESKTOP):
		page = guarded_page(self.browser, user, viewport=viewport)
		self.addCleanup(page.close)
		return page

	def landing(self, page) -> str:
		"""The desk's path once it has settled on the page it opens after the login."""
		page.page.wait_for_url("**/app/*")
		page.page.wait_for_selector(".layout-main-section .widget")
		page.settle()
		return urlparse(page.page.url).path

	def open_plan(self, page):
		name = self.w.plan.name
		page.goto(f"/app/ita-plan/{name}", wait_for=".page-head .title-text")
		page.page.wait_for_function(
			"(name) => window.cur_frm && cur_frm.docname === name && cur_frm.doc && !cur_frm.doc.__islocal",
			arg=name,
		)
		page.settle()

	def choose_action(self, page, action: str):
		page.tap(page.locator(".page-actions .actions-btn-group > button").first, "Actions")
		page.tap(page.locator(".actions-btn-group .dropdown-menu.show").get_by_text(t(action), exact=True))

	def assert_status(self, status: str):
		self.assertTrue(
			wait_for_value("ITA Plan", self.w.plan.name, "status", status),
			frappe.db.get_value("ITA Plan", self.w.plan.name, "status"),
		)

	def custom_button(self, page, label: str):
		"""The form's button `label` as it shows (Frappe keeps a hidden copy of each for narrow screens)."""
		return (
			page.locator(".page-actions .custom-actions")
			.get_by_role("button", name=t(label), exact=True)
			.filter(visible=True)
		)

	# --- homes ------------------------------------------------------------------------------------------------

	def test_1_the_office_lands_on_ita_tracker_first_in_the_sidebar(self):
		for user in (self.w.manager, self.w.executive):
			page = self.open_as(user)
			self.assertEqual(self.landing(page), "/app/ita-tracker", user)
			first = page.locator(".desk-sidebar .standard-sidebar-item").first
			self.assertIn(t("ITA Tracker"), first.inner_text())
			page.close()

	def test_2_a_step_owner_on_a_phone_lands_on_their_steps(self):
		page = self.open_as(self.w.owner_a, viewport=PHONE)
		self.assertEqual(self.landing(page), "/app/my-steps")
		step = page.locator(".ita-my-step").filter(has_text=self.w.step_a.description)
		step.wait_for()
		page.settle()
		page.screenshot(ARTIFACTS / LANG / "owner-0-home-my-steps.png")
		box = step.bounding_box()
		self.assertLess(box["y"] + box["height"], PHONE["height"], "the step shows on the first screen")
		self.assertEqual(page.locator(".ita-my-step").count(), 1, "only the owner's own steps")
		page.tap(step, "the step")
		page.page.wait_for_url(f"**/app/ita-action-step/{self.w.step_a.name}")
		page.settle()

	# --- confirmations and feedback, in the order of the plan's life --------------------------------------

	def test_3_0_the_open_plan_adds_a_measure(self):
		page = self.open_as(self.w.manager)
		self.open_plan(page)
		page.tap(self.custom_button(page, "Add Measure"), "Add Measure")
		page.page.wait_for_function(
			"(plan) => window.cur_frm && cur_frm.doctype === 'ITA Measure' && cur_frm.is_new()"
			" && cur_frm.doc.plan === plan",
			arg=self.w.plan.name,
		)
		page.settle()

	def test_3_submit_asks_first_and_the_pending_plan_offers_no_carry_over(self):
		page = self.open_as(self.w.manager)
		self.open_plan(page)
		self.assertEqual(self.custom_button(page, "Add Measure").count(), 1)
		self.choose_action(page, "Submit for Approval")
		question = page.locator(".modal.show")
		question.get_by_text(
			t(
				"Submit this plan for approval? While it waits for the executive, its measures and steps cannot "
				"be changed."
			)
		).wait_for()
		page.tap(question.get_by_role("button", name=t("No")), "No")
		page.settle()
		self.assertEqual(frappe.db.get_value("ITA Plan", self.w.plan.name, "status"), "Draft")

		self.choose_action(page, "Submit for Approval")
		page.tap(page.locator(".modal.show").get_by_role("button", name=t("Yes")), "Yes")
		self.assert_status("Pending Approval")
		page.locator("#alert-container").get_by_text(t("Plan submitted for approval.")).wait_for()
		page.settle()

		self.open_plan(page)
		self.assertEqual(self.custom_button(page, "Carry Over Unfinished Steps").count(), 0)
		self.assertEqual(self.custom_button(page, "Add Measure").count(), 0)

	def test_4_approve_asks_first_and_then_says_the_plan_is_approved(self):
		self.bring_plan_to("Pending Approval")
		page = self.open_as(self.w.executive)
		self.open_plan(page)
		self.choose_action(page, "Approve")
		question = page.locator(".modal.show")
		question.get_by_text(
			t("Approve this plan? Once approved, it can be published and its steps can start.")
		).wait_for()
		page.tap(question.get_by_role("button", name=t("Yes")), "Yes")
		self.assert_status("Approved")
		done = page.locator(".modal.show").filter(has_text=t("Plan Approved"))
		done.wait_for()
		self.assertIn(
			t("You approved this plan. The ITA officer can now publish it, and its steps can start."),
			done.inner_text(),
		)
		page.settle()

	def test_5_publish_links_to_the_public_page(self):
		self.bring_plan_to("Approved")
		page = self.open_as(self.w.manager)
		self.open_plan(page)
		self.choose_action(page, "Publish")
		self.assert_status("Published")
		link = page.locator(".modal.show a.ita-public-page")
		link.wait_for()
		public = f"/ita-plans/{self.w.plan.name}"
		self.assertEqual(link.get_attribute("href"), public)
		self.assertEqual(link.inner_text().strip(), t("See on Website"))
		page.settle()
		self.open_plan(page)
		self.assertEqual(page.locator(f'.form-sidebar a[href="{public}"]').count(), 1)

	def test_6_create_plan_on_an_assessment_with_a_plan_says_so(self):
		page = self.open_as(self.w.manager)
		page.goto(f"/app/ita-assessment/{self.w.assessment.name}", wait_for=".page-head .title-text")
		page.settle()
		page.tap(self.custom_button(page, "Create Plan"), "Create Plan")
		page.page.wait_for_url(f"**/app/ita-plan/{self.w.plan.name}")
		title = frappe.db.get_value("ITA Plan", self.w.plan.name, "title")
		alert = page.locator("#alert-container").filter(has_text=title)
		alert.wait_for()
		self.assertIn(
			frappe.db.get_value("ITA Assessment", self.w.assessment.name, "title"), alert.inner_text()
		)
		page.settle()

	def bring_plan_to(self, status: str):
		"""The shared plan at `status`, if an earlier journey did not get it there."""
		self.w.bring_plan_to(status)
		self.assertEqual(frappe.db.get_value("ITA Plan", self.w.plan.name, "status"), status)
