"""Create plan from a result, the measure library, and carry-over of last year's unfinished steps."""

from datetime import date

import frappe

from ita_tracker.planning import carry_over, carry_over_candidates, make_plan, save_as_template
from ita_tracker.tests.factories import (
	ITATestCase,
	make_assessment,
	make_indicator_result,
)
from ita_tracker.tests.factories import (
	make_plan as make_plain_plan,
)


class TestCreatePlan(ITATestCase):
	def setUp(self):
		super().setUp()
		self.assessment = make_assessment(self.w.agency, 2569)
		self.low = make_indicator_result(self.assessment, "2", 81.37, [("i4", 79.41)], analysis="ควรเปิดโอกาส")
		self.flagged = make_indicator_result(self.assessment, "9", 88, [("o20", 67.5)], measure_requested=1)
		self.fine = make_indicator_result(self.assessment, "3", 91.37, [("i8", 87.65)])

	def plan_measures(self, plan):
		return frappe.get_all(
			"ITA Measure", filters={"plan": plan}, fields=["name", "measure_title", "template", "analysis"]
		)

	def test_a_draft_plan_for_the_next_year_with_proposed_measures(self):
		frappe.set_user(self.w.manager)
		plan = frappe.get_doc("ITA Plan", make_plan(self.assessment.name))
		frappe.set_user("Administrator")
		self.assertEqual((plan.fiscal_year, plan.status), ("2570", "Draft"))
		measures = self.plan_measures(plan.name)
		answered = {
			row.indicator_result
			for row in frappe.get_all(
				"ITA Measure Indicator Result",
				filters={"parent": ("in", [m.name for m in measures])},
				fields=["indicator_result"],
			)
		}
		self.assertEqual(answered, {self.low.name, self.flagged.name})
		shipped = frappe.get_doc("ITA Measure Template", {"question_codes": "i4"})
		budget = next(m for m in measures if m.template == shipped.name)
		self.assertEqual(budget.measure_title, "มาตรการเสริมสร้างการมีส่วนร่วมเกี่ยวกับการใช้จ่ายงบประมาณ")
		self.assertEqual(budget.analysis, "ควรเปิดโอกาส")
		steps = frappe.get_all(
			"ITA Action Step",
			filters={"measure": budget.name},
			fields=["start_date", "due_date"],
			order_by="sequence",
		)
		self.assertEqual(len(steps), len(shipped.steps))
		self.assertEqual((steps[0].start_date, steps[0].due_date), (date(2026, 10, 1), date(2027, 9, 30)))
		self.assertEqual(make_plan(self.assessment.name), plan.name)

	def test_the_officer_drops_a_proposal(self):
		plan = make_plan(self.assessment.name)
		measure = self.plan_measures(plan)[0].name
		for step in frappe.get_all("ITA Action Step", filters={"measure": measure}, pluck="name"):
			frappe.delete_doc("ITA Action Step", step)
		frappe.delete_doc("ITA Measure", measure)
		self.assertNotIn(measure, [m.name for m in self.plan_measures(plan)])

	def test_only_a_manager_creates_plans(self):
		frappe.set_user(self.w.executive)
		with self.assertRaises(frappe.PermissionError):
			make_plan(self.assessment.name)

	def test_a_measure_saved_as_template_is_proposed_next_time(self):
		frappe.db.set_value(
			"ITA Action Step", self.w.step_a.name, {"start_date": "2025-11-01", "due_date": "2025-12-31"}
		)
		template = frappe.get_doc("ITA Measure Template", save_as_template(self.w.measure_a.name))
		self.assertEqual(template.indicator, "2")
		self.assertEqual(template.measure_title, self.w.measure_a.measure_title)
		self.assertEqual((template.steps[0].start_offset_days, template.steps[0].due_offset_days), (31, 91))


class TestCarryOver(ITATestCase):
	def setUp(self):
		super().setUp()
		self.w.approve_plan()
		self.w.act(self.w.owner_a, self.w.step_a, "Start Work")
		next_assessment = make_assessment(self.w.agency, 2569)
		make_indicator_result(next_assessment, "2", 84)
		self.next_plan = make_plain_plan(next_assessment)

	def test_unfinished_steps_are_offered_and_carried_with_their_origin(self):
		offered = {step.name for step in carry_over_candidates(self.next_plan.name)}
		self.assertEqual(offered, {self.w.step_a.name, self.w.step_b.name})
		frappe.set_user(self.w.manager)
		(carried,) = carry_over(self.next_plan.name, [self.w.step_a.name])
		frappe.set_user("Administrator")
		step = frappe.get_doc("ITA Action Step", carried)
		self.assertEqual(
			(step.carried_from, step.plan, step.status),
			(self.w.step_a.name, self.next_plan.name, "Not Started"),
		)
		self.assertEqual(
			frappe.db.get_value("ITA Measure", step.measure, "carried_from"), self.w.measure_a.name
		)
		self.assertEqual({s.name for s in carry_over_candidates(self.next_plan.name)}, {self.w.step_b.name})

	def test_nothing_is_carried_silently(self):
		self.assertEqual(frappe.get_all("ITA Action Step", filters={"plan": self.next_plan.name}), [])

	def test_a_step_of_another_plan_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			carry_over(self.next_plan.name, [self.w.step_a.name, "ITA-STEP-NO-SUCH"])

	def test_a_measure_whose_indicators_have_no_result_this_year(self):
		with self.assertRaisesRegex(frappe.ValidationError, self.w.measure_b.name):
			carry_over(self.next_plan.name, [self.w.step_b.name])
