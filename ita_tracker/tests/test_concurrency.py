"""Concurrent requests against a real web server: the uniqueness rules hold in the database, not only in
Python, so requests racing past validate give exactly one record and clear errors to the others.

The server is another process, so this class commits the records it builds and deletes them after."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.tests.factories import make_agency, make_user
from ita_tracker.tests.http import api_keys, session, site_url


class TestConcurrentCreation(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.manager = make_user("ITA Manager", first_name="Manager")
		api_keys(cls.manager)
		cls.agencies = []
		ensure_fiscal_year(2568)
		cls.url = site_url()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()  # a new snapshot, which sees what the server committed
		for agency in cls.agencies:
			assessments = frappe.get_all("ITA Assessment", filters={"agency": agency}, pluck="name")
			for name in assessments:
				frappe.delete_doc("ITA Assessment", name, force=True, ignore_permissions=True)
			frappe.delete_doc("ITA Agency", agency, force=True)
		frappe.delete_doc("User", cls.manager, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def new_agency(self) -> str:
		agency = make_agency().name
		self.agencies.append(agency)
		return agency

	def post_at_once(self, count: int, path: str, data: dict) -> list:
		"""`count` POSTs of `data` as the manager, released together so that they race."""
		clients = [session(self.manager) for _ in range(count)]
		start = threading.Barrier(count)

		def post(client):
			start.wait()
			return client.post(f"{self.url}/api/{path}", json=data, timeout=120)

		with ThreadPoolExecutor(count) as pool:
			return list(pool.map(post, clients))

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


def messages(response) -> list[str]:
	return [json.loads(message)["message"] for message in json.loads(response.json()["_server_messages"])]
