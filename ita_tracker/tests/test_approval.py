"""Approval as the executive meets it: the plan form opens for every role in every state, and submitting,
approving and rejecting tell exactly the people concerned through Frappe's own Notifications."""

import frappe
from frappe.model.workflow import apply_workflow

from ita_tracker.tests.factories import CommittedWorldTestCase, ITATestCase
from ita_tracker.tests.http import session

FINDINGS = "/api/method/ita_tracker.ita_tracker.doctype.ita_plan.ita_plan.get_findings"


class TestPlanFormOverHTTP(CommittedWorldTestCase):
	"""The requests the desk makes when it opens a plan, sent as each role's user: they once answered the
	executive (right after approving) and everyone but the officer with "Not allowed ... (submit)"."""

	def open_plan(self, user):
		client = session(user)
		form = client.get(
			f"{self.url}/api/method/frappe.desk.form.load.getdoc",
			params={"doctype": "ITA Plan", "name": self.w.plan.name},
			timeout=60,
		)
		findings = client.post(f"{self.url}{FINDINGS}", data={"plan": self.w.plan.name}, timeout=60)
		return form, findings

	def assert_every_role_opens_the_plan(self, state):
		w = self.w
		self.assertEqual(frappe.db.get_value("ITA Plan", w.plan.name, "status"), state)
		for user in (w.manager, w.executive, w.head_a, w.owner_a):
			for response in self.open_plan(user):
				with self.subTest(state=state, user=user, url=response.url):
					self.assertEqual(response.status_code, 200, response.text)
					self.assertNotIn("exc", response.json())

	def test_every_role_opens_the_plan_in_every_state(self):
		w = self.w
		self.assert_every_role_opens_the_plan("Draft")
		w.act(w.manager, w.plan, "Submit for Approval")
		frappe.db.commit()
		self.assert_every_role_opens_the_plan("Pending Approval")
		w.act(w.executive, w.plan, "Approve")
		frappe.db.commit()
		self.assert_every_role_opens_the_plan("Approved")
		w.act(w.manager, w.plan, "Publish")
		frappe.db.commit()
		self.assert_every_role_opens_the_plan("Published")

	def test_findings_are_for_readers_only(self):
		response = session().post(f"{self.url}{FINDINGS}", data={"plan": self.w.plan.name}, timeout=60)
		self.assertEqual(response.status_code, 403, response.text)


class TestApprovalNotifications(ITATestCase):
	"""Notification Log rows (the desk's bell) written by the standard Notifications in
	ita_tracker/ita_tracker/notification/, for exactly the people concerned."""

	WITH_OTHER_AGENCY = True

	def setUp(self):
		super().setUp()
		# Each executive is restricted to their own agency, but for the team's manager_executive.
		restricted = (
			(self.w.executive, self.w.agency),
			(self.other.executive, self.other.agency),
			(self.other.manager_executive, self.other.agency),
		)
		for user, agency in restricted:
			self.restrict_to_agency(user, agency)

	def people(self) -> set[str]:
		"""The users of both teams: the site may hold other executives, unrestricted, from other tests."""
		return set(vars(self.team).values()) | set(vars(self.other_team).values())

	def notified(self, plan=None):
		"""The users of both teams who were notified about the plan."""
		people = self.people()
		users = frappe.get_all(
			"Notification Log",
			filters={"document_type": "ITA Plan", "document_name": (plan or self.w.plan).name},
			pluck="for_user",
		)
		return sorted(user for user in users if user in people)

	def act(self, user, action):
		frappe.set_user(user)
		try:
			return apply_workflow(frappe.get_doc("ITA Plan", self.w.plan.name), action)
		finally:
			frappe.set_user("Administrator")

	def test_submitting_tells_the_executives_of_the_agency(self):
		self.act(self.w.manager, "Submit for Approval")
		# The unrestricted manager_executive may decide on every agency's plans; the other agency's
		# executive may not; the submitter is not told about their own submission.
		self.assertEqual(self.notified(), sorted([self.w.executive, self.w.manager_executive]))

	def test_the_submitter_is_not_among_the_approvers(self):
		self.act(self.w.manager_executive, "Submit for Approval")
		self.assertEqual(self.notified(), [self.w.executive])

	def test_approving_tells_the_submitter(self):
		self.act(self.w.manager, "Submit for Approval")
		frappe.db.delete("Notification Log", {"document_name": self.w.plan.name})
		self.act(self.w.executive, "Approve")
		self.assertEqual(self.notified(), [self.w.manager])

	def test_rejecting_tells_the_submitter_why(self):
		self.act(self.w.manager, "Submit for Approval")
		frappe.db.delete("Notification Log", {"document_name": self.w.plan.name})
		# As the desk does it: the reason is saved first, then the action runs.
		self.save_as(self.w.executive, "ITA Plan", self.w.plan.name, rejection_reason="ตัวชี้วัดที่ 5 ยังไม่มีมาตรการ")
		self.act(self.w.executive, "Reject")
		self.assertEqual(self.notified(), [self.w.manager])
		log = frappe.get_last_doc("Notification Log", filters={"document_name": self.w.plan.name})
		self.assertIn("ตัวชี้วัดที่ 5 ยังไม่มีมาตรการ", log.email_content)
		self.assertIn(self.w.plan.title, log.subject)

	def queued_emails(self):
		queued = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "ITA Plan", "reference_name": self.w.plan.name},
			pluck="name",
		)
		recipients = frappe.get_all(
			"Email Queue Recipient", filters={"parent": ("in", queued or [""])}, pluck="recipient"
		)
		return sorted(set(recipients) & self.people())

	def test_without_an_outgoing_account_the_bell_alone_and_no_error(self):
		frappe.clear_messages()
		self.act(self.w.manager, "Submit for Approval")
		self.assertEqual(self.queued_emails(), [])
		self.assertEqual(self.notified(), sorted([self.w.executive, self.w.manager_executive]))
		self.assertNotIn("Email Account", str(frappe.get_message_log()))

	def test_with_an_outgoing_account_an_email_too(self):
		# An outgoing account from the site's config, as `bench set-config mail_server` gives one.
		frappe.conf.mail_server = "localhost"
		self.addCleanup(self.forget_outgoing_account)
		self.act(self.w.manager, "Submit for Approval")
		self.assertEqual(self.queued_emails(), sorted([self.w.executive, self.w.manager_executive]))
		self.assertEqual(self.notified(), sorted([self.w.executive, self.w.manager_executive]))

	def forget_outgoing_account(self):
		frappe.conf.pop("mail_server", None)
		# Frappe keeps the account it found for the rest of the request (here: of the test process).
		frappe.local.outgoing_email_account = {}
