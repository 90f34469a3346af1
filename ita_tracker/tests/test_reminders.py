"""The daily reminder job, with frozen dates on both sides of the fiscal-year boundary, run twice a day."""

import frappe
from frappe.query_builder import DocType
from freezegun import freeze_time

from ita_tracker import reminders
from ita_tracker.reminders import DUE_SOON, OVERDUE, send_daily_reminders
from ita_tracker.tests.factories import OUTGOING_ACCOUNT, ITATestCase


# Frozen at mid-day UTC, so that the date is the same in the site's time zone, whichever it is.
class TestReminders(ITATestCase):
	def setUp(self):
		super().setUp()
		frappe.db.set_value("ITA Action Step", self.w.step_a.name, "due_date", "2026-09-30")
		frappe.db.set_value("ITA Action Step", self.w.step_b.name, "due_date", "2026-09-20")
		self.w.approve_plan()
		frappe.get_doc("ITA Settings").update({"days_before_due": 7, "send_email": 1}).save()
		self.queue_mail()

	def alerts(self, user):
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "subject": ("like", "%ITA action steps%")},
			pluck="subject",
		)

	def emails(self, user):
		queue, recipient = DocType("Email Queue"), DocType("Email Queue Recipient")
		return (
			frappe.qb.from_(queue)
			.join(recipient)
			.on(recipient.parent == queue.name)
			.select(queue.name)
			.where(recipient.recipient == user)
			.where(queue.message.like("%ITA action steps%"))
			.run(pluck=True)
		)

	def test_last_days_of_the_fiscal_year(self):
		w = self.w
		with freeze_time("2026-09-28 10:00"):
			sent = send_daily_reminders()
		self.assertEqual(sent[DUE_SOON], [w.owner_a])
		self.assertIn(w.head_b, sent[OVERDUE])
		self.assertIn(w.manager, sent[OVERDUE])
		self.assertNotIn(w.head_a, sent[OVERDUE])
		self.assertEqual(self.alerts(w.owner_a), ["1 ITA action steps are due soon"])
		self.assertEqual(self.alerts(w.owner_b), [])
		self.assertEqual(len(self.emails(w.owner_a)), 1)

		with freeze_time("2026-09-28 14:00"):
			self.assertEqual(send_daily_reminders(), {DUE_SOON: [], OVERDUE: []})
		self.assertEqual(len(self.alerts(w.owner_a)), 1)
		self.assertEqual(len(self.emails(w.owner_a)), 1)

	def test_first_day_of_the_next_fiscal_year(self):
		w = self.w
		with freeze_time("2026-10-01 10:00"):
			sent = send_daily_reminders()
			again = send_daily_reminders()
		self.assertEqual(sent[DUE_SOON], [])
		self.assertTrue({w.head_a, w.head_b, w.manager} <= set(sent[OVERDUE]))
		self.assertEqual(again, {DUE_SOON: [], OVERDUE: []})
		self.assertEqual(self.alerts(w.manager), ["2 ITA action steps are overdue"])

	def test_finished_steps_and_unapproved_plans_are_left_alone(self):
		w = self.w
		frappe.db.set_value("ITA Action Step", w.step_b.name, "status", "Done")
		frappe.db.set_value("ITA Action Step", w.step_a.name, "due_date", "2026-10-30")
		with freeze_time("2026-09-28 10:00"):
			self.assertEqual(send_daily_reminders(), {DUE_SOON: [], OVERDUE: []})

	def test_a_site_without_outgoing_email_still_notifies_in_the_desk(self):
		frappe.db.delete("Email Account", {"email_account_name": OUTGOING_ACCOUNT})
		frappe.flags.mute_emails = False
		with freeze_time("2026-09-28 10:00"):
			self.assertEqual(send_daily_reminders()[DUE_SOON], [self.w.owner_a])
		self.assertEqual(len(self.alerts(self.w.owner_a)), 1)

	def test_a_thai_reader_gets_thai_with_buddhist_era_dates(self):
		frappe.db.set_value("User", self.w.owner_a, "language", "th")
		with freeze_time("2026-09-28 10:00"):
			send_daily_reminders()
		log = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.w.owner_a, "type": "Alert"},
			fields=["subject", "email_content"],
		)
		self.assertEqual(log[0].subject, "ขั้นตอนการดำเนินงาน ITA 1 ขั้นตอนใกล้ครบกำหนด")
		# As every message dates things for a Thai reader (utils.reader_date): Buddhist Era, Arabic digits.
		self.assertIn("30 ก.ย. 2569", log[0].email_content)

	def test_no_email_when_switched_off(self):
		frappe.get_doc("ITA Settings").update({"send_email": 0}).save()
		with freeze_time("2026-09-28 10:00"):
			send_daily_reminders()
		self.assertEqual(len(self.alerts(self.w.owner_a)), 1)
		self.assertEqual(self.emails(self.w.owner_a), [])

	def test_a_digest_is_bounded_whatever_the_number_of_steps(self):
		w = self.w
		self.addCleanup(setattr, reminders, "FIRST_STEPS", reminders.FIRST_STEPS)
		reminders.FIRST_STEPS = 1
		with freeze_time("2026-10-01 10:00"):
			self.assertIn(w.manager, send_daily_reminders()[OVERDUE])
		log = frappe.get_all(
			"Notification Log",
			filters={"for_user": w.manager, "subject": ("like", "%ITA action steps%")},
			fields=["subject", "email_content"],
		)[0]
		self.assertEqual(log.subject, "2 ITA action steps are overdue")
		self.assertEqual(log.email_content.count("/app/ita-action-step/"), 1)
		self.assertIn("and 1 more", log.email_content)
		self.assertIn("/app/ita-action-step?", log.email_content)
		steps = frappe.db.get_value("ITA Reminder Log", {"recipient": w.manager, "kind": OVERDUE}, "steps")
		self.assertEqual(steps, w.step_b.name)  # the oldest first: due on 20 Sep

	def test_one_failing_recipient_does_not_stop_the_others(self):
		w = self.w
		ghost = "ghost@ita-test.example"  # no such user: their notification cannot be stored
		frappe.db.set_value("ITA Division", w.division_b, "head", ghost)
		errors = frappe.db.count("Error Log")
		with freeze_time("2026-10-01 10:00"):
			sent = send_daily_reminders()
		self.assertNotIn(ghost, sent[OVERDUE])
		self.assertTrue({w.head_a, w.manager} <= set(sent[OVERDUE]))
		self.assertEqual(self.alerts(w.head_a), ["1 ITA action steps are overdue"])
		self.assertFalse(frappe.db.exists("ITA Reminder Log", {"recipient": ghost}))
		self.assertEqual(frappe.db.count("Error Log"), errors + 1)
