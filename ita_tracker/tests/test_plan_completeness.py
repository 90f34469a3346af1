"""Checks that speak up (issue 17): a measure without analysis or steps, steps without a due date or an
owner are findings of the stored plan (the form's panel and `ita check`), and Submit for Approval refuses
such a plan while ITA Settings say so."""

import frappe

from ita_tracker.exceptions import IncompletePlanError
from ita_tracker.install import store_setting_defaults
from ita_tracker.ita_tracker.doctype.ita_plan.ita_plan import get_findings
from ita_tracker.plan_checks import plan_findings
from ita_tracker.tests.browser import guarded_page, launch_browser, set_journey_password, stop_browser
from ita_tracker.tests.factories import CommittedWorldTestCase, ITATestCase, make_measure, make_step

SETTING = "refuse_incomplete_plans"


class TestPlanCompleteness(ITATestCase):
	def setUp(self):
		super().setUp()
		before = frappe.db.get_single_value("ITA Settings", SETTING)
		self.addCleanup(self.set_refusal, before)

	def set_refusal(self, value):
		frappe.db.set_single_value("ITA Settings", SETTING, value)
		frappe.clear_document_cache("ITA Settings", "ITA Settings")

	def found(self):
		return [(f.code, f.subject, f.records) for f in plan_findings(self.w.plan.name)]

	def make_incomplete(self):
		"""An empty measure, a step stored without its due date (before the step form required one), and
		steps without an owner: the journey's plan."""
		w = self.w
		self.empty = make_measure(w.plan, w.results[:1], analysis="")
		self.ownerless = [make_step(w.measure_a) for _ in range(11)]
		frappe.db.set_value("ITA Action Step", w.step_b.name, "due_date", None)

	def test_the_world_is_complete_and_its_panel_says_no_finding(self):
		self.assertEqual(self.found(), [])
		frappe.set_user(self.w.executive)
		self.assertEqual(get_findings(self.w.plan.name), [])

	def test_each_gap_is_a_warning_and_steps_are_named_together(self):
		w = self.w
		self.make_incomplete()
		self.assertEqual(
			self.found(),
			[
				("measure-without-analysis", self.empty.name, ()),
				("measure-without-steps", self.empty.name, ()),
				("steps-without-due-date", w.plan.name, (w.step_b.name,)),
				("steps-without-owner", w.plan.name, tuple(step.name for step in self.ownerless)),
			],
		)
		# As the form's panel gets them: warnings, in one line for the 11 steps without an owner.
		frappe.set_user(w.executive)
		findings = get_findings(w.plan.name)
		self.assertEqual({f["severity"] for f in findings}, {"warning"})
		(owners,) = [f for f in findings if f["code"] == "steps-without-owner"]
		self.assertIn("11 of 13 steps have no owner", owners["message"])
		self.assertIn("and 1 more", owners["message"])
		self.assertIn(self.empty.measure_title, findings[0]["message"])

	def test_submission_is_refused_naming_what_is_missing(self):
		w = self.w
		self.set_refusal(1)
		self.make_incomplete()
		with self.assertRaises(IncompletePlanError) as refused:
			w.act(w.manager, w.plan, "Submit for Approval")
		message = str(refused.exception)
		self.assertIn(self.empty.measure_title, message)
		self.assertIn(frappe.db.get_value("ITA Action Step", w.step_b.name, "description"), message)
		self.assertIn("11 of 13 steps have no owner", message)
		self.assertEqual(frappe.db.get_value("ITA Plan", w.plan.name, "status"), "Draft")

	def test_a_complete_plan_is_submitted(self):
		self.set_refusal(1)
		self.w.act(self.w.manager, self.w.plan, "Submit for Approval")
		self.assertEqual(frappe.db.get_value("ITA Plan", self.w.plan.name, "status"), "Pending Approval")

	def test_with_the_setting_off_they_stay_warnings(self):
		w = self.w
		self.set_refusal(0)
		self.make_incomplete()
		w.act(w.manager, w.plan, "Submit for Approval")
		self.assertEqual(frappe.db.get_value("ITA Plan", w.plan.name, "status"), "Pending Approval")
		self.assertEqual(len(plan_findings(w.plan.name)), 4)

	def test_the_refusal_is_on_by_default(self):
		meta = frappe.get_meta("ITA Settings")
		self.assertEqual(meta.get_field(SETTING).default, "1")

	def test_an_install_over_earlier_settings_stores_the_default_and_keeps_the_rest(self):
		"""A site that kept the settings of an earlier install, from before the setting existed."""
		frappe.db.delete("Singles", {"doctype": "ITA Settings", "field": SETTING})
		frappe.db.set_single_value("ITA Settings", "target_score", 90)
		frappe.clear_document_cache("ITA Settings", "ITA Settings")
		store_setting_defaults()
		self.assertEqual(frappe.db.get_single_value("ITA Settings", SETTING), 1)
		self.assertEqual(frappe.db.get_single_value("ITA Settings", "target_score"), 90)


class TestFindingsPanelInTheBrowser(CommittedWorldTestCase):
	"""The plan form's findings panel as the Thai executive reads it: a plan with no finding says so, rather
	than leaving the panel empty as if nothing had been checked."""

	API_ROLES = ()

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.browser = launch_browser()
		set_journey_password([cls.w.executive], lang="th")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		super().tearDownClass()

	def panel(self) -> str:
		"""The form's message box, where the findings are listed (frm.dashboard.add_comment)."""
		page = guarded_page(self.browser, self.w.executive)
		self.addCleanup(page.close)
		page.goto(f"/app/ita-plan/{self.w.plan.name}", wait_for=".form-message:not(.hidden)")
		return page.locator(".form-message").inner_text()

	def test_no_finding_is_said(self):
		self.assertIn("ไม่พบข้อสังเกต", self.panel())

	def test_a_finding_replaces_it(self):
		step = self.w.step_b.name
		frappe.db.set_value("ITA Action Step", step, "responsible_user", None)
		frappe.db.commit()
		self.addCleanup(frappe.db.commit)
		self.addCleanup(frappe.db.set_value, "ITA Action Step", step, "responsible_user", self.w.owner_b)
		panel = self.panel()
		self.assertNotIn("ไม่พบข้อสังเกต", panel)
		self.assertIn("ยังไม่มีผู้รับผิดชอบรายงานผล", panel)
