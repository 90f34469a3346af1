"""The same rules through the REST API, against a real web server of the test site.

The server is another process, so this class commits the records it builds and deletes them after."""

import json

import frappe

from ita_tracker.tests.factories import CommittedWorldTestCase
from ita_tracker.tests.http import session


class TestRESTAPI(CommittedWorldTestCase):
	def get(self, user, path, **params):
		return session(user).get(f"{self.url}/api/{path}", params=params, timeout=60)

	def put(self, user, path, data):
		return session(user).put(f"{self.url}/api/{path}", json=data, timeout=60)

	def workflow(self, user, doc, action):
		return session(user).post(
			f"{self.url}/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": frappe.get_doc(doc.doctype, doc.name).as_json(), "action": action},
			timeout=60,
		)

	def test_division_head_lists_only_their_division(self):
		listed = self.get(
			self.w.head_a, "resource/ITA Measure", filters=json.dumps([["plan", "=", self.w.plan.name]])
		)
		self.assertEqual(listed.status_code, 200, listed.text)
		self.assertEqual([row["name"] for row in listed.json()["data"]], [self.w.measure_a.name])
		self.assertEqual(
			self.get(self.w.head_a, f"resource/ITA Measure/{self.w.measure_b.name}").status_code, 403
		)

	def test_user_updates_own_step_but_not_another(self):
		mine = self.put(self.w.owner_a, f"resource/ITA Action Step/{self.w.step_a.name}", {"progress": 40})
		self.assertEqual(mine.status_code, 200, mine.text)
		theirs = self.put(self.w.owner_a, f"resource/ITA Action Step/{self.w.step_b.name}", {"progress": 40})
		self.assertEqual(theirs.status_code, 403, theirs.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("ITA Action Step", self.w.step_b.name, "progress"), 0)
		# The planning is above the owner's permission level: Frappe keeps its stored value.
		due = frappe.db.get_value("ITA Action Step", self.w.step_a.name, "due_date")
		replan = self.put(
			self.w.owner_a, f"resource/ITA Action Step/{self.w.step_a.name}", {"due_date": "2025-11-01"}
		)
		self.assertEqual(replan.status_code, 200, replan.text)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("ITA Action Step", self.w.step_a.name, "due_date"), due)

	def test_only_an_executive_approves(self):
		self.assertEqual(self.workflow(self.w.manager, self.w.plan, "Submit for Approval").status_code, 200)
		refused = self.workflow(self.w.manager, self.w.plan, "Approve")
		self.assertNotEqual(refused.status_code, 200)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("ITA Plan", self.w.plan.name, "status"), "Pending Approval")
		approved = self.workflow(self.w.executive, self.w.plan, "Approve")
		self.assertEqual(approved.status_code, 200, approved.text)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("ITA Plan", self.w.plan.name, ["status", "docstatus"]), ("Approved", 1)
		)

	def test_guest_gets_nothing(self):
		for path in (
			f"resource/ITA Plan/{self.w.plan.name}",
			"resource/ITA Measure",
			"resource/ITA Action Step",
		):
			self.assertEqual(self.get(None, path).status_code, 403, path)
