"""Create plan from a result, the measure library, and carry-over of last year's unfinished steps."""

from datetime import date

import frappe

from ita_tracker.exceptions import PlanFrozenError, PlanLockedError, RestrictedFieldError
from ita_tracker.planning import (
	add_proposed_measures,
	carry_over,
	carry_over_candidates,
	make_plan,
	plan_overview,
	save_as_template,
	update_step,
)
from ita_tracker.tests.factories import (
	CommittedWorldTestCase,
	ITATestCase,
	make_assessment,
	make_indicator_result,
	make_measure,
)
from ita_tracker.tests.factories import (
	make_plan as make_plain_plan,
)
from ita_tracker.tests.http import session


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


class TestAddProposedMeasures(ITATestCase):
	"""Create Plan again on an open plan: what the library proposes for results left without a measure."""

	def setUp(self):
		super().setUp()
		self.assessment = make_assessment(self.w.agency, 2569)
		self.low = make_indicator_result(self.assessment, "2", 81.37, [("i4", 79.41)])
		self.flagged = make_indicator_result(self.assessment, "9", 88, [("o20", 67.5)], measure_requested=1)
		self.fine = make_indicator_result(self.assessment, "4", 91.37, [("i10", 87.65)])
		frappe.set_user(self.w.manager)
		self.plan = make_plan(self.assessment.name)
		frappe.set_user("Administrator")

	def measures_of(self, result) -> list[str]:
		return frappe.get_all(
			"ITA Measure Indicator Result",
			filters={"parenttype": "ITA Measure", "indicator_result": result.name},
			pluck="parent",
		)

	def add_as(self, user):
		frappe.set_user(user)
		try:
			return add_proposed_measures(self.plan)
		finally:
			frappe.set_user("Administrator")

	def flag(self, result):
		self.save_as(self.w.manager, "ITA Indicator Result", result.name, measure_requested=1)

	def test_a_result_flagged_after_the_plan_gets_the_librarys_measures(self):
		self.assertEqual(self.measures_of(self.fine), [])
		self.flag(self.fine)
		added = self.add_as(self.w.manager)
		self.assertEqual(sorted(added), sorted(self.measures_of(self.fine)))
		self.assertTrue(added)
		template = frappe.db.get_value("ITA Measure", added[0], "template")
		self.assertIn("i10", frappe.get_doc("ITA Measure Template", template).codes())
		self.assertEqual(
			frappe.db.count("ITA Action Step", {"measure": added[0]}),
			len(frappe.get_doc("ITA Measure Template", template).steps),
		)
		self.assertEqual(self.add_as(self.w.manager), [])

	def test_what_the_officer_edited_or_deleted_is_left_alone(self):
		(edited,) = self.measures_of(self.low)
		self.save_as(self.w.manager, "ITA Measure", edited, measure_title="มาตรการที่เจ้าหน้าที่แก้ไข")
		step = frappe.get_all("ITA Action Step", filters={"measure": edited}, pluck="name")[0]
		frappe.delete_doc("ITA Action Step", step)
		for measure in self.measures_of(self.flagged):
			for name in frappe.get_all("ITA Action Step", filters={"measure": measure}, pluck="name"):
				frappe.delete_doc("ITA Action Step", name)
			frappe.delete_doc("ITA Measure", measure)
		self.flag(self.fine)
		added = self.add_as(self.w.manager)
		self.assertEqual(sorted(added), sorted(self.measures_of(self.fine)))
		self.assertEqual(self.measures_of(self.low), [edited])
		self.assertEqual(frappe.db.get_value("ITA Measure", edited, "measure_title"), "มาตรการที่เจ้าหน้าที่แก้ไข")
		self.assertFalse(frappe.db.exists("ITA Action Step", step))
		self.assertEqual(self.measures_of(self.flagged), [])
		self.assertEqual(
			{row.indicator_result for row in frappe.get_doc("ITA Plan", self.plan).proposals},
			{self.low.name, self.flagged.name, self.fine.name},
		)

	def test_a_removed_proposal_row_is_proposed_again(self):
		for measure in self.measures_of(self.flagged):
			for name in frappe.get_all("ITA Action Step", filters={"measure": measure}, pluck="name"):
				frappe.delete_doc("ITA Action Step", name)
			frappe.delete_doc("ITA Measure", measure)
		plan = frappe.get_doc("ITA Plan", self.plan)
		plan.proposals = [row for row in plan.proposals if row.indicator_result != self.flagged.name]
		plan.save()
		added = self.add_as(self.w.manager)
		self.assertEqual(sorted(added), sorted(self.measures_of(self.flagged)))

	def test_a_result_answered_by_the_officers_own_measure_is_left_alone(self):
		make_measure(frappe.get_doc("ITA Plan", self.plan), [self.fine])
		self.flag(self.fine)
		self.assertEqual(self.add_as(self.w.manager), [])
		self.assertEqual(len(self.measures_of(self.fine)), 1)

	def test_only_a_manager_adds_and_only_while_the_plan_is_open(self):
		self.flag(self.fine)
		for user in (self.w.executive, self.w.head_a, self.w.owner_a):
			with self.assertRaises(frappe.PermissionError):
				self.add_as(user)
		# The library's steps name no owner yet: the officer names them before submitting.
		for step in frappe.get_all("ITA Action Step", filters={"plan": self.plan}, pluck="name"):
			frappe.db.set_value("ITA Action Step", step, "responsible_user", self.w.owner_a)
		self.w.act(self.w.manager, frappe.get_doc("ITA Plan", self.plan), "Submit for Approval")
		with self.assertRaises(PlanFrozenError):
			self.add_as(self.w.manager)
		self.w.act(self.w.executive, frappe.get_doc("ITA Plan", self.plan), "Approve")
		with self.assertRaises(PlanLockedError):
			self.add_as(self.w.manager)
		self.assertEqual(self.measures_of(self.fine), [])


class TestPlanOverview(ITATestCase):
	"""The plan form's measures and steps, and editing a step's planning in place."""

	def overview_as(self, user):
		frappe.set_user(user)
		try:
			return plan_overview(self.w.plan.name)
		finally:
			frappe.set_user("Administrator")

	def update_as(self, user, step, **values):
		frappe.set_user(user)
		try:
			return update_step(step, values)
		finally:
			frappe.set_user("Administrator")

	def test_each_role_sees_what_it_may_read_and_plan(self):
		w = self.w
		editable = lambda view: {s["name"]: s["editable"] for s in view["steps"]}  # noqa: E731
		self.assertEqual(editable(self.overview_as(w.manager)), {w.step_a.name: True, w.step_b.name: True})
		self.assertEqual(editable(self.overview_as(w.head_a)), {w.step_a.name: True})
		self.assertEqual(editable(self.overview_as(w.owner_a)), {w.step_a.name: False, w.step_b.name: False})
		view = self.overview_as(w.manager)
		self.assertEqual(
			{m["name"]: m["indicator_results"] for m in view["measures"]},
			{w.measure_a.name: [w.results[0].name], w.measure_b.name: [w.results[1].name]},
		)
		w.approve_plan()
		self.assertEqual(editable(self.overview_as(w.manager)), {w.step_a.name: False, w.step_b.name: False})

	def test_the_planning_of_a_step_is_saved_in_place(self):
		saved = self.update_as(self.w.head_a, self.w.step_a.name, description="ขั้นตอนที่แก้ในแผน")
		self.assertEqual(saved["description"], "ขั้นตอนที่แก้ในแผน")
		self.assertTrue(saved["editable"])
		self.assertEqual(
			frappe.db.get_value("ITA Action Step", self.w.step_a.name, "description"), "ขั้นตอนที่แก้ในแผน"
		)

	def test_what_the_step_form_refuses_is_refused_in_place(self):
		w = self.w
		with self.assertRaises(RestrictedFieldError):
			self.update_as(w.owner_a, w.step_a.name, description="เจ้าของแก้เอง")
		with self.assertRaises(frappe.PermissionError):
			self.update_as(w.head_a, w.step_b.name, description="ข้ามกอง")
		with self.assertRaises(RestrictedFieldError):
			self.update_as(w.manager, w.step_a.name, status="Done")
		with self.assertRaises(frappe.ValidationError):
			self.update_as(w.manager, w.step_a.name, due_date="2025-09-01")
		w.act(w.manager, w.plan, "Submit for Approval")
		with self.assertRaises(PlanFrozenError):
			self.update_as(w.manager, w.step_a.name, description="ระหว่างรออนุมัติ")


class TestInPlaceEditOverHTTP(CommittedWorldTestCase):
	"""The plan form's in-place edit as real users send it to the web server."""

	API_ROLES = ("manager", "owner_a")

	def post_update(self, user, **values):
		return session(user).post(
			f"{self.url}/api/method/ita_tracker.planning.update_step",
			json={"step": self.w.step_a.name, "values": values},
			timeout=60,
		)

	def stored_description(self):
		frappe.db.rollback()  # a new snapshot, which sees what the server committed
		return frappe.db.get_value("ITA Action Step", self.w.step_a.name, "description")

	def test_the_owner_cannot_change_the_planning_in_place(self):
		before = self.stored_description()
		response = self.post_update(self.w.owner_a, description="เจ้าของแก้เอง")
		self.assertEqual(response.status_code, 403, response.text)
		self.assertEqual(response.json()["exc_type"], "RestrictedFieldError", response.text)
		self.assertEqual(self.stored_description(), before)

	def test_the_manager_edits_in_place_until_the_plan_is_submitted(self):
		response = self.post_update(self.w.manager, description="แก้จากหน้าแผน")
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.json()["message"]["description"], "แก้จากหน้าแผน")
		self.assertEqual(self.stored_description(), "แก้จากหน้าแผน")
		self.w.act(self.w.manager, self.w.plan, "Submit for Approval")
		frappe.db.commit()
		response = self.post_update(self.w.manager, description="ระหว่างรออนุมัติ")
		self.assertEqual(response.status_code, 417, response.text)
		self.assertEqual(response.json()["exc_type"], "PlanFrozenError", response.text)
		self.assertEqual(self.stored_description(), "แก้จากหน้าแผน")


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
