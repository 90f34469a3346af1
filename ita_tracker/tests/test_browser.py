"""Every role's day in a real browser, in Thai and in English, failing on any error the user would meet.

Each journey opens the pages its role opens on a working day (workspace, lists, forms, reports, the print
view, the public pages) through `guarded_page` (tests/browser.py): an error dialog, a console error, an
uncaught exception or an HTTP response >= 400 anywhere on the way fails the journey, which lists them all
at its end. The journeys follow one plan through its life: the officer imports a result, creates a plan and
submits the team's plan; the executive reads and approves it; the step owner (on a phone, 390x844) starts
a step, reports evidence and marks it done; the division head checks their steps and reports and verifies
it; the officer publishes; a guest reads the public pages. A journey whose predecessor failed first brings
the plan to the state it expects on the server, so each journey still runs.

Screenshots of each role's screens go to test-artifacts/<language>/. The server is another process, so
the records are committed, and deleted after the class."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import formatdate, today

from ita_tracker.demo.loader import DEMO_FILE
from ita_tracker.printing import O25_FORMAT
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
)

PLAN_WORKFLOW = "ITA Plan Approval"
STEP_WORKFLOW = "ITA Action Step Progress"
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
		frappe.db.commit()
		cls.shots = ARTIFACTS / cls.LANG

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		frappe.db.rollback()
		frappe.set_user("Administrator")
		plans = frappe.get_all("ITA Plan", filters={"agency": cls.w.agency}, pluck="name")
		steps = frappe.get_all("ITA Action Step", filters={"plan": ("in", plans)}, pluck="name")
		for plan in plans:
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
		page = guarded_page(self.browser, user, viewport=viewport)
		self.addCleanup(page.close)
		return page

	def shot(self, page, name: str):
		# Frappe's charts animate for a few hundred milliseconds after they are drawn.
		page.page.wait_for_timeout(500)
		page.screenshot(self.shots / f"{name}.png")

	def open_workspace(self, page):
		page.goto("/app/ita-tracker", wait_for=".codex-editor .widget.links-widget-box")

	def open_list(self, page, doctype: str):
		root = f'[data-page-route="List/{doctype}/List"]'
		page.goto(
			f"/app/{slug(doctype)}", wait_for=f"{root} .list-row-container:visible, {root} .no-result:visible"
		)

	def open_form(self, page, doctype: str, name: str):
		page.goto(f"/app/{slug(doctype)}/{name}", wait_for=".page-head .title-text")
		page.page.wait_for_function(
			"([doctype, name]) => window.cur_frm && cur_frm.doctype === doctype && cur_frm.docname === name"
			" && cur_frm.doc && !cur_frm.doc.__islocal",
			arg=[doctype, name],
		)
		page.settle()

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

	def bring_plan_to(self, state: str):
		"""Moves the team's plan on the server to `state` if an earlier journey did not get it there."""
		frappe.db.rollback()
		path = [
			(self.w.manager, "Draft", "Pending Approval"),
			(self.w.executive, "Pending Approval", "Approved"),
			(self.w.manager, "Approved", "Published"),
		]
		for user, from_state, to_state in path:
			status = frappe.db.get_value("ITA Plan", self.w.plan.name, "status")
			if status == state:
				break
			if status == from_state:
				frappe.set_user(user)
				apply_workflow(
					frappe.get_doc("ITA Plan", self.w.plan.name),
					workflow_action(PLAN_WORKFLOW, from_state, to_state),
				)
				frappe.set_user("Administrator")
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value("ITA Plan", self.w.plan.name, "status"), state)

	def assert_committed(self, doctype: str, name: str, field: str, value, timeout: float = 30):
		if not wait_for_value(doctype, name, field, value, timeout):
			self.fail(
				f"{doctype} {name}: {field} is {frappe.db.get_value(doctype, name, field)!r}, not {value!r}"
			)

	# --- the journeys, in the order of the plan's life ----------------------------------------------------

	def test_1_officer_imports_the_result_creates_a_plan_and_submits_one(self):
		csv = DEMO_FILE.with_name("khwao_yai_2568_result.csv").read_bytes()
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

	def test_2_executive_reads_and_approves_the_plan(self):
		self.bring_plan_to("Pending Approval")
		plan = self.w.plan.name
		page = self.open_as(self.w.executive)
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
		page.page.fill("input[data-fieldname=evidence_url]", "https://example.org/evidence.pdf")
		page.page.fill("input[data-fieldname=completion_date]", formatdate(today()))
		page.page.keyboard.press("Escape")
		self.save(page)
		self.assert_committed("ITA Action Step", step, "evidence_url", "https://example.org/evidence.pdf")
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
		self.shot(guest, "guest-1-published-plans")
		guest.tap(f'a[href="/ita-plans/{plan}"]', "the plan")
		guest.page.wait_for_selector(".ita-doc")
		guest.settle()
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
