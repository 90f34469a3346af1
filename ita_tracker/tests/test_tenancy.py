"""Two agencies on one site, tried as an adversary of agency A against agency B through Frappe's own doors as
well as the app's (issue 16): each case here passed before the tenancy layer (tenancy.py, references.py,
files.py, overrides/) and must now be refused, with B's records unchanged."""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.desk.form.assign_to import add as assign
from frappe.desk.form.document_follow import follow_document
from frappe.desk.form.save import cancel as cancel_from_desk
from frappe.desk.like import toggle_like
from frappe.model.workflow import apply_workflow
from frappe.share import add as share
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import (
	ApprovalRequiredError,
	AttachmentNotPermittedError,
	CrossAgencyLinkError,
	FileTypeNotAllowedError,
	ForeignChildRowError,
	ShareNotPermittedError,
	VerifiedStepLockedError,
)
from ita_tracker.rules.tenancy import AGENCY_CHILDREN, AGENCY_DOCTYPES, SHARED_DOCTYPES
from ita_tracker.tests.factories import (
	CommittedWorldTestCase,
	ITATestCase,
	PlanWorld,
	Team,
	delete_team,
	delete_world,
	make_user,
)
from ita_tracker.tests.http import api_keys, session, site_url

DATA = frappe.get_app_path("ita_tracker", "tests", "data")
EVIDENCE = {"completion_date": "2025-11-15", "evidence_url": "https://example.org/evidence"}


def file_bytes(name: str) -> bytes:
	with open(f"{DATA}/{name}", "rb") as f:
		return f.read()


class TenancyCase(ITATestCase):
	"""Agency A (`self.w`) and agency B (`self.other`), each team restricted to its own agency."""

	WITH_OTHER_AGENCY = True

	def setUp(self):
		super().setUp()
		for world in (self.w, self.other):
			for user in vars(world.team).values():
				self.restrict_to_agency(user, world.agency)

	def as_user(self, user):
		frappe.set_user(user)
		self.addCleanup(frappe.set_user, "Administrator")

	def assert_unchanged(self, doc):
		stored = frappe.get_doc(doc.doctype, doc.name)
		self.assertEqual(str(stored.modified), str(doc.modified), f"{doc.doctype} {doc.name} was changed")

	def attach(self, user, doctype, name, file_name, content, **fields):
		frappe.set_user(user)
		try:
			return frappe.get_doc(
				{
					"doctype": "File",
					"file_name": file_name,
					"content": content,
					"attached_to_doctype": doctype,
					"attached_to_name": name,
					"is_private": 1,
					**fields,
				}
			).insert()
		finally:
			frappe.set_user("Administrator")


class TestApprovalIsTheExecutives(TenancyCase):
	def test_a_manager_cannot_approve_a_plan_by_its_docstatus(self):
		plan = frappe.get_doc("ITA Plan", self.w.plan.name)
		self.as_user(self.w.manager)
		for submit in (
			lambda: frappe.get_doc("ITA Plan", plan.name).update({"docstatus": 1}).save(),
			lambda: frappe.client.submit(frappe.get_doc("ITA Plan", plan.name).as_dict()),
		):
			with self.subTest(submit=submit), self.assertRaises(frappe.PermissionError):
				submit()
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("ITA Plan", plan.name, ["status", "docstatus", "approved_by"]),
			("Draft", 0, None),
		)

	def test_a_pending_plan_is_approved_only_with_approve(self):
		self.w.act(self.w.manager, self.w.plan, "Submit for Approval")
		self.as_user(self.w.executive)
		with self.assertRaises(ApprovalRequiredError):
			frappe.get_doc("ITA Plan", self.w.plan.name).update({"docstatus": 1}).save()
		apply_workflow(frappe.get_doc("ITA Plan", self.w.plan.name), "Approve")
		self.assertEqual(
			frappe.db.get_value("ITA Plan", self.w.plan.name, ["status", "approved_by"]),
			("Approved", self.w.executive),
		)

	def test_ignoring_permissions_does_not_approve_either(self):
		plan = frappe.get_doc("ITA Plan", self.w.plan.name)
		plan.docstatus = 1
		self.as_user(self.w.manager)
		with self.assertRaises(ApprovalRequiredError):
			plan.save(ignore_permissions=True)

	def test_cancelling_changes_nothing_but_the_state(self):
		self.w.approve_plan()
		self.as_user(self.w.manager)
		plan = frappe.get_doc("ITA Plan", self.w.plan.name)
		plan.period_end = "2026-12-31"
		with self.assertRaises(frappe.PermissionError):
			plan.cancel()
		cancel_from_desk("ITA Plan", self.w.plan.name, "status", "Published")
		self.assertEqual(
			frappe.db.get_value("ITA Plan", self.w.plan.name, ["status", "docstatus"]), ("Cancelled", 2)
		)


class TestWritesStayInTheAgency(TenancyCase):
	def test_agency_null_or_own_does_not_open_another_agencys_records(self):
		o = self.other
		targets = (
			(o.plan, {"period_end": "2026-06-30"}),
			(o.measure_a, {"measure_title": "ของหน่วยงาน A"}),
			(o.step_a, {"description": "ของหน่วยงาน A"}),
			(o.results[0], {"score": 99}),
			(frappe.get_doc("ITA Assessment", o.assessment.name), {"overall_score": 99}),
			(frappe.get_doc("ITA Division", o.division_a), {"division_name": "กองของ A"}),
		)
		for doc, changes in targets:
			for agency in (None, self.w.agency):
				with self.subTest(doctype=doc.doctype, agency=agency):
					self.as_user(self.w.manager)
					with self.assertRaises(frappe.PermissionError):
						frappe.get_doc(doc.doctype, doc.name).update({"agency": agency, **changes}).save()
					with self.assertRaises(frappe.PermissionError):
						frappe.client.save(
							{**frappe.get_doc(doc.doctype, doc.name).as_dict(), "agency": agency, **changes}
						)
					frappe.set_user("Administrator")
					self.assert_unchanged(doc)

	def test_progress_on_another_agencys_approved_plan(self):
		self.other.approve_plan()
		step = frappe.get_doc("ITA Action Step", self.other.step_a.name)
		for user in (self.w.manager, self.w.head_a, self.w.owner_a):
			with self.subTest(user=user):
				self.as_user(user)
				with self.assertRaises(frappe.PermissionError):
					frappe.get_doc("ITA Action Step", step.name).update({"agency": None, **EVIDENCE}).save()
		frappe.set_user("Administrator")
		self.assert_unchanged(step)

	def test_an_executive_writes_no_reason_into_another_agencys_plan(self):
		self.other.act(self.other.manager, self.other.plan, "Submit for Approval")
		plan = frappe.get_doc("ITA Plan", self.other.plan.name)
		self.as_user(self.w.executive)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("ITA Plan", plan.name).update({"agency": None, "rejection_reason": "x"}).save()
		frappe.set_user("Administrator")
		self.assert_unchanged(plan)

	def test_a_step_does_not_move_under_another_agencys_measure(self):
		self.as_user(self.w.manager)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("ITA Action Step", self.w.step_a.name).update(
				{"measure": self.other.measure_a.name}
			).save()
		frappe.set_user("Administrator")
		# Not even for a user who sees both agencies: the step would take the other agency's plan.
		with self.assertRaises(CrossAgencyLinkError):
			frappe.get_doc("ITA Action Step", self.w.step_a.name).update(
				{"measure": self.other.measure_a.name}
			).save()

	def test_another_agencys_division_is_not_responsible_for_a_measure(self):
		with self.assertRaises(CrossAgencyLinkError):
			frappe.get_doc("ITA Measure", self.w.measure_a.name).update(
				{"responsible_divisions": [{"division": self.other.division_a}]}
			).save()
		with self.assertRaises(CrossAgencyLinkError):
			frappe.get_doc("ITA Action Step", self.w.step_a.name).update(
				{"division": self.other.division_b}
			).save()

	def test_a_row_of_another_record_is_not_moved_in(self):
		theirs = frappe.get_doc("ITA Measure", self.other.measure_a.name).responsible_divisions[0]
		measure = frappe.get_doc("ITA Measure", self.w.measure_a.name)
		measure.responsible_divisions[0].name = theirs.name
		with self.assertRaises(ForeignChildRowError):
			measure.save()
		self.assertEqual(
			frappe.db.get_value("ITA Measure Division", theirs.name, "parent"), self.other.measure_a.name
		)

	def test_a_revision_cannot_copy_another_agencys_plan(self):
		self.other.approve_plan()
		self.other.act(self.other.manager, self.other.plan, "Cancel for Revision")
		self.w.approve_plan()
		self.w.act(self.w.manager, self.w.plan, "Cancel for Revision")
		revision = frappe.copy_doc(frappe.get_doc("ITA Plan", self.w.plan.name))
		revision.update({"amended_from": self.other.plan.name, "docstatus": 0})
		with self.assertRaises(CrossAgencyLinkError):
			revision.insert()


class TestSharedMasterData(TenancyCase):
	def test_an_agencys_manager_edits_no_shared_master_data(self):
		template = frappe.get_last_doc("ITA Measure Template")
		shared = (
			(frappe.get_doc("ITA Indicator", "1"), {"indicator_name": "ชื่อใหม่"}),
			(frappe.get_single("ITA Settings"), {"target_score": 50}),
			(frappe.get_doc("ITA Fiscal Year", "2568"), {"iit_weight": 50}),
			(template, {"measure_title": "มาตรการใหม่"}),
		)
		for doc, changes in shared:
			with self.subTest(doctype=doc.doctype):
				self.as_user(self.w.manager)
				with self.assertRaises(frappe.PermissionError):
					frappe.get_doc(doc.doctype, doc.name).update(changes).save()
		self.as_user(self.w.manager)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(
				{"doctype": "ITA Indicator", "indicator_no": 11, "tool": "OIT", "indicator_name": "x"}
			).insert()

	def test_the_site_administrator_edits_them(self):
		administrator = make_user("ITA Administrator")
		self.as_user(administrator)
		frappe.get_doc("ITA Indicator", "1").update({"indicator_name_en": "Duty"}).save()
		settings = frappe.get_single("ITA Settings")
		settings.target_score = 86
		settings.save()
		self.assertEqual(frappe.db.get_single_value("ITA Settings", "target_score"), 86)


class TestReadsStayInTheAgency(TenancyCase):
	def test_child_rows_of_another_agency_are_not_listed(self):
		self.as_user(self.w.manager)
		for child, parent in (
			("ITA Measure Division", "ITA Measure"),
			("ITA Measure Indicator Result", "ITA Measure"),
			("ITA Step Division", "ITA Action Step"),
			("ITA Division Member", "ITA Division"),
		):
			with self.subTest(child=child):
				parents = {
					row["parent"]
					for row in frappe.client.get_list(
						child, fields=["parent"], parent=parent, limit_page_length=0
					)
				}
				theirs = set(frappe.get_all(parent, filters={"agency": self.other.agency}, pluck="name"))
				self.assertFalse(parents & theirs, child)

	def test_print_view_given_a_document_prints_nothing_of_another_agency(self):
		doc = frappe.get_doc("ITA Plan", self.other.plan.name).as_dict()
		self.as_user(self.w.manager)
		for agency in (None, self.w.agency):
			with self.subTest(agency=agency), self.assertRaises(frappe.PermissionError):
				frappe.www.printview.get_html_and_style(
					json.dumps({**doc, "agency": agency}, default=str), print_format="แผนปรับปรุง ITA (O25)"
				)

	def test_people_and_logs_of_another_agency_are_not_listed(self):
		self.as_user(self.w.manager)
		users = set(frappe.get_list("User", pluck="name", limit_page_length=0))
		self.assertIn(self.w.owner_a, users)
		self.assertFalse(users & set(vars(self.other.team).values()))

	def test_workflow_actions_of_another_agency_are_not_listed(self):
		self.other.act(self.other.manager, self.other.plan, "Submit for Approval")
		self.w.act(self.w.manager, self.w.plan, "Submit for Approval")
		self.as_user(self.w.executive)
		listed = set(frappe.get_list("Workflow Action", pluck="reference_name", limit_page_length=0))
		self.assertIn(self.w.plan.name, listed)
		self.assertNotIn(self.other.plan.name, listed)

	def test_likes_follows_shares_and_assignments_stay_in_the_agency(self):
		plan = frappe.get_doc("ITA Plan", self.other.plan.name)
		self.as_user(self.w.manager)
		with self.assertRaises(frappe.PermissionError):
			toggle_like("ITA Plan", plan.name, "Yes")
		# Frappe follows a document only for a user who asked to be notified of what they follow.
		frappe.db.set_value("User", self.w.manager, "document_follow_notify", 1)
		with self.assertRaises(frappe.PermissionError):
			follow_document("ITA Plan", plan.name, self.w.manager)
		frappe.set_user("Administrator")
		self.assert_unchanged(plan)
		self.as_user(self.other.manager)
		with self.assertRaises(ShareNotPermittedError):
			share("ITA Plan", plan.name, self.w.manager)
		with self.assertRaises(frappe.PermissionError):
			assign(
				{"doctype": "ITA Action Step", "name": self.other.step_a.name, "assign_to": [self.w.owner_a]}
			)


class TestFilesAreEvidence(TenancyCase):
	def test_pages_and_scripts_are_never_attached(self):
		for name, content in (
			("evidence.html", b"<html><script>alert(1)</script></html>"),
			("evidence.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
			("photo.jpg", b"<html><script>alert(1)</script></html>"),
		):
			with self.subTest(name=name), self.assertRaises(FileTypeNotAllowedError):
				self.attach(self.w.manager, "ITA Action Step", self.w.step_a.name, name, content)

	def test_a_phone_photo_and_a_scan_are_kept(self):
		for name in ("phone-photo-exif.jpg", "scan.png", "scan.pdf"):
			with self.subTest(name=name):
				self.attach(self.w.manager, "ITA Action Step", self.w.step_a.name, name, file_bytes(name))

	def test_only_who_may_change_a_record_attaches_to_it(self):
		for user, step in (
			(self.w.owner_a, self.other.step_a.name),
			(self.w.manager, self.other.step_a.name),
			(self.w.owner_b, self.w.step_a.name),
		):
			with self.subTest(user=user, step=step), self.assertRaises(AttachmentNotPermittedError):
				self.attach(user, "ITA Action Step", step, "scan.pdf", file_bytes("scan.pdf"))

	def test_another_agencys_private_file_is_not_claimed_by_its_url(self):
		theirs = self.attach(
			self.other.manager, "ITA Action Step", self.other.step_a.name, "scan.pdf", file_bytes("scan.pdf")
		)
		self.as_user(self.w.owner_a)
		with self.assertRaises(AttachmentNotPermittedError):
			frappe.get_doc({"doctype": "File", "file_url": theirs.file_url, "is_private": 1}).insert()

	def test_the_administrator_stores_what_a_deleted_record_had(self):
		"""Frappe stores identical content once: the Administrator's upload takes the URL of a file whose
		record is gone (they asked no permission hook, so the upload is judged by its URL alone)."""
		orphan = self.attach(
			self.w.manager, "ITA Action Step", self.w.step_b.name, "scan.pdf", file_bytes("scan.pdf")
		)
		frappe.db.delete("ITA Action Step", self.w.step_b.name)
		self.as_user(self.w.manager)
		with self.assertRaises(AttachmentNotPermittedError):
			frappe.get_doc({"doctype": "File", "file_url": orphan.file_url, "is_private": 1}).insert()
		frappe.set_user("Administrator")
		mine = frappe.get_doc(
			{"doctype": "File", "file_name": "again.pdf", "content": file_bytes("scan.pdf"), "is_private": 1}
		).insert()
		self.assertEqual(mine.file_url, orphan.file_url)

	def test_a_verified_steps_files_are_frozen(self):
		w = self.w
		w.approve_plan()
		evidence = self.attach(
			w.owner_a, "ITA Action Step", w.step_a.name, "scan.pdf", file_bytes("scan.pdf")
		)
		w.act(w.owner_a, w.step_a, "Start Work")
		self.save_as(w.owner_a, "ITA Action Step", w.step_a.name, evidence_file=evidence.file_url, **EVIDENCE)
		w.act(w.owner_a, w.step_a, "Report Done")
		w.act(w.head_a, w.step_a, "Verify Work")
		elsewhere = self.attach(
			w.manager, "ITA Action Step", w.step_b.name, "scan.png", file_bytes("scan.png")
		)
		self.as_user(w.owner_a)
		with self.assertRaises(VerifiedStepLockedError):
			frappe.get_doc("File", evidence.name).update({"file_url": elsewhere.file_url}).save()
		with self.assertRaises(VerifiedStepLockedError):
			frappe.delete_doc("File", evidence.name)
		with self.assertRaises(VerifiedStepLockedError):
			self.attach(w.owner_a, "ITA Action Step", w.step_a.name, "scan.png", file_bytes("scan.png"))


class TestDoorsOverHTTP(FrappeTestCase):
	"""The same through Frappe's own endpoints, against a real web server of the site: two agencies
	committed for the class, A's people with API keys."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.a, cls.b = PlanWorld(Team()), PlanWorld(Team())
		cls.restrictions = [
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": user,
					"allow": "ITA Agency",
					"for_value": world.agency,
					"apply_to_all_doctypes": 1,
				}
			)
			.insert(ignore_permissions=True)
			.name
			for world in (cls.a, cls.b)
			for user in vars(world.team).values()
		]
		for user in (cls.a.manager, cls.a.executive, cls.a.owner_a, cls.a.manager_executive):
			api_keys(user)
		cls.url = site_url()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in cls.restrictions:
			frappe.delete_doc("User Permission", name, ignore_permissions=True)
		for world in (cls.a, cls.b):
			for step in frappe.get_all("ITA Action Step", filters={"plan": world.plan.name}, pluck="name"):
				frappe.db.delete("File", {"attached_to_name": step})
			delete_world(world)
			delete_team(world.team)
		frappe.db.commit()
		super().tearDownClass()

	def call(self, user, method, **data):
		return session(user).post(f"{self.url}/api/method/{method}", data=data, timeout=120)

	def put(self, user, doctype, name, data):
		return session(user).put(f"{self.url}/api/resource/{doctype}/{name}", json=data, timeout=120)

	def stored(self, doc):
		frappe.db.rollback()
		return str(frappe.db.get_value(doc.doctype, doc.name, "modified"))

	def test_a_rest_put_or_a_client_submit_approves_nothing(self):
		plan = self.a.plan
		before = self.stored(plan)
		put = self.put(self.a.manager, "ITA Plan", plan.name, {"docstatus": 1})
		self.assertIn(put.status_code, (403, 417), put.text[:300])
		doc = frappe.get_doc("ITA Plan", plan.name).as_dict()
		submit = self.call(
			self.a.manager, "frappe.client.submit", doc=json.dumps({**doc, "docstatus": 1}, default=str)
		)
		self.assertIn(submit.status_code, (403, 417), submit.text[:300])
		self.assertEqual(self.stored(plan), before)
		self.assertEqual(frappe.db.get_value("ITA Plan", plan.name, ["status", "docstatus"]), ("Draft", 0))

	def test_writes_with_agency_null_reach_nothing_of_another_agency(self):
		b = self.b
		for doc, changes in (
			(b.plan, {"period_end": "2026-06-30"}),
			(b.measure_a, {"measure_title": "ของ A"}),
			(b.step_a, {"description": "ของ A", "progress": 50}),
			(b.results[0], {"score": 99}),
		):
			before = self.stored(doc)
			for agency in (None, self.a.agency):
				with self.subTest(doctype=doc.doctype, agency=agency):
					response = self.put(self.a.manager, doc.doctype, doc.name, {"agency": agency, **changes})
					self.assertEqual(response.status_code, 403, response.text[:300])
					stored = frappe.get_doc(doc.doctype, doc.name).as_dict()
					saved = self.call(
						self.a.manager,
						"frappe.desk.form.save.savedocs",
						doc=json.dumps({**stored, "agency": agency, **changes}, default=str),
						action="Save",
					)
					self.assertEqual(saved.status_code, 403, saved.text[:300])
					self.assertEqual(self.stored(doc), before)

	def test_search_titles_and_counts_show_nothing_of_another_agency(self):
		b = self.b
		secrets = [
			frappe.db.get_value("ITA Measure", m.name, "measure_title") for m in (b.measure_a, b.measure_b)
		]
		secrets += [b.step_a.description, *vars(b.team).values()]
		responses = [
			self.call(
				self.a.manager,
				"frappe.desk.search.search_widget",
				doctype=doctype,
				txt="",
				page_length=500,
				ignore_user_permissions=1,
				filter_fields=json.dumps(fields),
			)
			for doctype, fields in (
				("ITA Measure", ["measure_title", "analysis"]),
				("ITA Action Step", ["description", "responsible_user"]),
				("ITA Indicator Result", ["analysis"]),
				("User", ["full_name"]),
			)
		]
		responses.append(
			self.call(
				self.a.manager,
				"frappe.desk.search.search_link",
				doctype="ITA Measure",
				txt="มาตรการ",
				ignore_user_permissions=1,
				page_length=500,
			)
		)
		responses.append(
			self.call(
				self.a.manager,
				"frappe.desk.search.get_link_title",
				doctype="ITA Measure",
				docname=b.measure_a.name,
			)
		)
		responses.append(
			self.call(
				self.a.manager,
				"frappe.client.validate_link",
				doctype="ITA Measure",
				docname=b.measure_a.name,
				fields=json.dumps(["measure_title"]),
			)
		)
		responses.append(
			self.call(
				self.a.manager,
				"frappe.desk.listview.get_group_by_count",
				doctype="ITA Action Step",
				current_filters="[]",
				field="assigned_to",
			)
		)
		for response in responses:
			with self.subTest(url=response.request.url, body=response.request.body):
				self.assertEqual(response.status_code, 200, response.text[:300])
				for secret in secrets:
					self.assertNotIn(secret, response.text)

	def test_uploads_are_documents_of_records_the_uploader_may_change(self):
		def upload(user, step, name, content):
			return session(user).post(
				f"{self.url}/api/method/upload_file",
				data={"doctype": "ITA Action Step", "docname": step, "is_private": 0},
				files={"file": (name, content)},
				timeout=120,
			)

		page = b"<html><script>alert(document.cookie)</script></html>"
		for name in ("evidence.html", "evidence.svg", "photo.jpg"):
			with self.subTest(name=name):
				response = upload(self.a.owner_a, self.a.step_a.name, name, page)
				self.assertEqual(response.status_code, 417, response.text[:300])
				self.assertEqual(response.json()["exc_type"], "FileTypeNotAllowedError")
		foreign = upload(self.a.owner_a, self.b.step_a.name, "scan.pdf", file_bytes("scan.pdf"))
		self.assertEqual(foreign.status_code, 403, foreign.text[:300])
		photo = upload(
			self.a.owner_a, self.a.step_a.name, "phone-photo-exif.jpg", file_bytes("phone-photo-exif.jpg")
		)
		self.assertEqual(photo.status_code, 200, photo.text[:300])
		frappe.db.rollback()
		self.assertEqual(
			frappe.get_all(
				"File",
				filters={"attached_to_name": ("in", [self.a.step_a.name, self.b.step_a.name])},
				pluck="file_name",
			),
			[photo.json()["message"]["file_name"]],
		)


class TestThePlanRowIsTheLock(CommittedWorldTestCase):
	"""Nothing lands in a plan after it was submitted: a change of its content waits for the plan's row."""

	API_ROLES = ("manager", "manager_executive")

	def new_steps(self, count):
		def insert(client):
			return client.post(
				f"{self.url}/api/resource/ITA Action Step",
				json={
					"measure": self.w.measure_a.name,
					"description": f"ขั้นตอนที่เพิ่มพร้อมกัน {frappe.generate_hash(length=6)}",
					"start_date": "2025-10-01",
					"due_date": "2025-12-31",
				},
				timeout=120,
			)

		clients = [session(self.w.manager_executive) for _ in range(count)]
		pool = ThreadPoolExecutor(count)
		return [pool.submit(insert, client) for client in clients]

	def test_inserts_waiting_for_a_submit_are_refused_once_it_commits(self):
		plan = self.w.plan.name
		# This connection stands for a submit in flight: it holds the plan's row as Frappe's save does.
		frappe.db.sql("select name from `tabITA Plan` where name = %s for update", plan)
		pending = self.new_steps(10)
		time.sleep(2)
		self.assertFalse(any(future.done() for future in pending), "an insert did not wait for the plan")
		frappe.db.set_value("ITA Plan", plan, {"status": "Pending Approval", "submitted_by": self.w.manager})
		frappe.db.commit()
		for response in (future.result() for future in pending):
			self.assertEqual(response.status_code, 417, response.text[:300])
			self.assertEqual(response.json()["exc_type"], "PlanFrozenError")
		frappe.db.set_value("ITA Plan", plan, {"status": "Draft", "submitted_by": None})
		frappe.db.commit()

	def test_a_submit_racing_thirty_inserts_answers_each_clearly(self):
		plan = self.w.plan.name
		doc = frappe.get_doc("ITA Plan", plan).as_json()
		pending = self.new_steps(30)
		submitted = session(self.w.manager).post(
			f"{self.url}/api/method/frappe.model.workflow.apply_workflow",
			json={"doc": doc, "action": "Submit for Approval"},
			timeout=120,
		)
		self.assertEqual(submitted.status_code, 200, submitted.text[:300])
		responses = [future.result() for future in pending]
		for response in responses:
			self.assertIn(response.status_code, (200, 417), response.text[:300])
			if response.status_code == 417:
				self.assertEqual(response.json()["exc_type"], "PlanFrozenError")
		frappe.db.rollback()
		inserted = {r.json()["data"]["name"] for r in responses if r.status_code == 200}
		self.assertEqual(
			inserted,
			set(
				frappe.get_all(
					"ITA Action Step",
					filters={"plan": plan, "name": ("in", list(inserted) or [""])},
					pluck="name",
				)
			),
		)
		self.assertEqual(frappe.db.get_value("ITA Plan", plan, "status"), "Pending Approval")


class TestEveryDocTypeHasATenant(FrappeTestCase):
	def test_each_doctype_of_the_app_is_an_agencys_a_childs_or_shared(self):
		"""A new DocType must say whose its records are, or the permission hooks would leave it open."""
		classified = {
			*AGENCY_DOCTYPES,
			*AGENCY_CHILDREN,
			*SHARED_DOCTYPES,
			# The children of shared master data, read with it.
			"ITA Question Year",
			"ITA Measure Template Step",
			# Per recipient: tenancy.people_query_conditions.
			"ITA Reminder Log",
		}
		self.assertEqual(
			set(frappe.get_all("DocType", filters={"module": "ITA Tracker"}, pluck="name")), classified
		)
		for child, parent in AGENCY_CHILDREN.items():
			tables = {df.options for df in frappe.get_meta(parent).get_table_fields()}
			self.assertIn(child, tables, f"{child} is not a table of {parent}")
		for doctype in AGENCY_DOCTYPES:
			for df in frappe.get_meta(doctype).get_table_fields():
				self.assertEqual(AGENCY_CHILDREN.get(df.options), doctype, df.options)
