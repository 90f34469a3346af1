"""Hand-offs of a step (issue 17): Report Done tells the head who verifies it and puts the step in their
ToDo list; Verify and Reopen tell the owner. Only people of the step's agency hear of it; the workspace's
card counts and opens what waits for the user's verification."""

import frappe

from ita_tracker.dashboards import steps_awaiting_verification
from ita_tracker.tests.factories import ITATestCase

STEP = "ITA Action Step"


class TestStepHandOffs(ITATestCase):
	WITH_OTHER_AGENCY = True

	def setUp(self):
		super().setUp()
		for world in (self.w, self.other):
			for user in vars(world.team).values():
				if user != world.manager_executive:
					self.restrict_to_agency(user, world.agency)
		w = self.w
		w.approve_plan()
		self.step = w.step_a
		w.act(w.owner_a, self.step, "Start Work")
		self.save_as(w.owner_a, STEP, self.step.name, evidence_url="https://example.org/minutes.pdf")
		frappe.db.delete("Notification Log", {"document_type": STEP})

	def people(self) -> set[str]:
		return set(vars(self.team).values()) | set(vars(self.other_team).values())

	def told(self, step=None) -> list[str]:
		"""Who of both teams got a Notification about the step (the desk's bell)."""
		users = frappe.get_all(
			"Notification Log",
			filters={"document_type": STEP, "document_name": (step or self.step).name, "type": "Alert"},
			pluck="for_user",
		)
		return sorted(set(users) & self.people())

	def todos(self, status="Open") -> list[str]:
		return sorted(
			frappe.get_all(
				"ToDo",
				filters={"reference_type": STEP, "reference_name": self.step.name, "status": status},
				pluck="allocated_to",
			)
		)

	def waiting_for(self, user) -> int:
		frappe.set_user(user)
		try:
			card = steps_awaiting_verification()
			# The card opens the list with these filters: it lists exactly what the card counts.
			filters = [
				[key.split(".")[0] if "." in key else STEP, key.split(".")[-1], *value]
				for key, value in card["route_options"].items()
			]
			self.assertEqual(len(set(frappe.get_list(STEP, filters=filters, pluck="name"))), card["value"])
			return card["value"]
		finally:
			frappe.set_user("Administrator")

	def test_report_done_tells_the_head_and_gives_them_a_todo(self):
		w = self.w
		w.act(w.owner_a, self.step, "Report Done")
		self.assertEqual(self.told(), [w.head_a])
		self.assertEqual(self.todos(), [w.head_a])
		log = frappe.get_last_doc("Notification Log", filters={"for_user": w.head_a, "type": "Alert"})
		description = frappe.db.get_value(STEP, self.step.name, "description")
		self.assertIn(description, log.subject)
		self.assertIn(frappe.utils.get_fullname(w.owner_a), log.email_content)

	def test_verify_tells_the_owner_and_closes_the_heads_todo(self):
		w = self.w
		w.act(w.owner_a, self.step, "Report Done")
		frappe.db.delete("Notification Log", {"document_type": STEP})
		w.act(w.head_a, self.step, "Verify Work")
		self.assertEqual(self.told(), [w.owner_a])
		self.assertEqual(self.todos(), [])
		self.assertIn(w.head_a, self.todos("Closed"))

	def test_reopen_tells_the_owner_and_gives_the_step_back(self):
		w = self.w
		w.act(w.owner_a, self.step, "Report Done")
		frappe.db.delete("Notification Log", {"document_type": STEP})
		w.act(w.head_a, self.step, "Reopen")
		self.assertEqual(self.told(), [w.owner_a])
		self.assertEqual(self.todos(), [w.owner_a])

	def test_start_work_tells_nobody(self):
		self.assertEqual(self.told(), [])

	def test_without_a_head_who_may_verify_the_agencys_managers_are_told(self):
		"""The head owns the step: the ITA Manager of the agency verifies it, not the other agency's, and not
		the unrestricted manager_executive while the agency has managers of its own."""
		w = self.w
		frappe.db.set_value(STEP, self.step.name, "responsible_user", w.head_a)
		w.act(w.head_a, self.step, "Report Done")
		self.assertEqual(self.told(), [w.manager])
		self.assertEqual(self.todos(), [w.manager])

	def test_with_an_outgoing_account_an_email_too(self):
		w = self.w
		self.queue_mail()
		w.act(w.owner_a, self.step, "Report Done")
		queued = frappe.get_all(
			"Email Queue", filters={"reference_doctype": STEP, "reference_name": self.step.name}, pluck="name"
		)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": ("in", queued or [""])}, pluck="recipient"
		)
		self.assertEqual(sorted(set(recipients) & self.people()), [w.head_a])

	def test_the_waiting_card_counts_what_waits_for_each_user(self):
		w, other = self.w, self.other
		self.assertEqual(self.waiting_for(w.head_a), 0)
		w.act(w.owner_a, self.step, "Report Done")
		self.assertEqual(self.waiting_for(w.head_a), 1)
		self.assertEqual(self.waiting_for(w.manager), 1)
		for user in (w.head_b, w.owner_a, w.owner_b, other.manager, other.head_a):
			with self.subTest(user=user):
				self.assertEqual(self.waiting_for(user), 0)
		w.act(w.head_a, self.step, "Verify Work")
		self.assertEqual(self.waiting_for(w.head_a), 0)
