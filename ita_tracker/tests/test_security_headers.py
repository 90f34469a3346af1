"""The security headers the app sets on its own pages, API and files (http_headers.py), requested from
Frappe's own web server for the site, which adds none itself (docs/security.md): and only on the app's,
so that another app's pages and Frappe's own stay as Frappe serves them."""

import frappe
from frappe.tests.utils import FrappeTestCase
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

from ita_tracker.http_headers import HEADERS, add_security_headers
from ita_tracker.tests.factories import CommittedWorldTestCase
from ita_tracker.tests.http import session


class TestSecurityHeaders(CommittedWorldTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		w = cls.w
		cls.files = [
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"evidence-{step.name}.txt",
					"content": f"evidence of {step.name}",
					"attached_to_doctype": "ITA Action Step",
					"attached_to_name": step.name,
					"is_private": private,
				}
			).insert(ignore_permissions=True)
			for step, private in ((w.step_a, 0), (w.step_b, 1))
		]
		for step, file in zip((w.step_a, w.step_b), cls.files, strict=True):
			frappe.db.set_value("ITA Action Step", step.name, "evidence_file", file.file_url)
		w.approve_plan()
		w.act(w.manager, w.plan, "Publish")
		cls.todo = frappe.get_doc(
			{"doctype": "ToDo", "description": "not the app's", "allocated_to": w.manager}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		cls.manager, cls.guest = session(w.manager), session()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for file in cls.files:
			frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
		frappe.delete_doc("ToDo", cls.todo.name, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def get(self, client, path: str, **params):
		response = client.get(f"{self.url}{path}", params=params, allow_redirects=False, timeout=120)
		self.assertLess(response.status_code, 400, f"{path}: {response.text[:300]}")
		return response

	def assert_headers(self, response) -> None:
		for name, value in HEADERS.items():
			self.assertEqual(response.headers.get(name), value, f"{name} on {response.url}")

	def assert_no_headers(self, response) -> None:
		for name in HEADERS:
			self.assertNotIn(name, response.headers, response.url)

	def test_the_apps_desk_api_and_pages_and_not_another_apps(self):
		plan = self.w.plan.name
		self.assert_headers(
			self.get(self.manager, "/api/method/ita_tracker.planning.plan_overview", plan=plan)
		)
		self.assert_headers(self.get(self.manager, f"/api/resource/ITA Plan/{plan}"))
		self.assert_headers(
			self.get(self.manager, "/api/method/frappe.client.get", doctype="ITA Plan", name=plan)
		)
		self.assert_headers(self.get(self.manager, f"/app/ita-plan/{plan}"))
		self.assert_headers(self.get(self.manager, "/app/ita-tracker"))
		# The same doors for another app's DocType stay as Frappe serves them.
		self.assert_no_headers(self.get(self.manager, f"/api/resource/ToDo/{self.todo.name}"))
		self.assert_no_headers(
			self.get(self.manager, "/api/method/frappe.client.get", doctype="ToDo", name=self.todo.name)
		)
		self.assert_no_headers(self.get(self.manager, f"/app/todo/{self.todo.name}"))

	def test_the_public_pages_and_evidence_link_and_not_frappes_own(self):
		self.assert_headers(self.get(self.guest, "/ita-plans"))
		self.assert_headers(self.get(self.guest, f"/ita-plans/{self.w.plan.name}"))
		link = self.get(self.guest, "/api/method/ita_tracker.publishing.evidence", step=self.w.step_a.name)
		self.assertEqual(link.headers["Location"], self.files[0].file_url)
		self.assert_headers(link)
		login = self.get(self.guest, "/login")
		self.assertIn("login", login.text)
		self.assert_no_headers(login)

	def test_a_private_evidence_file(self):
		download = self.get(self.manager, self.files[1].file_url)
		self.assertEqual(download.text, f"evidence of {self.w.step_b.name}")
		self.assertEqual(download.headers["Content-Type"].split(";")[0], "text/plain")
		self.assert_headers(download)


class TestHeadersAlreadySet(FrappeTestCase):
	def test_a_header_set_before_the_app_is_kept(self):
		request = Request(EnvironBuilder(path="/ita-plans").get_environ())
		response = Response("page", headers={"X-Frame-Options": "DENY"})
		add_security_headers(response=response, request=request)
		self.assertEqual(response.headers.getlist("X-Frame-Options"), ["DENY"])
		self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
		self.assertEqual(response.headers["Referrer-Policy"], "same-origin")
