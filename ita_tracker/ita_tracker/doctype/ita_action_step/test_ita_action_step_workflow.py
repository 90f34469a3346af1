import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import today

from ita_tracker.exceptions import EvidenceRequiredError, PlanNotApprovedError
from ita_tracker.tests.factories import ITATestCase


def todos(step, status="Open"):
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": "ITA Action Step", "reference_name": step.name, "status": status},
		pluck="allocated_to",
	)


class TestITAActionStepWorkflow(ITATestCase):
	def setUp(self):
		super().setUp()
		self.step = self.w.step_a

	def report(self, user, **fields):
		frappe.set_user(user)
		try:
			step = frappe.get_doc("ITA Action Step", self.step.name)
			step.update(fields)
			step.save()
		finally:
			frappe.set_user("Administrator")

	def state(self):
		return frappe.db.get_value("ITA Action Step", self.step.name, "status")

	def test_owner_starts_reports_and_finishes_then_the_head_verifies(self):
		w = self.w
		w.approve_plan()
		w.act(w.owner_a, self.step, "Start Work")
		self.assertEqual(frappe.db.get_value("ITA Measure", w.measure_a.name, "status"), "In Progress")
		self.report(
			w.owner_a,
			progress=60,
			evidence_url="https://example.org/evidence.pdf",
			completion_date="2025-12-20",
		)
		w.act(w.owner_a, self.step, "Report Done")
		self.assertEqual(
			(self.state(), frappe.db.get_value("ITA Action Step", self.step.name, "progress")), ("Done", 100)
		)
		self.assertEqual(frappe.db.get_value("ITA Measure", w.measure_a.name, "status"), "Done")
		# The owner's part is over; the step waits in the verifying head's ToDo list.
		self.assertEqual(todos(self.step), [w.head_a])
		self.assertEqual(todos(self.step, "Closed"), [w.owner_a])
		w.act(w.head_a, self.step, "Verify Work")
		self.assertEqual(self.state(), "Verified")
		self.assertEqual(todos(self.step), [])
		self.assertEqual(frappe.db.get_value("ITA Measure", w.measure_a.name, "status"), "Verified")

	def test_no_step_starts_before_the_plan_is_approved(self):
		# The workflow does not offer Start Work before the plan is approved (the transition's condition)...
		with self.assertRaises(WorkflowTransitionError):
			self.w.act(self.w.owner_a, self.step, "Start Work")
		self.assertEqual(self.state(), "Not Started")
		# ...and the document layer refuses the state, whatever the door.
		step = frappe.get_doc("ITA Action Step", self.step.name)
		step.status = "In Progress"
		with self.assertRaises(PlanNotApprovedError):
			step.validate_plan_approved_to_start()

	def test_done_needs_evidence_and_is_completed_today_unless_dated(self):
		w = self.w
		w.approve_plan()
		w.act(w.owner_a, self.step, "Start Work")
		with self.assertRaisesRegex(EvidenceRequiredError, "evidence"):
			w.act(w.owner_a, self.step, "Report Done")
		self.assertEqual(self.state(), "In Progress")
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "evidence.txt",
				"content": b"minutes of the meeting",
				"attached_to_doctype": "ITA Action Step",
				"attached_to_name": self.step.name,
			}
		).insert(ignore_permissions=True)
		w.act(w.owner_a, self.step, "Report Done")
		self.assertEqual(self.state(), "Done")
		self.assertEqual(
			str(frappe.db.get_value("ITA Action Step", self.step.name, "completion_date")), today()
		)

	def test_a_completion_date_given_is_kept(self):
		w = self.w
		w.approve_plan()
		w.act(w.owner_a, self.step, "Start Work")
		self.report(w.owner_a, evidence_url="https://example.org/e", completion_date="2025-12-20")
		w.act(w.owner_a, self.step, "Report Done")
		self.assertEqual(
			str(frappe.db.get_value("ITA Action Step", self.step.name, "completion_date")), "2025-12-20"
		)

	def test_an_owner_cannot_verify(self):
		w = self.w
		w.approve_plan()
		w.act(w.owner_a, self.step, "Start Work")
		self.report(w.owner_a, evidence_url="https://example.org/e", completion_date="2025-12-20")
		w.act(w.owner_a, self.step, "Report Done")
		with self.assertRaises(WorkflowTransitionError):
			w.act(w.owner_a, self.step, "Verify Work")
		self.assertEqual(self.state(), "Done")

	def test_the_head_of_another_division_cannot_verify(self):
		w = self.w
		w.approve_plan()
		w.act(w.owner_a, self.step, "Start Work")
		self.report(w.owner_a, evidence_url="https://example.org/e", completion_date="2025-12-20")
		w.act(w.owner_a, self.step, "Report Done")
		with self.assertRaises(frappe.PermissionError):
			w.act(w.head_b, self.step, "Verify Work")
		self.assertEqual(self.state(), "Done")

	def test_another_user_cannot_report_on_the_step(self):
		self.w.approve_plan()
		with self.assertRaises(frappe.PermissionError):
			self.report(self.w.owner_b, progress=50)
		self.assertEqual(frappe.db.get_value("ITA Action Step", self.step.name, "progress"), 0)

	def test_the_owner_cannot_replan_the_step(self):
		"""The planning is above the owner's permission level (the form shows it read-only): what they send
		of it with their progress is not stored, and their progress is. Handing the step to someone else is
		refused outright: the record sent would no longer be theirs to write."""
		self.report(self.w.owner_a, description="ขั้นตอนใหม่", due_date="2025-11-01", progress=30)
		with self.assertRaises(frappe.PermissionError):
			self.report(self.w.owner_a, responsible_user=self.w.owner_b)
		self.assertEqual(
			frappe.db.get_value(
				"ITA Action Step", self.step.name, ["description", "responsible_user", "due_date", "progress"]
			),
			(self.step.description, self.w.owner_a, self.step.due_date, 30),
		)

	def test_the_owner_holds_an_assignment_that_moves_with_the_owner(self):
		w = self.w
		self.assertEqual(todos(self.step), [w.owner_a])
		self.report(w.head_a, responsible_user=w.owner_b)
		self.assertEqual(todos(self.step), [w.owner_b])
		self.assertEqual(todos(self.step, "Cancelled"), [w.owner_a])

	def test_the_measure_owner_is_assigned_too(self):
		assigned = frappe.get_all(
			"ToDo",
			filters={
				"reference_type": "ITA Measure",
				"reference_name": self.w.measure_a.name,
				"status": "Open",
			},
			pluck="allocated_to",
		)
		self.assertEqual(assigned, [self.w.head_a])
