"""Every step has its dates, whatever the door, and a date sent as the desk shows it is refused naming the
YYYY-MM-DD date it means (rules/typed_dates.py). The plan world's plan is of fiscal year 2569
(2025-10-01 - 2026-09-30); its steps run 2025-10-01 - 2025-12-31."""

import html
import json
import re
from datetime import date

import frappe

from ita_tracker.exceptions import StepDatesMissingError
from ita_tracker.tests.factories import CommittedWorldTestCase, ITATestCase, make_step
from ita_tracker.tests.http import session


def messages(response) -> str:
	shown = [
		json.loads(message)["message"]
		for message in json.loads(response.json().get("_server_messages", "[]"))
	]
	return html.unescape(re.sub("<[^>]+>", "", " ".join(shown)))


class TestStepDatesOverHTTP(CommittedWorldTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.date_format = frappe.db.get_default("date_format")
		frappe.db.set_default("date_format", "dd-mm-yyyy")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.set_default("date_format", cls.date_format)
		frappe.db.commit()
		super().tearDownClass()

	def request(self, method, path, data, lang="en"):
		return session(self.w.manager).request(
			method, f"{self.url}/api/resource/{path}", json={**data, "_lang": lang}, timeout=60
		)

	def assertRefused(self, response, exc_type, *texts):
		self.assertEqual(
			(response.status_code, response.json().get("exc_type")), (417, exc_type), response.text
		)
		for text in texts:
			self.assertIn(text, messages(response))

	def test_a_step_without_its_dates_is_refused_through_the_rest_api(self):
		new_step = {"measure": self.w.measure_a.name, "description": "ขั้นตอนไม่มีวันที่"}
		for missing, data in (
			("Starts On, Due On", new_step),
			("Due On", {**new_step, "start_date": "2025-10-01"}),
			("Starts On", {**new_step, "due_date": "2025-12-31"}),
		):
			with self.subTest(missing):
				created = self.request("POST", "ITA Action Step", data)
				self.assertRefused(created, "StepDatesMissingError", f"needs {missing}")
		cleared = self.request("PUT", f"ITA Action Step/{self.w.step_a.name}", {"due_date": None}, lang="th")
		self.assertRefused(cleared, "StepDatesMissingError", "ต้องมี กำหนดเสร็จ")
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("ITA Action Step", self.w.step_a.name, "due_date"), date(2025, 12, 31)
		)
		self.assertFalse(frappe.db.exists("ITA Action Step", {"description": "ขั้นตอนไม่มีวันที่"}))

	def test_a_date_sent_as_the_desk_shows_it_is_refused_naming_the_date_to_send(self):
		for typed in ("15-01-2569", "๑๕-๐๑-๒๕๖๙", "15-01-2026"):
			with self.subTest(typed):
				response = self.request("PUT", f"ITA Action Step/{self.w.step_a.name}", {"due_date": typed})
				self.assertRefused(
					response, "InvalidDateError", f"Due On: {typed} is not a date", "YYYY-MM-DD", "2026-01-15"
				)
		in_thai = self.request(
			"PUT", f"ITA Action Step/{self.w.step_a.name}", {"due_date": "15-01-2569"}, "th"
		)
		self.assertRefused(in_thai, "InvalidDateError", "2026-01-15", "15 ม.ค. 2569")
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("ITA Action Step", self.w.step_a.name, "due_date"), date(2025, 12, 31)
		)


class TestStepDates(ITATestCase):
	def test_the_step_form_requires_both_dates(self):
		meta = frappe.get_meta("ITA Action Step")
		self.assertEqual([meta.get_field(f).reqd for f in ("start_date", "due_date")], [1, 1])
		with self.assertRaises(StepDatesMissingError):
			make_step(self.w.measure_a, due_date=None)

	def test_steps_stored_without_dates_get_their_measures_period(self):
		from ita_tracker.patches import fill_step_dates

		w = self.w
		w.measure_a.db_set({"period_start": date(2025, 11, 1), "period_end": date(2026, 3, 31)})
		undated = make_step(w.measure_a)
		half_dated = make_step(w.measure_a, start_date=date(2025, 12, 1), due_date=date(2026, 1, 31))
		of_the_plan = make_step(w.measure_b)
		undated.db_set({"start_date": None, "due_date": None})
		half_dated.db_set("due_date", None)
		of_the_plan.db_set("start_date", None)
		w.measure_b.db_set({"period_start": None, "period_end": None})
		modified = frappe.db.get_value("ITA Action Step", undated.name, "modified")

		fill_step_dates.execute()

		dates = lambda step: frappe.db.get_value("ITA Action Step", step.name, ["start_date", "due_date"])  # noqa: E731
		self.assertEqual(dates(undated), (date(2025, 11, 1), date(2026, 3, 31)))
		self.assertEqual(dates(half_dated), (date(2025, 12, 1), date(2026, 3, 31)))
		self.assertEqual(dates(of_the_plan), (date(2025, 10, 1), date(2025, 12, 31)))
		self.assertEqual(frappe.db.get_value("ITA Action Step", undated.name, "modified"), modified)
		comment = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "ITA Action Step",
				"reference_name": undated.name,
				"comment_type": "Info",
			},
			pluck="content",
		)
		self.assertEqual(len(comment), 1)
		self.assertIn("Starts On, Due On", comment[0])
		frappe.get_doc("ITA Action Step", undated.name).save()

	def test_the_step_list_shows_its_owner_and_due_date(self):
		from ita_tracker.install import insert_step_list_settings

		insert_step_list_settings()
		settings = frappe.get_doc("List View Settings", "ITA Action Step")
		columns = [field["fieldname"] for field in json.loads(settings.fields)]
		# Subject and Tag come first; owner and due date are among the columns shown on a 1366 px screen too.
		self.assertEqual(columns[:3], ["status_field", "responsible_user", "due_date"])
		self.assertGreaterEqual(int(settings.total_fields), 2 + 3)
