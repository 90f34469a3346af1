from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import DuplicatePlanError, OutsideFiscalYearError, PeriodEndsBeforeStartError
from ita_tracker.ita_tracker.doctype.ita_plan.ita_plan import get_findings
from ita_tracker.tests.factories import (
	ITATestCase,
	make_assessment,
	make_indicator_result,
	make_measure,
	make_plan,
	make_step,
)


class TestITAPlan(FrappeTestCase):
	def test_plan_runs_in_the_fiscal_year_after_the_assessment(self):
		plan = make_plan(make_assessment(fiscal_year=2568))
		self.assertEqual(plan.fiscal_year, "2569")
		self.assertEqual((plan.period_start, plan.period_end), (date(2025, 10, 1), date(2026, 9, 30)))
		self.assertTrue(plan.name.startswith("ITA-PLAN-2569-"))
		self.assertIn(plan.agency, plan.title)

	def test_period_that_ends_before_it_starts(self):
		with self.assertRaisesRegex(PeriodEndsBeforeStartError, "30-09-2025|2025-09-30|09-30-2025"):
			make_plan(period_start="2025-10-01", period_end="2025-09-30")

	def test_period_outside_the_fiscal_year_is_an_error(self):
		with self.assertRaisesRegex(OutsideFiscalYearError, "fiscal year 2569"):
			make_plan(period_start="2025-10-01", period_end="2026-10-31")

	def test_findings_list_warnings_of_the_whole_plan(self):
		assessment = make_assessment()
		low = make_indicator_result(assessment, "2", 81.37)
		unanswered = make_indicator_result(assessment, "10", 60)
		make_indicator_result(assessment, "3", 91.37)
		plan = make_plan(assessment)
		make_step(make_measure(plan, [low]), responsible_user="Administrator")
		findings = get_findings(plan.name)
		self.assertEqual([f["code"] for f in findings], ["result-without-measure"])
		# Named as people read it, not by its ID.
		indicator = frappe.db.get_value("ITA Indicator", "10", "indicator_name")
		self.assertIn(f"10. {indicator} (60", findings[0]["message"])
		self.assertNotIn(unanswered.name, findings[0]["message"])


class TestOneLivePlanPerAssessment(ITATestCase):
	def test_a_second_plan_is_refused_naming_the_first(self):
		assessment = self.w.plan.assessment
		with self.assertRaisesRegex(
			DuplicatePlanError, f"{assessment} already has the plan {self.w.plan.name}"
		):
			frappe.get_doc({"doctype": "ITA Plan", "assessment": assessment}).insert()
		self.assertEqual(
			frappe.get_all("ITA Plan", {"assessment": assessment}, pluck="name"), [self.w.plan.name]
		)

	def test_the_cancelled_plan_frees_its_assessment_for_the_revision(self):
		w = self.w
		w.approve_plan()
		w.act(w.manager, w.plan, "Cancel for Revision")
		self.assertIsNone(frappe.db.get_value("ITA Plan", w.plan.name, "live_assessment"))
		revision = frappe.copy_doc(frappe.get_doc("ITA Plan", w.plan.name))
		revision.update({"amended_from": w.plan.name, "docstatus": 0, "status": "Draft"})
		revision.insert()
		self.assertEqual(revision.live_assessment, w.plan.assessment)
		with self.assertRaisesRegex(DuplicatePlanError, revision.name):
			frappe.get_doc({"doctype": "ITA Plan", "assessment": w.plan.assessment}).insert()
