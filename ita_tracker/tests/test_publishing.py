"""The public pages and PDFs of a published plan, requested over HTTP as a guest from the running site."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.tests.factories import PlanWorld, Team, delete_team, delete_world
from ita_tracker.tests.http import session, site_url
from ita_tracker.tests.pdf_text import comparable, pdf_text


class TestPublishing(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		team = Team()
		cls.published, cls.draft = PlanWorld(team), PlanWorld(team)
		cls.published.approve_plan()
		cls.published.act(cls.published.manager, cls.published.plan, "Publish")
		cls.url = site_url()
		frappe.db.commit()
		cls.guest = session()

	@classmethod
	def tearDownClass(cls):
		for world in (cls.published, cls.draft):
			delete_world(world)
		delete_team(cls.published.team)
		frappe.db.commit()
		super().tearDownClass()

	def get(self, path, **params):
		return self.guest.get(f"{self.url}{path}", params=params, timeout=120)

	def test_a_published_plan_is_public(self):
		page = self.get(f"/ita-plans/{self.published.plan.name}")
		self.assertEqual(page.status_code, 200)
		self.assertIn(self.published.agency, page.text)
		self.assertIn(self.published.measure_a.measure_title, page.text)
		listing = self.get("/ita-plans")
		self.assertIn(f"/ita-plans/{self.published.plan.name}", listing.text)
		self.assertNotIn(self.draft.plan.name, listing.text)

	def test_a_draft_is_not_found(self):
		self.assertEqual(self.get(f"/ita-plans/{self.draft.plan.name}").status_code, 404)
		self.assertEqual(self.get("/ita-plans/ITA-PLAN-NO-SUCH").status_code, 404)
		pdf = self.get("/api/method/ita_tracker.publishing.download_pdf", plan=self.draft.plan.name)
		self.assertIn(pdf.status_code, (403, 404))
		self.assertNotIn(self.draft.agency, pdf.text)

	def test_the_pdfs_of_a_published_plan(self):
		for document in ("o25", "o26"):
			pdf = self.get(
				"/api/method/ita_tracker.publishing.download_pdf",
				plan=self.published.plan.name,
				document=document,
			)
			self.assertEqual(pdf.status_code, 200, pdf.text[:500])
			self.assertEqual(pdf.headers["Content-Type"], "application/pdf")
			self.assertIn(comparable(self.published.agency), comparable(pdf_text(pdf.content)))

	def test_internal_records_stay_private(self):
		plan = self.published.plan.name
		self.assertEqual(
			self.guest.get(f"{self.url}/api/resource/ITA Plan/{plan}", timeout=60).status_code, 403
		)
		self.assertEqual(self.get("/app/ita-plan/" + plan).status_code, 200)  # the login page, not the form
		self.assertNotIn(self.published.measure_a.measure_title, self.get("/app/ita-plan/" + plan).text)
