"""The step reports over the whole country are served as prepared reports, through the desk's own entry
point (`frappe.desk.query_report.run`, overridden by permissions.run_report): a user whom no agency or
division limits gets a kept result or none, never a live scan of every step; any narrower run is live."""

import json

import frappe
from frappe.core.doctype.prepared_report.prepared_report import create_json_gz_file, make_prepared_report
from frappe.desk.query_report import generate_report_result

from ita_tracker.exceptions import InvalidReportFilterError
from ita_tracker.permissions import run_report
from ita_tracker.reporting import STEP_REPORTS, runs_prepared
from ita_tracker.tests.factories import ITATestCase

STATUS, OVERDUE = STEP_REPORTS


class TestNationalStepReports(ITATestCase):
	def run_as(self, user: str, report: str, **kwargs) -> dict:
		frappe.set_user(user)
		try:
			return run_report(report, json.dumps(kwargs.pop("filters", {})), **kwargs)
		finally:
			frappe.set_user("Administrator")

	def test_a_national_run_is_a_prepared_report_even_for_the_workspace_chart(self):
		for report in STEP_REPORTS:
			for ignore in (0, 1):
				with self.subTest(report=report, ignore_prepared_report=ignore):
					result = self.run_as(self.w.manager, report, ignore_prepared_report=ignore)
					self.assertTrue(result["prepared_report"])
					self.assertIsNone(result["doc"])
					self.assertNotIn("result", result)
					# The chart widget's "no data" state, not a script error.
					self.assertEqual(result["chart"], {"data": {}})
		# Administrator too, and a fiscal year alone still covers the country.
		self.assertTrue(
			self.run_as("Administrator", STATUS, filters={"fiscal_year": "2569"})["prepared_report"]
		)

	def test_filters_that_are_not_a_mapping(self):
		"""An empty list is no filter (so a national run is still prepared, never a live scan of the
		country); any other list or a text is refused by name."""
		self.assertTrue(run_report(STATUS, "[]")["prepared_report"])
		for filters in ('["agency"]', '"x"', "[[1, 2]]"):
			with self.subTest(filters=filters), self.assertRaises(InvalidReportFilterError):
				run_report(OVERDUE, filters)

	def test_narrower_runs_are_live(self):
		w = self.w
		for user, filters in (
			(w.manager, {"agency": w.agency}),
			(w.manager, {"plan": w.plan.name}),
			(w.manager, {"division": w.division_a}),
			(w.head_a, {}),
		):
			with self.subTest(user=user, filters=filters):
				result = self.run_as(user, STATUS, filters=filters)
				self.assertFalse(result.get("prepared_report"))
				self.assertIn(w.division_a, [row["division"] for row in result["result"]])
		self.restrict_to_agency(w.manager, w.agency)
		self.assertFalse(runs_prepared(STATUS, {}, w.manager))
		self.assertFalse(self.run_as(w.manager, OVERDUE).get("prepared_report"))

	def test_the_kept_national_result_is_served_with_its_chart(self):
		frappe.set_user(self.w.manager)
		name = make_prepared_report(STATUS, {})["name"]
		# What the worker's job (Frappe's generate_report) does, without its bookkeeping commit.
		prepared = frappe.get_doc("Prepared Report", name)
		report = frappe.get_doc("Report", STATUS)
		report.custom_columns = []
		result = generate_report_result(report=report, filters=prepared.filters, user=prepared.owner)
		create_json_gz_file(result, "Prepared Report", name, STATUS)
		prepared.db_set("status", "Completed")
		frappe.set_user("Administrator")

		served = self.run_as(self.w.manager, STATUS)
		self.assertEqual(served["doc"].name, name)
		self.assertIn(self.w.division_a, [row["division"] for row in served["result"]])
		self.assertTrue(served["chart"]["data"]["labels"])
		# Kept per user: another national user has none yet.
		self.assertIsNone(self.run_as("Administrator", STATUS)["doc"])

	def test_other_reports_are_untouched(self):
		self.assertFalse(runs_prepared("ITA Indicator Scores by Year", {}, self.w.manager))
		# Through the desk's path too: run live, with its rows.
		served = self.run_as(
			self.w.manager, "ITA Indicator Scores by Year", filters={"agency": self.w.agency}
		)
		self.assertFalse(served.get("prepared_report"))
		self.assertTrue(served["result"])
