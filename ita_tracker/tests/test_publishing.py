"""The public pages and PDFs of a published plan, requested over HTTP as a guest from the running site."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.printing import th
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
		# On a phone each measure is a card that names every value by its column (plan.html's CSS).
		for header in ("มาตรการ", "ขั้นตอน/วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ"):
			self.assertIn(f'data-label="{header}', page.text)
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


class TestPublicEvidence(FrappeTestCase):
	"""A step's evidence file is reachable by the public at the step's stable address only while its plan is
	published and the file is a public file attached to that step; a private one is kept by the agency."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		team = Team()
		cls.published, cls.draft = PlanWorld(team), PlanWorld(team)
		cls.files = {}
		for world in (cls.published, cls.draft):
			for step, private in ((world.step_a, 0), (world.step_b, 1)):
				file = frappe.get_doc(
					{
						"doctype": "File",
						"file_name": f"evidence-{step.name}.txt",
						"content": f"evidence of {step.name}",
						"attached_to_doctype": "ITA Action Step",
						"attached_to_name": step.name,
						"is_private": private,
					}
				).insert(ignore_permissions=True)
				frappe.db.set_value("ITA Action Step", step.name, "evidence_file", file.file_url)
				cls.files[step.name] = file
		cls.published.approve_plan()
		cls.published.act(cls.published.manager, cls.published.plan, "Publish")
		frappe.db.commit()
		cls.url = site_url()
		cls.guest = session()

	@classmethod
	def tearDownClass(cls):
		for file in cls.files.values():
			frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
		for world in (cls.published, cls.draft):
			delete_world(world)
		delete_team(cls.published.team)
		frappe.db.commit()
		super().tearDownClass()

	def evidence(self, step):
		return self.guest.get(
			f"{self.url}/api/method/ita_tracker.publishing.evidence",
			params={"step": step.name},
			allow_redirects=True,
			timeout=60,
		)

	def test_a_published_plans_public_evidence_opens(self):
		response = self.evidence(self.published.step_a)
		self.assertEqual(response.status_code, 200)
		self.assertEqual(response.text, f"evidence of {self.published.step_a.name}")

	def test_a_private_file_is_kept_by_the_agency(self):
		response = self.evidence(self.published.step_b)
		self.assertEqual(response.status_code, 404)
		self.assertNotIn("evidence of", response.text)

	def test_an_unpublished_plans_evidence_is_not_found(self):
		for step in (self.draft.step_a, self.draft.step_b):
			response = self.evidence(step)
			self.assertEqual(response.status_code, 404)
			self.assertNotIn("evidence of", response.text)

	def test_the_o26_links_the_public_file_and_lists_the_private_one(self):
		from ita_tracker.evidence import evidence_links, public_evidence_files

		steps = [self.published.step_a, self.published.step_b]
		attached = public_evidence_files([step.name for step in steps])
		for step in steps:
			step.reload()
		(address, _label), *_ = evidence_links(steps[0], attached)
		self.assertTrue(address.endswith(f"ita_tracker.publishing.evidence?step={steps[0].name}"))
		(address, label), *_ = evidence_links(steps[1], attached)
		self.assertIsNone(address)
		self.assertEqual(label, th("{0} (kept by the agency)").format(f"evidence-{steps[1].name}.txt"))
