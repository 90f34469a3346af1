"""Every role's day in a real browser, in Thai and in English, failing on any error the user would meet.

Each journey opens the pages its role opens on a working day (workspace, lists, forms, reports, the print
view, the public pages) through `guarded_page` (tests/browser.py): an error dialog, a console error, an
uncaught exception or an HTTP response >= 400 anywhere on the way fails the journey, which lists them all
at its end. The journeys follow one plan through its life: the officer imports a result, creates a plan and
submits the team's plan; the executive, on a phone (390x844), reads and approves it; the step owner, on a
phone, starts a step, types its completion date as Thai officers do (B.E. year, Thai digits), uploads a
phone photo with EXIF as its evidence (Frappe's "strip EXIF" on) and marks it done; the division head
checks their steps and reports and verifies it; the officer publishes; a guest reads the public pages; the
officer cancels the published plan for revision and amends it, the public page staying up meanwhile, and
the revision, approved on the phone, replaces the plan on the website. The headers, breadcrumbs and list
rows on the way name the app's records by title, never by ID. A journey whose predecessor failed first
brings the plan to the state it expects on the server, so each journey still runs.

Screenshots of each role's screens go to test-artifacts/<language>/. The server is another process, so
the records are committed, and deleted after the class."""

import io
import re

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, today
from PIL import Image

from ita_tracker.printing import O25_FORMAT
from ita_tracker.rules.thai import to_thai_digits
from ita_tracker.rules.typed_dates import typed_form
from ita_tracker.tests.browser import (
	ARTIFACTS,
	DESKTOP,
	PHONE,
	guarded_page,
	launch_browser,
	set_journey_password,
	stop_browser,
	wait_for_value,
)
from ita_tracker.tests.factories import (
	PlanWorld,
	Team,
	delete_team,
	delete_world,
	load_question_bank,
	make_user,
	unique_demo_csv,
)
from ita_tracker.tests.test_revision_evidence import DATA, STRIP_EXIF, set_strip_exif
from ita_tracker.tests.test_revision_public import delete_revisions

PLAN_WORKFLOW = "ITA Plan Approval"
STEP_WORKFLOW = "ITA Action Step Progress"
# A phone's photo as owners report with it: a JPEG with EXIF (orientation, camera, GPS).
PHONE_PHOTO = DATA / "phone-photo-exif.jpg"
# A record's ID (naming.py) where the desk promises its title (public/js/titles.js).
RAW_ID = re.compile(r"ITA-(?:PLAN|ASMT|MSR|STEP|IMP)-[0-9][0-9-]*")
# The desk's own words on a Thai screen (labels, headings, buttons, menus, indicators, cards): any Latin
# word there but these names is English left untranslated.
NOT_ENGLISH = {"ITA", "IIT", "EIT", "OIT", "PDF", "CSV", "XLSX", "Workflow", "Frappe"}
LATIN_WORD = r"[A-Za-z]{2,}"
CHROME = (
	".page-head .title-area .indicator-pill, .page-head .page-actions, .layout-side-section .sidebar-label, "
	".form-layout .control-label, .form-layout .section-head, .form-layout .form-dashboard .form-link-title, "
	".list-row-head, .list-sidebar .sidebar-label, .widget-head, .number-widget-box .widget-title, "
	".dropdown-menu.show, .modal.show .modal-title, .modal.show .btn, .msgprint, .alert-message"
)
# The website's own words around a public plan.
WEB_CHROME = ".navbar, .page_content .btn, .page_content .alert, .web-footer"
REPORTS = (
	"ITA Implementation Status by Division",
	"ITA Overdue Action Steps",
	"ITA Indicator Scores by Year",
)


def workflow_action(workflow: str, state: str, next_state: str) -> str:
	"""The action that moves a document from `state` to `next_state` (its label may change; the states
	are the contract)."""
	actions = frappe.get_all(
		"Workflow Transition",
		filters={"parent": workflow, "state": state, "next_state": next_state},
		pluck="action",
	)
	assert actions, f"{workflow} has no action from {state} to {next_state}"
	return actions[0]


def slug(doctype: str) -> str:
	return frappe.scrub(doctype).replace("_", "-")


class BrowserJourneys:
	"""The journeys, run by a subclass per language."""

	LANG = "en"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.browser = launch_browser()
		cls.started = frappe.utils.now()
		cls.team = Team()
		set_journey_password(vars(cls.team).values(), cls.LANG)
		cls.w = PlanWorld(cls.team)
		# The officer imports the reference result: its questions must be in the site's question bank.
		load_question_bank()
		# The owner's phone photo is stripped of its EXIF on upload, as Frappe offers to (issue 17).
		cls.strip_exif = frappe.db.get_single_value("System Settings", STRIP_EXIF)
		set_strip_exif(1)
		frappe.db.commit()
		cls.shots = ARTIFACTS / cls.LANG

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		frappe.db.rollback()
		frappe.set_user("Administrator")
		set_strip_exif(cls.strip_exif)
		frappe.db.commit()
		plans = frappe.get_all("ITA Plan", filters={"agency": cls.w.agency}, pluck="name")
		steps = frappe.get_all("ITA Action Step", filters={"plan": ("in", plans)}, pluck="name")
		# The revision of the team's plan, with its copies and their files, and the evidence files.
		delete_revisions(cls.w)
		for plan in frappe.get_all("ITA Plan", filters={"agency": cls.w.agency}, pluck="name"):
			if plan == cls.w.plan.name:
				continue
			for doctype in ("ITA Action Step", "ITA Measure"):
				for name in frappe.get_all(doctype, filters={"plan": plan}, pluck="name"):
					frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			frappe.delete_doc("ITA Plan", plan, force=True, ignore_permissions=True)
		imports = frappe.get_all("ITA Result Import", filters={"agency": cls.w.agency}, pluck="name")
		frappe.db.delete("ITA Result Import", {"name": ("in", imports or [""])})
		# The result file the officer imported, attached to nothing.
		frappe.db.delete(
			"File", {"owner": "Administrator", "creation": (">=", cls.started), "file_name": "result.csv"}
		)
		delete_world(cls.w)
		for doctype, field in (
			("Workflow Action", "reference_name"),
			("ToDo", "reference_name"),
			("Version", "docname"),
			("Comment", "reference_name"),
		):
			frappe.db.delete(doctype, {field: ("in", [*plans, *steps, *imports] or [""])})
		users = list(vars(cls.team).values())
		frappe.db.delete("Notification Log", {"for_user": ("in", users)})
		delete_team(cls.team)
		frappe.db.commit()
		super().tearDownClass()

	# --- helpers -------------------------------------------------------------------------------------

	def t(self, text: str) -> str:
		return frappe._(text, lang=self.LANG)

	def open_as(self, user: str | None, viewport: dict = DESKTOP):
		# A user reads the desk in their own language; a guest in their browser's.
		locale = None if user else {"th": "th-TH", "en": "en-US"}[self.LANG]
		page = guarded_page(self.browser, user, viewport=viewport, locale=locale)
		self.addCleanup(page.close)
		return page

	def shot(self, page, name: str):
		# Frappe's charts animate for a few hundred milliseconds after they are drawn.
		page.page.wait_for_timeout(500)
		page.screenshot(self.shots / f"{name}.png")

	def assert_no_raw_ids(self, page):
		"""The visible header, breadcrumbs and list rows of the page (the desk's, or the website's
		header and list of plans) name the app's records by their titles, not by their IDs."""
		shown = page.page.evaluate(
			"""(pattern) => {
				const id = new RegExp(pattern);
				const parts = [
					...document.querySelectorAll(
						".page-head .title-text, #navbar-breadcrumbs li, .list-row-container, "
						+ ".page-breadcrumbs, .page-header-wrapper, .page_content a[href^='/ita-plans/']"
					),
				]
					.filter((node) => node.checkVisibility())
					.map((node) => [node.className || node.tagName, node.innerText]);
				return parts
					.filter(([, text]) => id.test(text))
					.map(([where, text]) => `${where}: ${text.replace(/\\s+/g, " ").trim()}`);
			}""",
			RAW_ID.pattern,
		)
		self.assertFalse(shown, f"raw IDs shown at {page.page.url}:\n" + "\n".join(shown))

	def assert_in_language(self, page, chrome: str = CHROME):
		"""In Thai, the site's own words on the screen (`chrome`) are Thai: no English word but NOT_ENGLISH."""
		if self.LANG != "th":
			return
		shown = page.page.evaluate(
			"""([selector, pattern]) => [...document.querySelectorAll(selector)]
				.filter((node) => node.checkVisibility())
				.flatMap((node) => (node.innerText.match(new RegExp(pattern, "g")) || []).map(
					(word) => `${word} (${node.className}: ${node.innerText.replace(/\\s+/g, " ").trim()})`
				))""",
			[chrome, LATIN_WORD],
		)
		english = [word for word in shown if word.split(" ", 1)[0] not in NOT_ENGLISH]
		self.assertFalse(english, f"English shown at {page.page.url}:\n" + "\n".join(english))

	def assert_nothing_cut(self, page):
		"""Every title of the workspace's cards, charts and shortcuts and every link of its link cards is
		shown whole: none runs past its box (an ellipsis or another widget over its end)."""
		cut = page.page.evaluate(
			"""() => [...document.querySelectorAll(".widget .widget-title, .links-widget-box .link-item")]
				.filter((node) => node.checkVisibility())
				.filter((node) => {
					const text = document.createRange();
					text.selectNodeContents(node);
					const box = (node.closest(".link-item") ? node : node.closest(".widget"))
						.getBoundingClientRect();
					return node.scrollWidth > node.clientWidth + 1
						|| text.getBoundingClientRect().right > box.right + 1;
				})
				.map((node) => node.innerText.trim())"""
		)
		self.assertFalse(cut, f"cut off at {page.page.url}: {cut}")

	def open_workspace(self, page):
		page.goto("/app/ita-tracker", wait_for=".codex-editor .widget.links-widget-box")
		self.assert_in_language(page)
		self.assert_nothing_cut(page)

	def open_list(self, page, doctype: str):
		root = f'[data-page-route="List/{doctype}/List"]'
		page.goto(
			f"/app/{slug(doctype)}", wait_for=f"{root} .list-row-container:visible, {root} .no-result:visible"
		)
		self.assert_no_raw_ids(page)
		self.assert_in_language(page)

	def open_form(self, page, doctype: str, name: str):
		page.goto(f"/app/{slug(doctype)}/{name}", wait_for=".page-head .title-text")
		page.page.wait_for_function(
			"([doctype, name]) => window.cur_frm && cur_frm.doctype === doctype && cur_frm.docname === name"
			" && cur_frm.doc && !cur_frm.doc.__islocal",
			arg=[doctype, name],
		)
		page.settle()
		self.assert_no_raw_ids(page)
		self.assert_in_language(page)

	def open_report(self, page, report: str, **filters):
		query = "&".join(f"{key}={value}" for key, value in filters.items())
		page.goto(f"/app/query-report/{report}?{query}")
		# Rendered: the table, or the message an empty report shows instead.
		page.page.wait_for_function(
			"""(name) => {
				const report = frappe.query_report;
				return report && report.report_name === name && report.$report && (
					report.$report.find(".datatable:visible").length || report.$message.is(":visible")
				);
			}""",
			arg=report,
		)
		page.settle()

	def save(self, page):
		"""Taps Save and waits until the form holds what the server stored."""
		page.tap(page.locator(".page-head .page-actions .primary-action"), "Save")
		page.page.wait_for_function("() => cur_frm && !cur_frm.is_dirty() && !cur_frm.save_disabled")
		page.settle()

	def act(self, page, workflow: str, state: str, next_state: str):
		"""Chooses the workflow action from the form's Actions menu, as the user does."""
		action = self.t(workflow_action(workflow, state, next_state))
		page.tap(page.locator(".page-actions .actions-btn-group > button").first, "Actions")
		page.tap(
			page.locator(".actions-btn-group .dropdown-menu.show").get_by_text(action, exact=True), action
		)
		# Submit, Approve and Cancel for Revision ask first (ita_plan.js); the user answers Yes.
		if workflow == PLAN_WORKFLOW and next_state in ("Pending Approval", "Approved", "Cancelled"):
			page.tap(page.locator(".modal.show").get_by_role("button", name=self.t("Yes")), "Yes")

	def bring_plan_to(self, state: str):
		"""The shared plan at `state`, if an earlier journey did not get it there."""
		self.w.bring_plan_to(state)
		self.assertEqual(frappe.db.get_value("ITA Plan", self.w.plan.name, "status"), state)

	def assert_committed(self, doctype: str, name: str, field: str, value, timeout: float = 30):
		if not wait_for_value(doctype, name, field, value, timeout):
			self.fail(
				f"{doctype} {name}: {field} is {frappe.db.get_value(doctype, name, field)!r}, not {value!r}"
			)

	def assert_evidence_without_exif(self, step: str):
		"""The step's stored evidence is the phone's photo, a file attached to the step, stripped of EXIF."""
		frappe.db.rollback()
		evidence = frappe.db.get_value("ITA Action Step", step, "evidence_file")
		self.assertTrue(evidence, f"{step} has no evidence file")
		files = frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": "ITA Action Step",
				"attached_to_name": step,
				"file_url": evidence,
			},
			pluck="name",
		)
		self.assertTrue(files, f"{evidence} is not a file attached to {step}")
		photo = Image.open(io.BytesIO(frappe.get_doc("File", files[0]).get_content()))
		self.assertEqual(photo.format, "JPEG")
		self.assertFalse(photo.getexif(), f"{evidence} of {step} kept its EXIF")

	# --- the journeys, in the order of the plan's life ----------------------------------------------------

	def test_1_officer_imports_the_result_creates_a_plan_and_submits_one(self):
		csv = unique_demo_csv()
		file_url = (
			frappe.get_doc({"doctype": "File", "file_name": "result.csv", "content": csv, "is_private": 1})
			.insert()
			.file_url
		)
		imported = frappe.get_doc(
			{
				"doctype": "ITA Result Import",
				"agency": self.w.agency,
				"fiscal_year": "2568",
				"import_file": file_url,
			}
		).insert()
		frappe.db.commit()
		page = self.open_as(self.w.manager)
		self.open_workspace(page)
		self.shot(page, "officer-1-workspace")
		self.open_list(page, "ITA Result Import")
		self.open_form(page, "ITA Result Import", imported.name)
		self.shot(page, "officer-2-import")
		page.tap(page.page.get_by_role("button", name=self.t("Start Import")), "Start Import")
		self.assert_committed("ITA Result Import", imported.name, "status", "Imported")
		assessment = frappe.db.get_value("ITA Result Import", imported.name, "assessment")
		self.open_list(page, "ITA Assessment")
		self.open_form(page, "ITA Assessment", assessment)
		self.shot(page, "officer-3-assessment")
		page.tap(page.page.get_by_role("button", name=self.t("Create Plan")), "Create Plan")
		page.page.wait_for_url("**/app/ita-plan/**")
		plan = page.page.url.rstrip("/").split("/")[-1].split("?")[0]
		self.open_form(page, "ITA Plan", plan)
		self.shot(page, "officer-4-draft-plan")
		self.assertEqual(frappe.db.get_value("ITA Plan", plan, "assessment"), assessment)
		self.assertGreater(frappe.db.count("ITA Measure", {"plan": plan}), 0)
		measure = frappe.get_all("ITA Measure", filters={"plan": plan}, pluck="name", limit=1)[0]
		self.open_list(page, "ITA Measure")
		self.open_form(page, "ITA Measure", measure)
		self.open_list(page, "ITA Action Step")
		self.open_list(page, "ITA Indicator Result")
		# The team's plan is ready: the officer submits it for approval.
		self.open_list(page, "ITA Plan")
		self.shot(page, "officer-5-plan-list")
		self.open_form(page, "ITA Plan", self.w.plan.name)
		self.act(page, PLAN_WORKFLOW, "Draft", "Pending Approval")
		self.assert_committed("ITA Plan", self.w.plan.name, "status", "Pending Approval")
		page.settle()
		self.shot(page, "officer-6-submitted")
		for report in REPORTS:
			self.open_report(page, report, agency=self.w.agency)
		self.shot(page, "officer-7-scores-report")
		page.close()

	def test_2_executive_on_a_phone_reads_and_approves_the_plan(self):
		self.bring_plan_to("Pending Approval")
		plan = self.w.plan.name
		page = self.open_as(self.w.executive, viewport=PHONE)
		self.open_workspace(page)
		self.shot(page, "executive-1-workspace")
		self.open_list(page, "ITA Plan")
		self.shot(page, "executive-2-plan-list")
		self.open_form(page, "ITA Plan", plan)
		self.shot(page, "executive-3-pending-plan")
		# The document they approve, as printed: the O25, the plan's default print format, by its Thai name.
		page.goto(f"/app/print/ITA Plan/{plan}", wait_for=".print-preview-sidebar")
		page.page.frame_locator(".print-format-container").locator(".ita-doc").first.wait_for()
		picker = page.locator('.print-preview-sidebar input[data-fieldname="print_format"]')
		self.assertEqual(picker.input_value(), O25_FORMAT)
		page.settle()
		self.shot(page, "executive-4-print-o25")
		self.open_form(page, "ITA Plan", plan)
		self.act(page, PLAN_WORKFLOW, "Pending Approval", "Approved")
		self.assert_committed("ITA Plan", plan, "status", "Approved")
		page.settle()
		self.shot(page, "executive-5-approved")
		self.open_report(page, "ITA Indicator Scores by Year", agency=self.w.agency)
		self.open_report(page, "ITA Implementation Status by Division", plan=plan)
		self.shot(page, "executive-6-status-report")
		page.close()

	def test_3_owner_on_a_phone_reports_evidence_and_marks_the_step_done(self):
		self.bring_plan_to("Approved")
		step = self.w.step_a.name
		page = self.open_as(self.w.owner_a, viewport=PHONE)
		self.open_workspace(page)
		self.shot(page, "owner-1-workspace")
		self.open_list(page, "ITA Action Step")
		self.shot(page, "owner-2-step-list")
		self.open_form(page, "ITA Action Step", step)
		self.shot(page, "owner-3-step")
		self.act(page, STEP_WORKFLOW, "Not Started", "In Progress")
		self.assert_committed("ITA Action Step", step, "status", "In Progress")
		self.open_form(page, "ITA Action Step", step)
		# Today as Thai officers type it: the site's date format, a B.E. year, Thai digits (๐๗-๑๒-๒๕๖๙).
		date_format = frappe.db.get_single_value("System Settings", "date_format") or "dd-mm-yyyy"
		typed = to_thai_digits(typed_form(date_format, getdate(today()), buddhist_era=True))
		page.page.fill("input[data-fieldname=completion_date]", typed)
		page.page.keyboard.press("Escape")
		self.save(page)
		self.assert_committed("ITA Action Step", step, "completion_date", getdate(today()))
		# The evidence: the phone's photo, through the upload dialog of the step's evidence file.
		self.assertTrue(Image.open(PHONE_PHOTO).getexif(), "the fixture photo has no EXIF to strip")
		page.tap(page.locator('.frappe-control[data-fieldname="evidence_file"] .btn-attach'), "Attach")
		dialog = page.locator(".modal.show")
		with page.page.expect_file_chooser() as chooser:
			page.tap(dialog.get_by_role("button", name=self.t("My Device")), "My Device")
		chooser.value.set_files(PHONE_PHOTO)
		page.tap(dialog.locator(".btn-modal-primary"), "Upload")
		# The Attach field saves the step once the file is uploaded.
		page.page.wait_for_function("() => cur_frm.doc.evidence_file && !cur_frm.is_dirty()")
		page.settle()
		self.assert_evidence_without_exif(step)
		self.open_form(page, "ITA Action Step", step)
		self.act(page, STEP_WORKFLOW, "In Progress", "Done")
		self.assert_committed("ITA Action Step", step, "status", "Done")
		page.settle()
		self.shot(page, "owner-4-step-done")
		self.open_form(page, "ITA Plan", self.w.plan.name)
		self.shot(page, "owner-5-plan")
		page.close()

	def test_4_division_head_follows_their_steps_and_verifies_the_done_one(self):
		self.assert_committed("ITA Action Step", self.w.step_a.name, "status", "Done", timeout=1)
		plan = self.w.plan.name
		page = self.open_as(self.w.head_a)
		self.open_workspace(page)
		self.shot(page, "division-head-1-workspace")
		self.open_list(page, "ITA Measure")
		self.open_form(page, "ITA Measure", self.w.measure_a.name)
		self.open_list(page, "ITA Action Step")
		self.shot(page, "division-head-2-step-list")
		self.open_report(page, "ITA Implementation Status by Division", plan=plan)
		self.shot(page, "division-head-3-status-report")
		body = page.locator(".report-wrapper").inner_text()
		names = {
			d: frappe.db.get_value("ITA Division", d, "division_name")
			for d in (self.w.division_a, self.w.division_b)
		}
		self.assertIn(names[self.w.division_a], body)
		self.assertNotIn(names[self.w.division_b], body)
		self.open_report(page, "ITA Overdue Action Steps", plan=plan)
		self.open_form(page, "ITA Action Step", self.w.step_a.name)
		self.act(page, STEP_WORKFLOW, "Done", "Verified")
		self.assert_committed("ITA Action Step", self.w.step_a.name, "status", "Verified")
		page.settle()
		self.shot(page, "division-head-4-verified")
		self.open_form(page, "ITA Plan", plan)
		page.close()

	def test_5_officer_publishes_and_a_guest_reads_the_published_plan(self):
		self.bring_plan_to("Approved")
		plan = self.w.plan.name
		officer = self.open_as(self.w.manager)
		self.open_form(officer, "ITA Plan", plan)
		self.act(officer, PLAN_WORKFLOW, "Approved", "Published")
		self.assert_committed("ITA Plan", plan, "status", "Published")
		officer.settle()
		self.shot(officer, "officer-8-published")
		officer.close()
		guest = self.open_as(None)
		guest.goto("/ita-plans", wait_for=f'a[href="/ita-plans/{plan}"]')
		self.assert_no_raw_ids(guest)
		self.shot(guest, "guest-1-published-plans")
		guest.tap(f'a[href="/ita-plans/{plan}"]', "the plan")
		guest.page.wait_for_selector(".ita-doc")
		guest.settle()
		self.assert_no_raw_ids(guest)
		self.shot(guest, "guest-2-published-plan")
		self.assertIn(self.w.agency, guest.page.content())
		guest.close()

	def test_6_national_officer_asks_for_the_countrys_status_report(self):
		"""Over the whole country the report is a background (prepared) report, offered in their language;
		with their agency chosen it runs at once."""
		officer = self.open_as(self.w.manager)
		report = "ITA Implementation Status by Division"
		self.open_report(officer, report)
		message = self.t(
			"This is a background report. Please set the appropriate filters and then generate a new one."
		)
		self.assertIn(message, officer.page.evaluate("() => frappe.query_report.$message.text()"))
		generate = officer.locator(".page-head .primary-action")
		self.assertTrue(generate.is_visible())
		self.assertIn(self.t("Generate New Report"), generate.inner_text())
		self.shot(officer, "officer-9-national-status-report")
		self.open_report(officer, report, agency=self.w.agency)
		divisions = officer.page.evaluate("() => frappe.query_report.data.map((row) => row.division)")
		self.assertIn(self.w.division_a, divisions)
		officer.close()

	def test_7_officer_revises_the_published_plan_which_stays_public_until_the_revision_is(self):
		self.bring_plan_to("Published")
		plan = self.w.plan.name
		officer = self.open_as(self.w.manager)
		self.open_form(officer, "ITA Plan", plan)
		self.act(officer, PLAN_WORKFLOW, "Published", "Cancelled")
		self.assert_committed("ITA Plan", plan, "docstatus", 2)
		officer.settle()
		self.shot(officer, "officer-10-cancelled-for-revision")
		# The revision, as the desk offers it after the cancel: Frappe's Amend, saved as a draft.
		officer.tap(
			officer.locator(".modal.show").get_by_role("button", name=self.t("Make the Revision")),
			"Make the Revision",
		)
		officer.page.wait_for_function(
			"(plan) => cur_frm && cur_frm.doctype === 'ITA Plan' && cur_frm.doc.__islocal"
			" && cur_frm.doc.amended_from === plan",
			arg=plan,
		)
		officer.settle()
		self.save(officer)
		revision = officer.page.evaluate("() => cur_frm.docname")
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("ITA Plan", revision, "amended_from"), plan)
		self.assertEqual(frappe.db.get_value("ITA Plan", revision, "status"), "Draft")
		# Its steps and their evidence are copies of the plan's, the phone photo with them.
		steps = frappe.get_all("ITA Action Step", filters={"plan": plan}, pluck="name")
		copies = frappe.get_all("ITA Action Step", filters={"plan": revision}, pluck="revised_from")
		self.assertCountEqual(copies, steps)
		copy = frappe.db.get_value(
			"ITA Action Step", {"plan": revision, "revised_from": self.w.step_a.name}, ["name", "status"]
		)
		self.assertEqual(copy[1], frappe.db.get_value("ITA Action Step", self.w.step_a.name, "status"))
		self.assert_evidence_without_exif(copy[0])
		self.open_form(officer, "ITA Plan", revision)
		self.shot(officer, "officer-11-revision-draft")
		# Meanwhile the public still reads the plan in force.
		guest = self.open_as(None)
		self.read_public_plan(guest, plan)
		self.assertEqual(
			guest.locator(".ita-in-revision").inner_text().strip(),
			self.t("The agency is revising this plan. It stays in force until the revision is published."),
		)
		self.shot(guest, "guest-3-plan-in-revision")
		guest.close()
		self.act(officer, PLAN_WORKFLOW, "Draft", "Pending Approval")
		self.assert_committed("ITA Plan", revision, "status", "Pending Approval")
		officer.settle()
		executive = self.open_as(self.w.executive, viewport=PHONE)
		self.open_form(executive, "ITA Plan", revision)
		self.act(executive, PLAN_WORKFLOW, "Pending Approval", "Approved")
		self.assert_committed("ITA Plan", revision, "status", "Approved")
		executive.settle()
		self.shot(executive, "executive-7-revision-approved")
		executive.close()
		self.open_form(officer, "ITA Plan", revision)
		self.act(officer, PLAN_WORKFLOW, "Approved", "Published")
		self.assert_committed("ITA Plan", revision, "status", "Published")
		officer.settle()
		self.shot(officer, "officer-12-revision-published")
		officer.close()
		# The revision replaces the plan on the website; the plan's address leads to it.
		guest = self.open_as(None)
		self.read_public_plan(guest, revision)
		self.assertEqual(guest.locator(f'a[href="/ita-plans/{plan}"]').count(), 0)
		guest.goto(f"/ita-plans/{plan}", wait_for=".ita-doc")
		self.assertTrue(guest.page.url.endswith(f"/ita-plans/{revision}"), guest.page.url)
		self.assertFalse(guest.locator(".ita-in-revision").is_visible())
		self.assert_no_raw_ids(guest)
		self.shot(guest, "guest-4-revision-published")
		guest.close()

	def read_public_plan(self, guest, plan: str):
		"""A guest finds `plan` on /ita-plans and opens its page."""
		guest.goto("/ita-plans", wait_for=f'a[href="/ita-plans/{plan}"]')
		self.assert_no_raw_ids(guest)
		guest.tap(f'a[href="/ita-plans/{plan}"]', "the plan")
		guest.page.wait_for_selector(".ita-doc")
		self.assert_in_language(guest, WEB_CHROME)
		guest.settle()
		self.assert_no_raw_ids(guest)
		self.assertIn(self.w.agency, guest.page.content())


class TestBrowserJourneysInThai(BrowserJourneys, FrappeTestCase):
	LANG = "th"


class TestBrowserJourneysInEnglish(BrowserJourneys, FrappeTestCase):
	LANG = "en"


class TestJourneyGuard(FrappeTestCase):
	"""The guard sees every kind of error it promises to: a journey that passes proves something only if
	its guard can fail."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.browser = launch_browser()
		cls.user = make_user("ITA User", first_name="Guard")
		set_journey_password([cls.user], "en")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		frappe.delete_doc("User", cls.user, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def test_each_kind_of_error_fails_the_page_once(self):
		page = guarded_page(self.browser, self.user)
		self.addCleanup(page.context.close)
		page.check()
		page.page.evaluate(
			"""() => {
				console.error("a console error");
				setTimeout(() => { throw new Error("an uncaught error"); });
				frappe.msgprint({ title: "Broken", message: "an error dialog", indicator: "red" });
				return fetch("/assets/ita_tracker/no-such-file.js");
			}"""
		)
		page.page.wait_for_selector(".modal.show .modal-header .indicator.red")
		page.settle()
		with self.assertRaises(AssertionError) as raised:
			page.check()
		for expected in (
			"[console error] a console error",
			"[page error] Error: an uncaught error",
			"[error dialog] Broken: an error dialog",
			"[HTTP 404] GET http://",
		):
			self.assertIn(expected, str(raised.exception))
		page.check()  # each problem is reported once

	def test_a_blue_message_is_not_an_error(self):
		page = guarded_page(self.browser, self.user)
		self.addCleanup(page.context.close)
		page.page.evaluate("""() => frappe.msgprint({ title: "Saved", message: "all fine" })""")
		page.page.wait_for_selector(".modal.show .msgprint")
		page.settle()
		page.check()
