"""What the app hooks into Frappe's generic paths leaves other apps' DocTypes and reports as Frappe serves
them: its overrides of whitelisted methods hand anything not of the app to Frappe's own function with the
same arguments, and its document events are registered for its own DocTypes only. Frappe's own tests of
those paths run in test_frappe_doors_untouched.py."""

import frappe
from frappe.client import get_count as frappes_get_count
from frappe.desk.query_report import run as frappes_run
from frappe.tests.utils import FrappeTestCase

from ita_tracker import definitions
from ita_tracker.exceptions import TextTooLongError
from ita_tracker.permissions import get_count, run_report
from ita_tracker.tests.factories import make_user


def outcome(call):
	"""What a call answers: its result, or the class of its error."""
	try:
		return call()
	except Exception as error:
		frappe.db.rollback(save_point="outcome")
		return type(error)


class TestOverridesOfOtherApps(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("outcome")

	def assert_same(self, ours, frappes):
		self.assertEqual(outcome(ours), outcome(frappes))

	def test_get_count_of_another_doctype_is_frappes(self):
		for doctype, filters in (
			("ToDo", None),
			("ToDo", '{"status": "Open"}'),
			("DocType", [["module", "=", "Core"]]),
			("No Such DocType", None),
		):
			with self.subTest(doctype=doctype, filters=filters):
				self.assert_same(
					lambda d=doctype, f=filters: get_count(d, f),
					lambda d=doctype, f=filters: frappes_get_count(d, f),
				)

	def test_another_apps_report_answers_as_frappes_run(self):
		"""Frappe's run reads the rows of a report as the `user` it is given (their User Permissions on the
		rows' links, their prepared results), not as the session's user."""
		todos = [
			frappe.get_doc({"doctype": "ToDo", "description": f"not the app's {n}"}).insert() for n in (1, 2)
		]
		other = make_user("ITA User", first_name="Other")
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": other,
				"allow": "ToDo",
				"for_value": todos[0].name,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
		for user in (None, other):
			with self.subTest(user=user):
				ours = run_report("ToDo", "{}", user)
				frappes = frappes_run("ToDo", "{}", user)
				self.assertEqual(ours["result"], frappes["result"])
		self.assertNotIn(todos[1].name, {row["id"] for row in frappes_run("ToDo", "{}", other)["result"]})


class TestDocumentEventsOfTheApp(FrappeTestCase):
	def test_the_text_check_runs_for_the_apps_doctypes_only(self):
		events = frappe.get_hooks("doc_events", app_name="ita_tracker")
		self.assertNotIn("*", events)
		for doctype in definitions.parent_doctypes():
			with self.subTest(doctype=doctype):
				self.assertIn("ita_tracker.findings.validate_text_lengths", events[doctype]["validate"])
		# A DocType of the master data shared by every agency: a text past MariaDB's TEXT column.
		template = frappe.get_last_doc("ITA Measure Template")
		with self.assertRaises(TextTooLongError):
			template.update({"analysis": "ก" * 30_000}).save()
