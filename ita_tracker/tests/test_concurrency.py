"""Concurrent requests against a real web server: the uniqueness rules hold in the database, not only in
Python, so requests racing past validate give exactly one record and clear errors to the others.

The server is another process, so this class commits the records it builds and deletes them after."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.planning import make_plan
from ita_tracker.tests.factories import (
	PlanWorld,
	Team,
	delete_team,
	delete_world,
	make_agency,
	make_assessment,
	make_indicator_result,
	make_user,
)
from ita_tracker.tests.http import api_keys, session, site_url


class TestConcurrentCreation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.manager = make_user("ITA Manager", first_name="Manager")
		api_keys(cls.manager)
		cls.agencies, cls.years = [], []
		ensure_fiscal_year(2568)
		cls.url = site_url()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()  # a new snapshot, which sees what the server committed
		for agency in cls.agencies:
			assessments = frappe.get_all("ITA Assessment", filters={"agency": agency}, pluck="name")
			plans = frappe.get_all(
				"ITA Plan", filters={"assessment": ("in", assessments or [""])}, pluck="name"
			)
			for doctype, names in (("ITA Plan", plans), ("ITA Assessment", assessments)):
				for name in names:
					frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			frappe.delete_doc("ITA Agency", agency, force=True)
		for year in cls.years:
			frappe.delete_doc("ITA Fiscal Year", year, force=True, ignore_missing=True)
		frappe.delete_doc("User", cls.manager, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def new_agency(self) -> str:
		agency = make_agency().name
		self.agencies.append(agency)
		return agency

	def assessment_in_a_new_year(self):
		"""An assessment of a fiscal year after every one the site has: its plan's year is created with it."""
		year = max(map(int, frappe.get_all("ITA Fiscal Year", pluck="name")), default=2568) + 1
		self.years += [str(year), str(year + 1)]
		return make_assessment(self.new_agency(), year)

	def post_at_once(self, count: int, path: str, data: dict) -> list:
		return self.at_once([(path, data)] * count)

	def at_once(self, posts: list[tuple[str, dict]]) -> list:
		"""The POSTs, each as the manager in its own connection, released together so that they race."""
		start = threading.Barrier(len(posts))
		clients = [session(self.manager) for _ in posts]  # here: frappe.local is this thread's

		def post(client, path_and_data):
			path, data = path_and_data
			start.wait()
			return client.post(f"{self.url}/api/{path}", json=data, timeout=120)

		with ThreadPoolExecutor(len(posts)) as pool:
			return list(pool.map(post, clients, posts))

	def test_twenty_requests_make_one_assessment(self):
		agency = self.new_agency()
		frappe.db.commit()
		responses = self.post_at_once(
			20,
			"resource/ITA Assessment",
			{"agency": agency, "fiscal_year": "2568", "overall_score": 81.24},
		)
		codes = sorted(response.status_code for response in responses)
		self.assertEqual(codes.count(200), 1, codes)
		winner = next(r for r in responses if r.status_code == 200).json()["data"]["name"]
		for response in responses:
			if response.status_code != 200:
				self.assertEqual(response.status_code, 417, response.text)
				self.assertEqual(response.json()["exc_type"], "DuplicateAssessmentError", response.text)
				self.assertEqual(
					messages(response),
					[f"{agency} already has the assessment {winner} for fiscal year 2568."],
				)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("ITA Assessment", {"agency": agency}), 1)

	def test_concurrent_create_plan_calls_give_one_plan(self):
		assessment = make_assessment(self.new_agency(), 2568)
		ensure_fiscal_year(2569)
		frappe.db.commit()
		self.assert_one_plan_for_all(assessment)

	def test_concurrent_create_plan_calls_give_one_plan_in_a_new_fiscal_year(self):
		"""The first plan of a year also creates the year, and the calls that lose that race must not fail."""
		assessment = self.assessment_in_a_new_year()
		frappe.db.commit()
		self.assert_one_plan_for_all(assessment)

	def assert_one_plan_for_all(self, assessment):
		responses = self.post_at_once(
			10, "method/ita_tracker.planning.make_plan", {"assessment": assessment.name}
		)
		for response in responses:
			self.assertEqual(response.status_code, 200, response.text)
			self.assertNotIn("_server_messages", response.json(), response.text)
		names = {response.json()["message"] for response in responses}
		self.assertEqual(len(names), 1, names)
		frappe.db.rollback()
		self.assertEqual(
			frappe.get_all("ITA Plan", filters={"assessment": assessment.name}, pluck="name"), [*names]
		)

	def test_create_plan_racing_plans_made_through_the_api_answers_with_the_one_plan(self):
		assessment = make_assessment(self.new_agency(), 2568)
		ensure_fiscal_year(2569)
		frappe.db.commit()
		make_plan = ("method/ita_tracker.planning.make_plan", {"assessment": assessment.name})
		new_plan = ("resource/ITA Plan", {"assessment": assessment.name})
		responses = self.at_once([make_plan, new_plan] * 5)
		frappe.db.rollback()
		plans = frappe.get_all("ITA Plan", filters={"assessment": assessment.name}, pluck="name")
		self.assertEqual(len(plans), 1, plans)
		for response in responses[::2]:
			self.assertEqual(response.status_code, 200, response.text)
			self.assertEqual(response.json()["message"], plans[0])
			self.assertNotIn("_server_messages", response.json(), response.text)
		for response in responses[1::2]:
			if response.status_code == 200:
				self.assertEqual(response.json()["data"]["name"], plans[0])
				continue
			self.assertEqual(response.status_code, 417, response.text)
			self.assertEqual(response.json()["exc_type"], "DuplicatePlanError", response.text)
			self.assertEqual(
				messages(response),
				[
					f"Assessment {assessment.name} already has the plan {plans[0]}; to change it, cancel it "
					"for revision and amend it."
				],
			)

	def test_concurrent_add_proposed_measures_add_the_librarys_measures_once(self):
		assessment = make_assessment(self.new_agency(), 2568)
		ensure_fiscal_year(2569)
		make_indicator_result(assessment, "4", 80, [("i10", 75)])
		plan = make_plan(assessment.name)
		flagged = make_indicator_result(assessment, "9", 90, [("o20", 67.5)], measure_requested=1)
		self.addCleanup(delete_planned_work, plan, assessment.name)
		frappe.db.commit()
		responses = self.post_at_once(10, "method/ita_tracker.planning.add_proposed_measures", {"plan": plan})
		for response in responses:
			self.assertEqual(response.status_code, 200, response.text)
		added = [response.json()["message"] for response in responses if response.json()["message"]]
		self.assertEqual(len(added), 1, added)
		frappe.db.rollback()
		answering = frappe.get_all(
			"ITA Measure Indicator Result",
			filters={"parenttype": "ITA Measure", "indicator_result": flagged.name},
			pluck="parent",
		)
		self.assertEqual(sorted(answering), sorted(added[0]))
		self.assertEqual(
			[row.indicator_result for row in frappe.get_doc("ITA Plan", plan).proposals].count(flagged.name),
			1,
		)


def delete_planned_work(plan: str, assessment: str) -> None:
	frappe.db.rollback()
	for doctype in ("ITA Action Step", "ITA Measure"):
		for name in frappe.get_all(doctype, filters={"plan": plan}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	for name in frappe.get_all("ITA Indicator Result", filters={"assessment": assessment}, pluck="name"):
		frappe.delete_doc("ITA Indicator Result", name, force=True, ignore_permissions=True)
	frappe.db.commit()


def messages(response) -> list[str]:
	return [json.loads(message)["message"] for message in json.loads(response.json()["_server_messages"])]


class TestConcurrentDecisions(FrappeTestCase):
	"""An executive's Approve clicked in ten tabs at once approves once; the others are told to reload."""

	def test_ten_approvals_at_once_approve_once(self):
		w = PlanWorld(Team())
		self.addCleanup(frappe.db.commit)
		self.addCleanup(delete_team, w.team)
		self.addCleanup(delete_world, w)
		self.addCleanup(frappe.db.rollback)
		w.act(w.manager, w.plan, "Submit for Approval")
		api_keys(w.executive)
		url = site_url()
		frappe.db.commit()
		opened = frappe.as_json(frappe.get_doc("ITA Plan", w.plan.name))
		start = threading.Barrier(10)
		clients = [session(w.executive) for _ in range(10)]

		def approve(client):
			start.wait()
			return client.post(
				f"{url}/api/method/frappe.model.workflow.apply_workflow",
				data={"doc": opened, "action": "Approve"},
				timeout=120,
			)

		with ThreadPoolExecutor(10) as pool:
			statuses = sorted(response.status_code for response in pool.map(approve, clients))
		self.assertEqual(statuses, [200] + [417] * 9)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Version", {"ref_doctype": "ITA Plan", "docname": w.plan.name}), 1)
		self.assertEqual(frappe.db.get_value("ITA Plan", w.plan.name, "approved_by"), w.executive)
