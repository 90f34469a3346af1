"""A report filter that is not a single value, or a fiscal year that is not one, is a clear validation
error (HTTP 417) naming the filter, never a server error: each report over HTTP as an ITA Manager."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import InvalidFiscalYearError, InvalidReportFilterError
from ita_tracker.report_filters import checked_filters
from ita_tracker.tests.factories import Team, delete_team
from ita_tracker.tests.http import api_keys, session, site_url

REPORTS = (
	"ITA Implementation Status by Division",
	"ITA Overdue Action Steps",
	"ITA Indicator Scores by Year",
)


class TestReportFilters(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.team = Team()
		api_keys(cls.team.manager)
		cls.url = site_url()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		delete_team(cls.team)
		frappe.db.commit()
		super().tearDownClass()

	def run_report(self, report, filters):
		return session(self.team.manager).post(
			f"{self.url}/api/method/frappe.desk.query_report.run",
			data={"report_name": report, "filters": json.dumps(filters)},
			timeout=60,
		)

	def assertRefused(self, response, error, label):
		self.assertEqual(response.status_code, 417, response.text[:500])
		self.assertEqual(response.json()["exc_type"], error.__name__)
		self.assertIn(label, response.json()["_server_messages"])

	def test_a_list_or_a_mapping_is_refused_by_name(self):
		for report in REPORTS:
			for fieldname, label, value in (
				("agency", "Agency", ["x"]),
				("plan", "Plan", {"a": 1}),
				("indicator", "Indicator", [["1"]]),
				("fiscal_year", "Fiscal Year", {"$gt": ""}),
			):
				with self.subTest(report=report, filter=fieldname):
					self.assertRefused(
						self.run_report(report, {fieldname: value}), InvalidReportFilterError, label
					)

	def test_a_fiscal_year_that_is_not_one_is_refused(self):
		for report in REPORTS:
			for year in ("2569 OR 1=1", "1999", "๒๕๖x"):
				with self.subTest(report=report, year=year):
					self.assertRefused(
						self.run_report(report, {"fiscal_year": year}), InvalidFiscalYearError, "Fiscal Year"
					)

	def test_single_values_run(self):
		for report in REPORTS:
			with self.subTest(report=report):
				response = self.run_report(report, {"agency": "no such agency", "fiscal_year": "๒๕๖๙"})
				self.assertEqual(response.status_code, 200, response.text[:500])

	def test_a_fiscal_year_in_thai_digits_is_read(self):
		self.assertEqual(
			checked_filters({"fiscal_year": "๒๕๖๙", "agency": "x"}), {"fiscal_year": "2569", "agency": "x"}
		)
