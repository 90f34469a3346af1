import frappe
from frappe.model.workflow import WorkflowTransitionError

from ita_tracker.demo.loader import load_demo
from ita_tracker.exceptions import (
	IncompletePlanError,
	MissingRejectionReasonError,
	PlanLockedError,
	RestrictedFieldError,
	SelfApprovalError,
)
from ita_tracker.tests.factories import ITATestCase


class TestITAPlanWorkflow(ITATestCase):
	def setUp(self):
		super().setUp()
		self.plan = self.w.plan

	def status(self):
		return frappe.db.get_value("ITA Plan", self.plan.name, ["status", "docstatus"])

	def test_the_whole_path_with_a_rejection(self):
		w = self.w
		self.assertEqual(self.status(), ("Draft", 0))
		w.act(w.manager, self.plan, "Submit for Approval")
		self.assertEqual(self.status(), ("Pending Approval", 0))
		self.assertEqual(frappe.db.get_value("ITA Plan", self.plan.name, "submitted_by"), w.manager)

		frappe.set_user(w.executive)
		plan = frappe.get_doc("ITA Plan", self.plan.name)
		plan.rejection_reason = "ขาดมาตรการของตัวชี้วัดที่ ๑๐"
		plan.save()
		frappe.set_user("Administrator")
		w.act(w.executive, self.plan, "Reject")
		self.assertEqual(self.status(), ("Rejected", 0))
		comments = frappe.get_all(
			"Comment", filters={"reference_name": self.plan.name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertTrue(any("ตัวชี้วัดที่ ๑๐" in comment for comment in comments))

		w.act(w.manager, self.plan, "Revise")
		w.act(w.manager, self.plan, "Submit for Approval")
		self.assertIsNone(frappe.db.get_value("ITA Plan", self.plan.name, "rejection_reason"))
		w.act(w.executive, self.plan, "Approve")
		self.assertEqual(self.status(), ("Approved", 1))
		self.assertEqual(frappe.db.get_value("ITA Plan", self.plan.name, "approved_by"), w.executive)
		w.act(w.manager, self.plan, "Publish")
		self.assertEqual(self.status(), ("Published", 1))

	def test_the_whole_path_on_the_demo_plan(self):
		w = self.w
		plan = frappe.get_doc("ITA Plan", load_demo())
		plan.db_set("status", "Draft")  # the demo may have been taken some way already on this site
		division = frappe.get_doc("ITA Division", {"agency": plan.agency, "division_name": "กองคลัง"})
		division.head = w.head_a
		division.save()
		measure = frappe.get_doc("ITA Measure", {"plan": plan.name, "sequence": 2})
		step = frappe.get_doc("ITA Action Step", {"measure": measure.name, "sequence": 3})
		step.update({"responsible_user": w.owner_a, "division": division.name})
		step.save()

		# The demo names no people: its other steps have no owner, and an incomplete plan is refused.
		with self.assertRaisesRegex(IncompletePlanError, "29 of 30 steps have no owner"):
			w.act(w.manager, plan, "Submit for Approval")
		ownerless = {"plan": plan.name, "responsible_user": ("is", "not set")}
		for name in frappe.get_all("ITA Action Step", filters=ownerless, pluck="name"):
			frappe.db.set_value("ITA Action Step", name, "responsible_user", w.owner_b)
		w.act(w.manager, plan, "Submit for Approval")
		frappe.set_user(w.executive)
		frappe.get_doc("ITA Plan", plan.name).update({"rejection_reason": "ระบุผู้รับผิดชอบรายขั้นตอน"}).save()
		frappe.set_user("Administrator")
		w.act(w.executive, plan, "Reject")
		w.act(w.manager, plan, "Revise")
		w.act(w.manager, plan, "Submit for Approval")
		w.act(w.executive, plan, "Approve")
		w.act(w.manager, plan, "Publish")
		self.assertEqual(
			frappe.db.get_value("ITA Plan", plan.name, ["status", "docstatus"]), ("Published", 1)
		)

		w.act(w.owner_a, step, "Start Work")
		frappe.set_user(w.owner_a)
		frappe.get_doc("ITA Action Step", step.name).update(
			{"evidence_url": "https://example.org/procurement-report.pdf", "completion_date": "2025-10-31"}
		).save()
		frappe.set_user("Administrator")
		w.act(w.owner_a, step, "Report Done")
		w.act(w.head_a, step, "Verify Work")
		self.assertEqual(frappe.db.get_value("ITA Action Step", step.name, "status"), "Verified")
		self.assertEqual(frappe.db.get_value("ITA Measure", measure.name, "status"), "In Progress")

	def test_reject_needs_a_reason(self):
		self.w.act(self.w.manager, self.plan, "Submit for Approval")
		with self.assertRaises(MissingRejectionReasonError):
			self.w.act(self.w.executive, self.plan, "Reject")
		self.assertEqual(self.status(), ("Pending Approval", 0))

	def test_only_an_executive_approves(self):
		w = self.w
		w.act(w.manager, self.plan, "Submit for Approval")
		for user in (w.manager, w.head_a, w.owner_a):
			with self.assertRaises(WorkflowTransitionError):
				w.act(user, self.plan, "Approve")
		self.assertEqual(self.status(), ("Pending Approval", 0))

	def test_no_self_approval(self):
		w = self.w
		both = w.manager_executive
		w.act(both, self.plan, "Submit for Approval")
		with self.assertRaises(SelfApprovalError):
			w.act(both, self.plan, "Approve")
		self.assertEqual(self.status(), ("Pending Approval", 0))

	def test_an_executive_cannot_edit_the_plan(self):
		w = self.w
		w.act(w.manager, self.plan, "Submit for Approval")
		frappe.set_user(w.executive)
		plan = frappe.get_doc("ITA Plan", self.plan.name)
		plan.period_end = "2026-06-30"
		with self.assertRaises(RestrictedFieldError):
			plan.save()
		frappe.set_user("Administrator")
		self.assertEqual(str(frappe.db.get_value("ITA Plan", self.plan.name, "period_end")), "2026-09-30")

	def test_an_executive_cannot_write_a_draft(self):
		frappe.set_user(self.w.executive)
		plan = frappe.get_doc("ITA Plan", self.plan.name)
		plan.rejection_reason = "x"
		with self.assertRaises(frappe.PermissionError):
			plan.save()

	def test_publish_only_once_approved(self):
		w = self.w
		w.act(w.manager, self.plan, "Submit for Approval")
		with self.assertRaises(WorkflowTransitionError):
			w.act(w.manager, self.plan, "Publish")

	def test_approved_plan_is_fixed_until_revised(self):
		w = self.w
		w.approve_plan()
		frappe.set_user(w.manager)
		measure = frappe.get_doc("ITA Measure", w.measure_a.name)
		measure.measure_title = "มาตรการใหม่"
		with self.assertRaises(PlanLockedError):
			measure.save()
		step = frappe.get_doc("ITA Action Step", w.step_a.name)
		step.due_date = "2025-11-30"
		with self.assertRaises(PlanLockedError):
			step.save()
		plan = frappe.get_doc("ITA Plan", self.plan.name)
		plan.period_end = "2026-06-30"
		with self.assertRaises(PlanLockedError):
			plan.save()
		frappe.set_user("Administrator")

		w.act(w.manager, self.plan, "Cancel for Revision")
		frappe.set_user(w.manager)
		revision = frappe.copy_doc(frappe.get_doc("ITA Plan", self.plan.name))
		revision.update({"amended_from": self.plan.name, "docstatus": 0})
		revision.status = "Draft"
		revision.insert()
		frappe.set_user("Administrator")
		# The revision works on copies (ita_tracker/tests/test_revisions.py); the originals stay.
		self.assertEqual(frappe.db.get_value("ITA Measure", w.measure_a.name, "plan"), self.plan.name)
		measure = frappe.get_doc("ITA Measure", {"revised_from": w.measure_a.name})
		self.assertEqual(measure.plan, revision.name)
		measure.measure_title = "มาตรการที่ปรับปรุง"
		measure.save()
		w.act(w.manager, revision, "Submit for Approval")
		w.act(w.executive, revision, "Approve")
		self.assertEqual(frappe.db.get_value("ITA Plan", revision.name, "docstatus"), 1)
