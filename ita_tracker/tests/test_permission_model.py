"""The permission model of ita_tracker/permissions.py (the README's table), walked as real users, with
the bypasses an adversary tried: each case here failed before the model was gathered."""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import (
	AgencyNotPermittedError,
	PlanFrozenError,
	PlanLockedError,
	SelfVerificationError,
	VerifiedStepLockedError,
)
from ita_tracker.permissions import PLAN_STATES
from ita_tracker.reminders import OVERDUE, send_daily_reminders
from ita_tracker.tests.factories import (
	ITATestCase,
	PlanWorld,
	Team,
	delete_team,
	delete_world,
	make_indicator_result,
	make_step,
)
from ita_tracker.tests.http import api_keys, session, site_url

EVIDENCE = {"completion_date": "2025-11-15", "evidence_url": "https://example.org/evidence"}


class PermissionCase(ITATestCase):
	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")

	def act(self, user, doctype, name, action, **changes):
		frappe.set_user(user)
		try:
			doc = frappe.get_doc(doctype, name)
			doc.update(changes)
			return apply_workflow(doc, action)
		finally:
			frappe.set_user("Administrator")

	def finish_step(self, step, user):
		"""As the desk does it: start, save the evidence, mark done."""
		self.act(user, "ITA Action Step", step.name, "Start Work")
		self.save_as(user, "ITA Action Step", step.name, **EVIDENCE)
		self.act(user, "ITA Action Step", step.name, "Report Done")


class TestReach(PermissionCase):
	def test_head_cannot_pull_another_divisions_step_into_their_own(self):
		w = self.w
		with self.assertRaises(frappe.PermissionError):
			self.save_as(w.head_a, "ITA Action Step", w.step_b.name, division=w.division_a)
		self.assertEqual(frappe.db.get_value("ITA Action Step", w.step_b.name, "division"), w.division_b)

	def test_head_cannot_pull_another_divisions_measure_into_their_own(self):
		w = self.w
		with self.assertRaises(frappe.PermissionError):
			self.save_as(
				w.head_a,
				"ITA Measure",
				w.measure_b.name,
				responsible_divisions=[{"division": w.division_a}],
			)

	def test_head_cannot_push_their_step_out_of_reach(self):
		w = self.w
		with self.assertRaises(frappe.PermissionError):
			self.save_as(w.head_a, "ITA Action Step", w.step_a.name, division=w.division_b)

	def test_owner_cannot_hand_their_step_to_someone_else(self):
		w = self.w
		w.approve_plan()
		with self.assertRaises(frappe.PermissionError):
			self.save_as(w.owner_a, "ITA Action Step", w.step_a.name, responsible_user=w.owner_b)


class TestVerification(PermissionCase):
	def setUp(self):
		super().setUp()
		self.w.approve_plan()

	def test_user_and_head_cannot_verify_their_own_step_elsewhere(self):
		w = self.w
		both = frappe.get_doc("User", w.head_b)
		both.add_roles("ITA User")
		self.addCleanup(both.remove_roles, "ITA User")
		frappe.db.set_value("ITA Action Step", w.step_a.name, "responsible_user", w.head_b)
		self.finish_step(w.step_a, w.head_b)
		with self.assertRaises(frappe.PermissionError):
			self.act(w.head_b, "ITA Action Step", w.step_a.name, "Verify Work")
		self.assertEqual(frappe.db.get_value("ITA Action Step", w.step_a.name, "status"), "Done")

	def test_owner_never_verifies_their_own_step_even_as_manager(self):
		w = self.w
		frappe.db.set_value("ITA Action Step", w.step_a.name, "responsible_user", w.manager)
		self.finish_step(w.step_a, w.manager)
		with self.assertRaises(SelfVerificationError):
			self.act(w.manager, "ITA Action Step", w.step_a.name, "Verify Work")

	def test_head_verifies_and_a_verified_step_is_read_only_until_reopened(self):
		w = self.w
		self.finish_step(w.step_a, w.owner_a)
		self.act(w.head_a, "ITA Action Step", w.step_a.name, "Verify Work")
		with self.assertRaises(VerifiedStepLockedError):
			self.save_as(
				w.owner_a, "ITA Action Step", w.step_a.name, evidence_url="https://example.org/other"
			)
		with self.assertRaises(VerifiedStepLockedError):
			self.save_as(w.manager, "ITA Action Step", w.step_a.name, completion_date="2025-12-01")
		self.act(w.head_a, "ITA Action Step", w.step_a.name, "Reopen")
		self.assertEqual(frappe.db.get_value("ITA Action Step", w.step_a.name, "status"), "In Progress")


class TestPlanStates(PermissionCase):
	def test_pending_approval_freezes_plan_measures_and_steps(self):
		w = self.w
		w.act(w.manager, w.plan, "Submit for Approval")
		with self.assertRaises(PlanFrozenError):
			self.save_as(w.manager, "ITA Measure", w.measure_a.name, measure_title="แก้ระหว่างรออนุมัติ")
		with self.assertRaises(PlanFrozenError):
			self.save_as(w.manager, "ITA Action Step", w.step_a.name, description="แก้ระหว่างรออนุมัติ")
		with self.assertRaises(PlanFrozenError):
			self.save_as(w.manager, "ITA Plan", w.plan.name, period_end="2026-06-30")
		self.as_user(w.manager)
		with self.assertRaises(PlanFrozenError):
			make_step(w.measure_a)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("ITA Action Step", w.step_a.name)
		frappe.set_user("Administrator")
		w.act(w.executive, w.plan, "Approve")
		self.assertEqual(frappe.db.get_value("ITA Plan", w.plan.name, "status"), "Approved")

	def test_approved_plan_refuses_deletes_and_keeps_its_approval_fields(self):
		w = self.w
		w.approve_plan()
		self.as_user(w.manager)
		for doctype, name in (("ITA Action Step", w.step_a.name), ("ITA Measure", w.measure_a.name)):
			with self.assertRaises(frappe.PermissionError):
				frappe.delete_doc(doctype, name)
		frappe.set_user("Administrator")
		plan = self.save_as(w.manager, "ITA Plan", w.plan.name, approved_by=w.manager, submitted_by=w.head_a)
		stored = frappe.db.get_value("ITA Plan", plan.name, ["approved_by", "submitted_by"], as_dict=True)
		self.assertEqual((stored.approved_by, stored.submitted_by), (w.executive, w.manager))
		with self.assertRaises(PlanLockedError):
			self.save_as(w.manager, "ITA Action Step", w.step_a.name, due_date="2025-11-30")

	def test_cancelled_plan_changes_no_more(self):
		w = self.w
		w.approve_plan()
		w.act(w.manager, w.plan, "Cancel for Revision")
		with self.assertRaises((PlanFrozenError, PlanLockedError)):
			self.save_as(w.manager, "ITA Measure", w.measure_a.name, measure_title="หลังยกเลิก")
		self.as_user(w.manager)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("ITA Plan", w.plan.name)

	def test_the_assessment_and_results_a_submitted_plan_prints_change_only_in_a_revision(self):
		w = self.w
		spare = make_indicator_result(w.assessment, "3", 90, [("i8", 87.65)])
		w.act(w.manager, w.plan, "Submit for Approval")
		with self.assertRaises(PlanFrozenError):
			self.save_as(w.manager, "ITA Assessment", w.assessment.name, overall_score=99)
		with self.assertRaises(PlanFrozenError):
			self.save_as(w.manager, "ITA Indicator Result", w.results[0].name, analysis="แก้ระหว่างรออนุมัติ")
		w.act(w.executive, w.plan, "Approve")
		self.as_user(w.manager)
		result = frappe.get_doc("ITA Indicator Result", spare.name)
		result.weak_questions[0].score = 12
		with self.assertRaises(PlanLockedError):
			result.save()
		with self.assertRaises(PlanLockedError):
			make_indicator_result(w.assessment, "4", 95)
		with self.assertRaises(PlanLockedError):
			frappe.delete_doc("ITA Indicator Result", spare.name)
		frappe.set_user("Administrator")
		w.revise()
		self.save_as(w.manager, "ITA Assessment", w.assessment.name, overall_score=88.5)
		self.assertEqual(frappe.db.get_value("ITA Assessment", w.assessment.name, "overall_score"), 88.5)

	def test_the_state_table_names_every_workflow_state(self):
		states = set(
			frappe.get_all("Workflow Document State", {"parent": "ITA Plan Approval"}, pluck="state")
		)
		self.assertEqual(states, set(PLAN_STATES))


class TestAgencies(PermissionCase):
	"""A site with two agencies; the team's manager and executive are restricted to the first by User
	Permissions, as an administrator gives a user one agency; the other agency has its own team."""

	WITH_OTHER_AGENCY = True

	def setUp(self):
		super().setUp()
		for user in (self.w.manager, self.w.executive):
			self.restrict_to_agency(user, self.w.agency)

	def test_lists_counts_and_forms_keep_to_the_users_agency(self):
		w, other = self.w, self.other
		self.as_user(w.manager)
		steps = set(frappe.get_list("ITA Action Step", pluck="name"))
		self.assertIn(w.step_a.name, steps)
		self.assertNotIn(other.step_a.name, steps)
		from ita_tracker.permissions import get_count

		self.assertEqual(get_count("ITA Plan", {"name": other.plan.name}), 0)
		self.assertEqual(get_count("ITA Plan", {"name": w.plan.name}), 1)
		self.assertFalse(frappe.has_permission("ITA Plan", "read", doc=other.plan.name))

	def test_reports_refuse_another_agency_even_as_a_filter(self):
		from frappe.desk.query_report import run

		w, other = self.w, self.other
		w.approve_plan()
		other.approve_plan()
		self.as_user(w.manager)
		for report in ("ITA Implementation Status by Division", "ITA Overdue Action Steps"):
			with self.assertRaises(AgencyNotPermittedError):
				run(report, filters={"agency": other.agency})
			rows = run(report, filters={})["result"]
			self.assertNotIn(other.agency, str(rows))
		with self.assertRaises(AgencyNotPermittedError):
			run("ITA Indicator Scores by Year", filters={"agency": other.agency})

	def test_executive_cannot_decide_on_another_agencys_plan(self):
		w, other = self.w, self.other
		other.act(other.manager, other.plan, "Submit for Approval")
		with self.assertRaises(frappe.PermissionError):
			self.act(w.executive, "ITA Plan", other.plan.name, "Approve")
		self.assertEqual(frappe.db.get_value("ITA Plan", other.plan.name, "status"), "Pending Approval")

	def test_reminders_keep_to_the_recipients_agency(self):
		w, other = self.w, self.other
		for world in (w, other):
			for step in (world.step_a, world.step_b):
				frappe.db.set_value("ITA Action Step", step.name, "due_date", "2025-10-02")
			world.approve_plan()
		# In the desk only: e-mail is tested in test_reminders.py with an outgoing account.
		frappe.db.set_single_value("ITA Settings", "send_email", 0)
		send_daily_reminders("2026-03-02")
		logs = frappe.get_all(
			"ITA Reminder Log", filters={"recipient": w.manager, "kind": OVERDUE}, pluck="steps"
		)
		told = "\n".join(logs)
		self.assertIn(w.step_a.name, told)
		self.assertNotIn(other.step_a.name, told)


class TestOverHTTP(FrappeTestCase):
	"""The same bypasses as an adversary sends them: PUTs and counts against the real web server."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = PlanWorld(Team())
		cls.other = PlanWorld(Team())
		cls.restriction = frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": cls.w.manager,
				"allow": "ITA Agency",
				"for_value": cls.w.agency,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
		for user in (cls.w.manager, cls.w.head_a):
			api_keys(user)
		cls.url = site_url()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.delete_doc("User Permission", cls.restriction.name, ignore_permissions=True)
		for world in (cls.w, cls.other):
			delete_world(world)
			delete_team(world.team)
		frappe.db.commit()
		super().tearDownClass()

	def test_head_cannot_pull_another_divisions_step_with_one_put(self):
		w = self.w
		response = session(w.head_a).put(
			f"{self.url}/api/resource/ITA Action Step/{w.step_b.name}",
			json={"division": w.division_a},
			timeout=60,
		)
		self.assertEqual(response.status_code, 403, response.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("ITA Action Step", w.step_b.name, "division"), w.division_b)

	def test_get_count_keeps_to_the_users_agency(self):
		response = session(self.w.manager).get(
			f"{self.url}/api/method/frappe.client.get_count",
			params={"doctype": "ITA Action Step", "filters": json.dumps({"agency": self.other.agency})},
			timeout=60,
		)
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(response.json()["message"], 0)

	def test_reports_answer_another_agency_with_403(self):
		response = session(self.w.manager).get(
			f"{self.url}/api/method/frappe.desk.query_report.run",
			params={
				"report_name": "ITA Overdue Action Steps",
				"filters": json.dumps({"agency": self.other.agency}),
			},
			timeout=60,
		)
		self.assertEqual(response.status_code, 403, response.text)
