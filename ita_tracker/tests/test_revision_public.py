"""Revisions never lose the public plan, over HTTP against the running site: a published plan cancelled for
revision stays listed at /ita-plans with its page, PDFs and evidence until its revision is published, which
then takes its place (the old addresses lead to it); and a revision that fails half-way, made as the desk's
Amend makes it, leaves nothing: no half revision, no ToDo, no file, no notification queued for a record
that was rolled back, and the published plan still public. The data is committed for the web server to
see and removed after each class."""

import json
import os
import re
from pathlib import Path

import frappe
from frappe.utils import add_days
from frappe.utils.background_jobs import get_queue

from ita_tracker.exceptions import PlanLockedError
from ita_tracker.patches import fill_is_public_of_plans
from ita_tracker.tests.browser import (
	guarded_page,
	launch_browser,
	set_journey_password,
	stop_browser,
	wait_for_value,
)
from ita_tracker.tests.factories import CommittedWorldTestCase, ITATestCase
from ita_tracker.tests.http import session
from ita_tracker.tests.test_revision_evidence import DATA, STRIP_EXIF, evidence_upload, set_strip_exif

PLAN_LINK = re.compile(r'href="/ita-plans/(ITA-PLAN-[^"/]+)"')
PDF = "/api/method/ita_tracker.publishing.download_pdf"
EVIDENCE = "/api/method/ita_tracker.publishing.evidence"


def attach(step, file_name: str, is_private: int = 0):
	"""A real file uploaded to the step and picked as its evidence."""
	file = evidence_upload(step, file_name, is_private).insert(ignore_permissions=True)
	frappe.db.set_value(step.doctype, step.name, "evidence_file", file.file_url)
	return file


def publish(w, plan) -> None:
	for action, user in (
		("Submit for Approval", w.manager),
		("Approve", w.executive),
		("Publish", w.manager),
	):
		w.act(user, plan, action)


def delete_revisions(w) -> None:
	"""The revisions of the world's plan, with their copies, files and ToDos (delete_world removes the rest)."""
	revisions = frappe.get_all("ITA Plan", filters={"amended_from": w.plan.name}, pluck="name")
	for plan in revisions:
		# Reopened first, as delete_world does: content leaves a plan only while it is open.
		frappe.db.set_value("ITA Plan", plan, {"status": "Draft", "docstatus": 0})
		for doctype in ("ITA Action Step", "ITA Measure"):
			for name in frappe.get_all(doctype, filters={"plan": plan}, pluck="name"):
				frappe.db.delete("ToDo", {"reference_name": name})
				frappe.db.delete("Notification Log", {"document_name": name})
				if doctype == "ITA Action Step":
					frappe.db.set_value(doctype, name, "status", "Not Started")
				for file in frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"):
					frappe.delete_doc("File", file, force=True, ignore_permissions=True)
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.delete("ITA Plan", {"name": plan})
	for step in (w.step_a, w.step_b):
		frappe.db.set_value(step.doctype, step.name, "status", "Not Started")
		for file in frappe.get_all("File", filters={"attached_to_name": step.name}, pluck="name"):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)


class RevisionOverHTTP(CommittedWorldTestCase):
	API_ROLES = ("manager",)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		delete_revisions(cls.w)
		frappe.db.commit()
		super().tearDownClass()

	def get(self, path, **params):
		response = session().get(f"{self.url}{path}", params=params, timeout=120, allow_redirects=False)
		self.assertLess(response.status_code, 500, response.text[:500])
		return response

	def listed(self) -> list[str]:
		page = self.get("/ita-plans", agency=self.w.agency)
		self.assertEqual(page.status_code, 200, page.text[:300])
		return PLAN_LINK.findall(page.text)

	def assert_public(self, plan: str, in_revision: bool) -> None:
		"""Listed, its page with the O25, its two PDFs."""
		self.assertEqual(self.listed(), [plan])
		page = self.get(f"/ita-plans/{plan}")
		self.assertEqual(page.status_code, 200, page.text[:300])
		self.assertIn(frappe.utils.escape_html(self.w.measure_a.measure_title), page.text)
		self.assertEqual("ita-in-revision" in page.text, in_revision)
		for document in ("o25", "o26"):
			pdf = self.get(PDF, plan=plan, document=document)
			self.assertEqual(pdf.status_code, 200, pdf.text[:500])
			self.assertEqual(pdf.headers["Content-Type"], "application/pdf")


class TestThePublishedPlanStaysPublicDuringItsRevision(RevisionOverHTTP):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		w = cls.w
		cls.evidence = attach(w.step_a, "scan.png")
		w.approve_plan()
		w.act(w.manager, w.plan, "Publish")
		frappe.db.commit()

	def test_until_the_revision_is_published_and_then_the_revision_replaces_it(self):
		w, plan = self.w, self.w.plan.name
		self.assert_public(plan, in_revision=False)

		w.act(w.manager, w.plan, "Cancel for Revision")
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("ITA Plan", plan, ["status", "docstatus"]), ("Cancelled", 2))
		self.assert_public(plan, in_revision=True)
		evidence = self.get(EVIDENCE, step=w.step_a.name)
		self.assertEqual(evidence.status_code, 302)
		self.assertEqual(
			session().get(f"{self.url}{evidence.headers['Location']}", timeout=60).content,
			(DATA / "scan.png").read_bytes(),
		)

		revision = w.amend()
		w.act(w.manager, revision, "Submit for Approval")
		w.act(w.executive, revision, "Approve")
		frappe.db.commit()
		# Drafted and approved, the revision is not public yet; the plan it revises still is.
		self.assertEqual(self.get(f"/ita-plans/{revision.name}").status_code, 404)
		self.assert_public(plan, in_revision=True)

		w.act(w.manager, revision, "Publish")
		frappe.db.commit()
		self.assert_public(revision.name, in_revision=False)
		# The old addresses lead to the revision: its page, its PDFs and its steps' evidence.
		page = self.get(f"/ita-plans/{plan}")
		self.assertEqual((page.status_code, page.headers["Location"]), (302, f"/ita-plans/{revision.name}"))
		pdf = self.get(PDF, plan=plan, document="o26")
		self.assertEqual(pdf.status_code, 302)
		self.assertIn(f"plan={revision.name}&document=o26", pdf.headers["Location"])
		copy = frappe.db.get_value("ITA Action Step", {"revised_from": w.step_a.name})
		evidence = self.get(EVIDENCE, step=w.step_a.name)
		self.assertEqual(evidence.status_code, 302)
		self.assertIn(f"step={copy}", evidence.headers["Location"])


def queued_notifications() -> set[str]:
	"""The ids of this site's queued jobs that would write Notification Logs (no worker runs in tests)."""
	return {
		job.id
		for job in get_queue("default").get_jobs()
		if (job.kwargs or {}).get("site") == frappe.local.site
		and "make_notification_logs" in str((job.kwargs or {}).get("method"))
	}


def stored_files() -> set[str]:
	found = set()
	for private in (0, 1):
		folder = Path(frappe.get_site_path("private" if private else "public", "files"))
		found |= {entry.name for entry in os.scandir(folder) if entry.is_file()}
	return found


class TestAFailedRevisionLeavesNothing(RevisionOverHTTP):
	"""The owner of step A reported it with a phone photo (strip EXIF on); step B was stored, before the
	rule, due after its measure ends, so its copy is refused: the revision fails after the measures of A and
	B and step A were copied (and, before the fix, assigned and notified)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		w = cls.w
		cls.strip_exif = frappe.db.get_single_value("System Settings", STRIP_EXIF)
		set_strip_exif(1)
		w.approve_plan()
		attach(w.step_a, "phone-photo-exif.jpg")
		w.act(w.owner_a, w.step_a, "Start Work")
		period_end = frappe.db.get_value("ITA Measure", w.measure_b.name, "period_end")
		frappe.db.set_value("ITA Action Step", w.step_b.name, "due_date", add_days(period_end, 30))
		w.act(w.manager, w.plan, "Publish")
		w.act(w.manager, w.plan, "Cancel for Revision")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		set_strip_exif(cls.strip_exif)
		frappe.db.commit()
		super().tearDownClass()

	def amend_from_the_desk(self):
		"""The desk's Amend: the cancelled plan's copy, saved through savedocs as the manager."""
		plan = frappe.get_doc("ITA Plan", self.w.plan.name)
		doc = frappe.copy_doc(plan, ignore_no_copy=False).as_dict()
		doc.update({"name": "new-ita-plan-1", "__islocal": 1, "amended_from": plan.name, "docstatus": 0})
		return session(self.w.manager).post(
			f"{self.url}/api/method/frappe.desk.form.save.savedocs",
			data={"doc": json.dumps(doc, default=str), "action": "Save"},
			timeout=120,
		)

	def test_nothing_half_made_and_the_plan_still_public(self):
		w, plan = self.w, self.w.plan.name
		counts = {
			doctype: frappe.db.count(doctype) for doctype in ("ToDo", "Notification Log", "File", "Version")
		}
		jobs, files = queued_notifications(), stored_files()

		response = self.amend_from_the_desk()

		self.assertEqual(response.status_code, 417, response.text[:500])
		frappe.db.rollback()
		self.assertEqual(frappe.get_all("ITA Plan", filters={"amended_from": plan}, pluck="name"), [])
		for doctype, originals in (
			("ITA Measure", [w.measure_a.name, w.measure_b.name]),
			("ITA Action Step", [w.step_a.name, w.step_b.name]),
		):
			self.assertEqual(frappe.get_all(doctype, filters={"revised_from": ("in", originals)}), [])
		self.assertEqual(
			{doctype: frappe.db.count(doctype) for doctype in counts}, counts, "records left behind"
		)
		self.assertEqual(queued_notifications() - jobs, set(), "notifications queued for rolled-back records")
		self.assertEqual(stored_files() - files, set(), "files left on disk")
		self.assertEqual(frappe.db.get_value("ITA Plan", plan, "is_public"), 1)
		self.assert_public(plan, in_revision=True)
		# It failed where it should: at step B, after the photo of step A was copied.
		self.assertIn("StepDueOutsideMeasureError", response.text)


class TestCancelForRevisionInTheDesk(RevisionOverHTTP):
	"""The officer, in Thai, is asked before Cancel for Revision runs (told that the plan stays public), may
	say no, and afterwards reads what happened and can make the revision from the message."""

	@classmethod
	def setUpClass(cls):
		# First: without Chromium the class is skipped before it commits anything.
		cls.browser = launch_browser()
		super().setUpClass()
		w = cls.w
		set_journey_password([w.manager], "th")
		w.approve_plan()
		w.act(w.manager, w.plan, "Publish")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		super().tearDownClass()

	def choose_cancel_for_revision(self, page):
		page.tap(page.locator(".page-actions .actions-btn-group > button").first, "Actions")
		action = frappe._("Cancel for Revision", lang="th")
		page.tap(
			page.locator(".actions-btn-group .dropdown-menu.show").get_by_text(action, exact=True), action
		)
		question = page.locator(".modal.show")
		question.wait_for()
		self.assertIn(
			frappe._(
				"Cancel this plan for revision? It stays on the public website until its revision is published.",
				lang="th",
			),
			question.inner_text(),
		)
		return question

	def test_asks_first_and_says_what_comes_next(self):
		w, plan = self.w, self.w.plan.name
		page = guarded_page(self.browser, w.manager)
		try:
			page.goto(f"/app/ita-plan/{plan}", wait_for=".page-actions .actions-btn-group")
			question = self.choose_cancel_for_revision(page)
			page.tap(question.locator(".btn-secondary"), "No")
			page.settle()
			frappe.db.rollback()
			self.assertEqual(frappe.db.get_value("ITA Plan", plan, "status"), "Published")

			question = self.choose_cancel_for_revision(page)
			page.tap(question.locator(".btn-primary"), "Yes")
			self.assertTrue(wait_for_value("ITA Plan", plan, "status", "Cancelled"))
			page.settle()
			message = page.locator(".modal.show .msgprint-dialog, .modal.show").last
			message.wait_for()
			text = page.locator(".modal.show").last.inner_text()
			for expected in (
				"Cancelled for Revision",
				"The plan stays on the public website until its revision is published.",
				"Make the Revision",
			):
				self.assertIn(frappe._(expected, lang="th"), text)
			page.check()
		finally:
			page.close()
		self.assertEqual(self.listed(), [plan])


class TestThePublicFlag(ITATestCase):
	"""`is_public` follows publishing alone (publishing.set_public), in process."""

	def is_public(self, plan: str) -> int:
		return frappe.db.get_value("ITA Plan", plan, "is_public")

	def test_no_request_makes_a_plan_public(self):
		w = self.w
		w.approve_plan()
		with self.assertRaises(PlanLockedError):
			self.save_as(w.manager, "ITA Plan", w.plan.name, is_public=1)
		self.assertEqual(self.is_public(w.plan.name), 0)
		w.act(w.manager, w.plan, "Cancel for Revision")
		self.assertEqual(self.is_public(w.plan.name), 0)
		revision = w.amend()
		self.save_as(w.manager, "ITA Plan", revision.name, is_public=1)
		self.assertEqual(self.is_public(revision.name), 0)

	def test_a_revision_of_a_revision_replaces_them_all(self):
		w = self.w
		w.approve_plan()
		w.act(w.manager, w.plan, "Publish")
		first = w.revise()
		publish(w, first)
		self.assertEqual((self.is_public(w.plan.name), self.is_public(first.name)), (0, 1))
		w.act(w.manager, first, "Cancel for Revision")
		w.plan = first
		second = w.amend()
		self.assertEqual(self.is_public(first.name), 1)
		publish(w, second)
		self.assertEqual([self.is_public(p) for p in (w.plan.name, first.name, second.name)], [0, 0, 1])

	def test_the_patch_puts_back_a_plan_cancelled_while_published(self):
		w = self.w
		w.approve_plan()
		w.act(w.manager, w.plan, "Publish")
		w.act(w.manager, w.plan, "Cancel for Revision")
		# As Cancel for Revision left it before the field, with the Version of the cancel.
		frappe.db.set_value("ITA Plan", w.plan.name, "is_public", 0)
		frappe.get_doc(
			{
				"doctype": "Version",
				"ref_doctype": "ITA Plan",
				"docname": w.plan.name,
				"data": json.dumps({"changed": [["docstatus", 1, 2], ["status", "Published", "Cancelled"]]}),
			}
		).insert(ignore_permissions=True)
		fill_is_public_of_plans.execute()
		self.assertEqual(self.is_public(w.plan.name), 1)
		revision = w.amend()
		publish(w, revision)
		frappe.db.set_value("ITA Plan", revision.name, "is_public", 0)
		fill_is_public_of_plans.execute()
		self.assertEqual((self.is_public(w.plan.name), self.is_public(revision.name)), (0, 1))
