"""Dates as Thai officers type them, in Chromium on a Thai desk (site date format dd-mm-yyyy): a due date typed
with a B.E. year (30-06-2569) or in Thai digits (๓๐-๐๖-๒๕๖๙) is stored as the C.E. date, the input and its
date picker show B.E. years and an empty date input says which calendar it takes; a step owner whose time
zone (User.time_zone) is west of the site's reads the due date the plan gives, in the step's "What to Do
Next" panel and in My Steps on a phone. The server is another process: the records are committed, and
deleted after the class."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.rules.tests.test_typed_dates import COMMON_ERA_TEXTS
from ita_tracker.rules.typed_dates import typed_in_common_era
from ita_tracker.tests.browser import (
	PHONE,
	guarded_page,
	launch_browser,
	set_journey_password,
	stop_browser,
	wait_for_value,
)
from ita_tracker.tests.factories import PlanWorld, Team, delete_team, delete_world

SITE_DEFAULTS = {"date_format": "dd-mm-yyyy", "time_zone": "Asia/Bangkok"}
WEST_OF_THE_SITE = "America/New_York"


class TestTypedDatesInTheBrowser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.browser = launch_browser()
		cls.defaults = {key: frappe.db.get_default(key) for key in SITE_DEFAULTS}
		for key, value in SITE_DEFAULTS.items():
			frappe.db.set_default(key, value)
		frappe.db.set_single_value("System Settings", SITE_DEFAULTS)
		frappe.cache.delete_value("time_zone")
		cls.team = Team()
		cls.w = PlanWorld(cls.team)
		# The step owner's world: an approved plan, whose steps offer the owner their actions.
		cls.approved = PlanWorld(Team())
		cls.approved.approve_plan()
		set_journey_password([cls.team.manager, cls.approved.owner_a], lang="th")
		frappe.db.set_value("User", cls.approved.owner_a, "time_zone", WEST_OF_THE_SITE)
		frappe.clear_cache(user=cls.approved.owner_a)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		frappe.db.rollback()
		for world in (cls.w, cls.approved):
			delete_world(world)
			delete_team(world.team)
		for key, value in cls.defaults.items():
			frappe.db.set_default(key, value)
		frappe.db.set_single_value("System Settings", cls.defaults)
		frappe.cache.delete_value("time_zone")
		frappe.db.commit()
		super().tearDownClass()

	def open_step(self, page, step: str):
		page.goto(f"/app/ita-action-step/{step}", wait_for="input[data-fieldname=due_date]")
		page.page.wait_for_timeout(500)

	def type_date(self, page, fieldname: str, typed: str):
		"""Types into the date input as a person does, leaves it, and saves the form."""
		selector = f"input[data-fieldname={fieldname}]"
		page.page.fill(selector, "")
		page.page.type(selector, typed)
		page.page.keyboard.press("Escape")
		page.page.locator(".page-title").first.click()
		page.settle()
		page.page.keyboard.press("Control+s")
		page.settle()

	def input_value(self, page, fieldname: str) -> str:
		return page.page.input_value(f"input[data-fieldname={fieldname}]")

	def test_a_thai_officer_types_buddhist_era_years_and_thai_digits(self):
		w = self.w
		page = guarded_page(self.browser, w.manager)
		self.addCleanup(page.close)
		self.assertEqual(page.page.evaluate("frappe.boot.lang"), "th")
		# The desk reads a typed date by the same rule as the server (rules/typed_dates.py).
		for typed, _ce in COMMON_ERA_TEXTS:
			self.assertEqual(
				page.page.evaluate("(text) => ita_dates.typed_in_common_era(text)", typed),
				typed_in_common_era(typed),
				typed,
			)

		self.open_step(page, w.step_a.name)
		self.assertEqual(self.input_value(page, "due_date"), "31-12-2568")
		self.assertEqual(
			page.page.get_attribute("input[data-fieldname=completion_date]", "placeholder"),
			"วว-ดด-ปปปป (พ.ศ.)",
		)
		self.type_date(page, "due_date", "30-06-2569")
		self.assertTrue(wait_for_value("ITA Action Step", w.step_a.name, "due_date", date(2026, 6, 30)))
		self.assertEqual(self.input_value(page, "due_date"), "30-06-2569")

		self.open_step(page, w.step_b.name)
		self.type_date(page, "due_date", "๓๐-๐๖-๒๕๖๙")
		self.assertTrue(wait_for_value("ITA Action Step", w.step_b.name, "due_date", date(2026, 6, 30)))
		self.assertEqual(self.input_value(page, "due_date"), "30-06-2569")

		# The date picker shows the month in B.E. and writes what is picked in B.E.; the C.E. day is stored.
		page.page.click("input[data-fieldname=due_date]")
		picker = page.page.locator(".datepicker.active")
		picker.wait_for()
		self.assertIn("2569", picker.locator(".datepicker--nav-title").inner_text())
		picker.locator(".datepicker--cell-day:not(.-other-month-)", has_text="15").first.click()
		page.settle()
		self.assertEqual(self.input_value(page, "due_date"), "15-06-2569")
		page.page.keyboard.press("Control+s")
		page.settle()
		self.assertTrue(wait_for_value("ITA Action Step", w.step_b.name, "due_date", date(2026, 6, 15)))

	def test_a_step_owner_west_of_the_site_reads_the_due_date_of_the_plan(self):
		w = self.approved
		for step in (w.step_a, w.step_b):
			frappe.db.set_value("ITA Action Step", step.name, "due_date", date(2026, 3, 31))
			self.addCleanup(frappe.db.commit)
			self.addCleanup(frappe.db.set_value, "ITA Action Step", step.name, "due_date", step.due_date)
		frappe.db.commit()
		page = guarded_page(self.browser, w.owner_a, viewport=PHONE)
		self.addCleanup(page.close)
		self.assertEqual(
			page.page.evaluate("[frappe.boot.time_zone.system, frappe.boot.time_zone.user]"),
			["Asia/Bangkok", WEST_OF_THE_SITE],
		)

		# Any code of the desk that formats a date without saying it is one (the My Steps block included).
		self.assertEqual(page.page.evaluate("frappe.datetime.str_to_user('2026-03-31')"), "31-03-2569")
		# My Steps: the step list opens on the owner's steps; on a phone the row carries the due date.
		page.goto("/app/ita-action-step", wait_for=".list-row-container")
		row = page.page.locator(".list-row-container", has_text=w.step_a.description).inner_text()
		self.assertIn("31-03-2569", row)
		self.assertNotIn("30-03-2569", row)

		page.goto(f"/app/ita-action-step/{w.step_a.name}", wait_for=".form-dashboard")
		panel = page.locator(".ita-step-actions")
		panel.wait_for()
		self.assertIn("31-03-2569", panel.inner_text())
		self.assertNotIn("30-03-2569", panel.inner_text())

	def test_the_step_list_shows_the_owner_and_due_date_on_a_laptop(self):
		w = self.w
		page = guarded_page(self.browser, w.manager, viewport={"width": 1366, "height": 768})
		self.addCleanup(page.close)
		page.goto(f"/app/ita-action-step?measure={w.measure_a.name}", wait_for=".list-row-container")
		head = page.page.locator(".list-row-head").first.inner_text()
		self.assertIn("ผู้รับผิดชอบ", head)
		self.assertIn("กำหนดเสร็จ", head)
		row = page.page.locator(".list-row-container", has_text=w.step_a.description).inner_text()
		frappe.db.rollback()
		due = frappe.db.get_value("ITA Action Step", w.step_a.name, "due_date")
		self.assertIn(f"{due.day:02d}-{due.month:02d}-{due.year + 543}", row)
