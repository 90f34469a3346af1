"""The roll-ups of many agencies (ita_tracker/rollups.py) on data built here: agencies in two provinces
with results, plans in several states and steps. Each figure is compared with counts made independently
from frappe.get_all; a provincial officer restricted by User Permissions sees only their agencies; bad
filters are refused; and the national roll-up goes through Frappe's Prepared Report path for real (the
job Frappe enqueues is run here, since no worker runs in tests). The data is committed (the prepared
report's job commits) and removed after the class."""

import json
from datetime import date

import frappe
from frappe.core.doctype.prepared_report.prepared_report import generate_report, make_prepared_report
from frappe.desk.query_report import run
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import AgencyNotPermittedError, InvalidFiscalYearError, InvalidReportFilterError
from ita_tracker.ita_tracker.report.ita_national_roll_up.ita_national_roll_up import execute as national
from ita_tracker.ita_tracker.report.ita_provincial_roll_up.ita_provincial_roll_up import execute as provincial
from ita_tracker.permissions import run_report
from ita_tracker.rules.deadlines import FINISHED, is_overdue
from ita_tracker.tests.factories import (
	delete_agency,
	make_agency,
	make_assessment,
	make_indicator_result,
	make_measure,
	make_plan,
	make_step,
	make_user,
	unique,
)

NATIONAL = "ITA National Roll-up"


def build_agency(province, score=None, plan_state=None, statuses=(), **fields):
	"""An agency with, when `score` is given, its 2568 result and, when `plan_state` is given, a plan for
	2569 in that state with one step per status."""
	agency = make_agency(province=province, **fields).name
	if score is None:
		return agency
	assessment = make_assessment(agency, 2568, overall_score=score)
	if plan_state is None:
		return agency
	result = make_indicator_result(assessment, "2", 80)
	plan = make_plan(assessment)
	measure = make_measure(plan, [result])
	for status in statuses:
		step = make_step(measure)
		frappe.db.set_value("ITA Action Step", step.name, "status", status)
	docstatus = {"Approved": 1, "Published": 1, "Cancelled": 2}.get(plan_state, 0)
	frappe.db.set_value("ITA Plan", plan.name, {"status": plan_state, "docstatus": docstatus})
	return agency


def expected_row(agency: str) -> dict:
	"""The roll-up's figures for an agency, counted from the records one by one."""
	assessment = frappe.db.get_value(
		"ITA Assessment",
		{"agency": agency, "fiscal_year": "2568"},
		["name", "overall_score", "rating"],
		as_dict=1,
	)
	plans = (
		frappe.get_all(
			"ITA Plan",
			filters={"assessment": assessment.name, "docstatus": ["<", 2]},
			fields=["name", "status"],
		)
		if assessment
		else []
	)
	steps = (
		frappe.get_all("ITA Action Step", filters={"plan": plans[0].name}, fields=["status", "due_date"])
		if plans
		else []
	)
	finished = sum(1 for step in steps if step.status in FINISHED)
	return {
		"overall_score": round(assessment.overall_score, 2) if assessment else None,
		"rating": assessment.rating if assessment else None,
		"plan": plans[0].name if plans else None,
		"plan_status": plans[0].status if plans else None,
		"steps": len(steps),
		"finished": finished,
		"overdue": sum(1 for s in steps if is_overdue(s.due_date, s.status, date.today())),
		"percent_done": round(100 * finished / len(steps), 2) if steps else None,
	}


class TestRollups(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.north, cls.south = unique("จังหวัดเหนือ"), unique("จังหวัดใต้")
		north, south = cls.north, cls.south
		cls.published = build_agency(
			north, 90, "Published", ("Done", "Verified", "In Progress", "Not Started")
		)
		cls.draft = build_agency(north, 72.5, "Draft", ("Not Started", "Not Started"))
		cls.no_result = build_agency(north)
		cls.no_plan = build_agency(north, 81.24)
		cls.cancelled = build_agency(north, 60, "Cancelled", ("Done",), agency_type="Town Municipality")
		cls.approved = build_agency(south, 95.5, "Approved", ("Done",))
		cls.pending = build_agency(south, 85, "Pending Approval", ("Not Started", "Done", "Done"))
		cls.north_agencies = [cls.published, cls.draft, cls.no_result, cls.no_plan, cls.cancelled]
		cls.south_agencies = [cls.approved, cls.pending]
		# With Frappe's role that lists prepared reports, to show that the list keeps to the user's own.
		cls.officer = make_user("ITA Manager", "Prepared Report User", first_name="Provincial")
		cls.manager = make_user("ITA Manager", "Prepared Report User", first_name="National")
		for agency in cls.north_agencies:
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": cls.officer,
					"allow": "ITA Agency",
					"for_value": agency,
					"apply_to_all_doctypes": 1,
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for name in frappe.get_all("Prepared Report", filters={"report_name": NATIONAL}, pluck="name"):
			frappe.delete_doc("Prepared Report", name, force=True, delete_permanently=True)
		for user in (cls.officer, cls.manager):
			frappe.db.delete("User Permission", {"user": user})
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
		for agency in cls.north_agencies + cls.south_agencies:
			delete_agency(agency)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows(self, report, filters, agencies):
		return {row.agency: row for row in report(filters)[1] if row.agency in agencies}

	def test_each_figure_equals_the_counts_of_the_records(self):
		agencies = self.north_agencies + self.south_agencies
		rows = self.rows(national, {"fiscal_year": "2568"}, agencies)
		self.assertEqual(set(rows), set(agencies))
		for agency in agencies:
			with self.subTest(agency=agency):
				row = rows[agency]
				self.assertEqual({k: row[k] for k in expected_row(agency)}, expected_row(agency))
		self.assertEqual(rows[self.published].percent_done, 50.0)
		self.assertEqual(rows[self.pending].percent_done, 66.67)
		self.assertEqual(rows[self.cancelled].plan_status_label, "No Plan")
		self.assertIsNone(rows[self.no_result].rank)
		self.assertEqual(rows[self.no_result].rating_label, "No Result")

	def test_a_province_lists_its_agencies_best_score_first(self):
		columns, rows, *_rest, summary = provincial({"fiscal_year": "๒๕๖๘", "province": self.north})
		self.assertEqual(
			[row.agency for row in rows],
			[self.published, self.no_plan, self.draft, self.cancelled, self.no_result],
		)
		self.assertEqual([row.rank for row in rows], [1, 2, 3, 4, None])
		self.assertNotIn("province", [column["fieldname"] for column in columns])
		figures = {item["label"]: item["value"] for item in summary}
		self.assertEqual(figures["Agencies"], 5)
		self.assertEqual(figures["With a Result"], 4)
		self.assertEqual(figures["With a Plan"], 2)
		self.assertEqual(figures["Published Plans"], 1)
		self.assertEqual(figures["Average Score"], "75.94")  # (90 + 81.24 + 72.5 + 60) / 4
		self.assertEqual(figures["% of Steps Done"], "33.33%")  # 2 of the 6 steps of live plans

	def test_filters_by_agency_type_and_rating(self):
		rows = provincial(
			{"fiscal_year": "2568", "province": self.north, "agency_type": "Town Municipality"}
		)[1]
		self.assertEqual([row.agency for row in rows], [self.cancelled])
		rows = provincial({"fiscal_year": "2568", "province": self.north, "rating": "Needs Improvement"})[1]
		self.assertEqual([row.agency for row in rows], [self.no_plan, self.draft])  # 81.24 and 72.50
		self.assertEqual(
			provincial({"fiscal_year": "2570", "province": self.north})[1][0].rating_label, "No Result"
		)

	def test_a_provincial_officer_sees_only_their_agencies(self):
		frappe.set_user(self.officer)
		listed = {row.agency for row in national({"fiscal_year": "2568"})[1]}
		self.assertEqual(listed, set(self.north_agencies))
		self.assertEqual(provincial({"fiscal_year": "2568", "province": self.south})[1], [])
		with self.assertRaises(AgencyNotPermittedError):
			national({"fiscal_year": "2568", "agency": self.approved})
		frappe.set_user(self.manager)
		self.assertEqual(len(provincial({"fiscal_year": "2568", "province": self.south})[1]), 2)

	def test_bad_filters_are_refused(self):
		for report, filters, error in (
			(national, {}, InvalidReportFilterError),
			(national, {"fiscal_year": "next year"}, InvalidFiscalYearError),
			(national, {"fiscal_year": ["2568"]}, InvalidReportFilterError),
			(provincial, {"fiscal_year": "2568"}, InvalidReportFilterError),
			(provincial, {"fiscal_year": "2568", "province": {"$ne": ""}}, InvalidReportFilterError),
			(national, {"fiscal_year": "2568", "rating": "Best"}, InvalidReportFilterError),
			(national, {"fiscal_year": "2568", "agency_type": "x' OR 1=1"}, InvalidReportFilterError),
		):
			with self.subTest(filters=filters), self.assertRaises(error):
				report(filters)

	def test_the_national_rollup_runs_as_a_prepared_report_in_the_users_scope(self):
		"""As the desk does: run() finds no prepared result, make_prepared_report queues the job, the job
		(run here as the worker would, as the user who queued it) stores the result, run() returns it."""
		self.assertEqual(frappe.db.get_value("Report", NATIONAL, "prepared_report"), 1)
		filters = {"fiscal_year": "2568"}
		frappe.set_user(self.officer)
		first = run(NATIONAL, json.dumps(filters))
		self.assertTrue(first["prepared_report"])
		self.assertIsNone(first["doc"])
		name = make_prepared_report(NATIONAL, filters)["name"]
		generate_report(name)  # commits, as the worker does
		prepared = frappe.get_doc("Prepared Report", name)
		self.assertEqual(prepared.status, "Completed", prepared.error_message)
		self.assertEqual(prepared.owner, self.officer)
		result = run(NATIONAL, json.dumps(filters))
		self.assertTrue(result["prepared_report"])
		self.assertEqual(result["doc"].name, name)
		self.assertEqual({row["agency"] for row in result["result"]}, set(self.north_agencies))
		self.assertIn("% of Steps Done", [column["label"] for column in result["columns"]])
		# Another user's run does not get the officer's kept result: the cache is per user.
		frappe.set_user(self.manager)
		self.assertIsNone(run(NATIONAL, json.dumps(filters))["doc"])

	def test_a_kept_national_result_is_read_only_by_whoever_prepared_it(self):
		"""The manager's national result holds every agency: the officer can neither list it, download it,
		nor read it through the report's run by its name or by naming the manager as `user`."""
		filters = {"fiscal_year": "2568", "province": self.south}
		frappe.set_user(self.manager)
		name = make_prepared_report(NATIONAL, filters)["name"]
		generate_report(name)
		frappe.set_user(self.officer)
		self.assertNotIn(name, frappe.get_list("Prepared Report", pluck="name"))
		self.assertFalse(frappe.has_permission("Prepared Report", "read", doc=name))
		with self.assertRaises(frappe.PermissionError):
			run_report(NATIONAL, json.dumps({**filters, "prepared_report_name": name}))
		self.assertIsNone(run_report(NATIONAL, json.dumps(filters), user=self.manager)["doc"])
		self.assertEqual(
			frappe.get_hooks("override_whitelisted_methods")["frappe.desk.query_report.run"][-1],
			"ita_tracker.permissions.run_report",
		)
		frappe.set_user(self.manager)
		kept = run_report(NATIONAL, json.dumps({**filters, "prepared_report_name": name}))
		self.assertEqual(kept["doc"].name, name)
		self.assertIn(self.approved, {row["agency"] for row in kept["result"]})
