"""One journey per role in a real browser (Debian's Chromium driven by Playwright) against the running
site, in Thai and in English; screenshots of each step go to test-artifacts/<language>/.

The server is another process, so the records are committed and deleted after the class."""

import shutil
import time
import unittest
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import formatdate

from ita_tracker.demo.loader import DEMO_FILE
from ita_tracker.tests.factories import PlanWorld, Team, delete_team, delete_world
from ita_tracker.tests.http import site_url

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "Ita-Journey-2569!"
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


def browser_or_skip():
	try:
		from playwright.sync_api import sync_playwright
	except ImportError as error:
		raise unittest.SkipTest("NOT RUN: playwright is not installed in the bench's virtualenv") from error
	if not Path(CHROMIUM).exists():
		raise unittest.SkipTest(f"NOT RUN: no Chromium at {CHROMIUM} (Debian package chromium)")
	return sync_playwright


class BrowserJourneys:
	"""The journeys, run by a subclass per language."""

	LANG = "en"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		sync_playwright = browser_or_skip()
		cls.team = Team()
		for user in vars(cls.team).values():
			frappe.get_doc("User", user).update({"new_password": PASSWORD, "language": cls.LANG}).save(
				ignore_permissions=True
			)
		cls.w = PlanWorld(cls.team)
		cls.url = site_url()
		frappe.db.commit()
		cls.playwright = sync_playwright().start()
		cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
		cls.shots = ARTIFACTS / cls.LANG
		cls.shots.mkdir(parents=True, exist_ok=True)

	@classmethod
	def tearDownClass(cls):
		cls.browser.close()
		cls.playwright.stop()
		frappe.db.rollback()
		for plan in frappe.get_all(
			"ITA Plan", filters={"agency": cls.w.agency, "name": ("!=", cls.w.plan.name)}, pluck="name"
		):
			for doctype in ("ITA Action Step", "ITA Measure"):
				for name in frappe.get_all(doctype, filters={"plan": plan}, pluck="name"):
					frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
			frappe.delete_doc("ITA Plan", plan, force=True, ignore_permissions=True)
		frappe.db.delete("ITA Result Import", {"agency": cls.w.agency})
		delete_world(cls.w)
		delete_team(cls.team)
		frappe.db.commit()
		super().tearDownClass()

	def t(self, text: str) -> str:
		return frappe._(text, lang=self.LANG)

	def page_as(self, user: str | None):
		page = self.browser.new_page(viewport={"width": 1400, "height": 1000})
		self.addCleanup(page.close)
		if user:
			page.goto(f"{self.url}/login")
			page.fill("#login_email", user)
			page.fill("#login_password", PASSWORD)
			page.click(".btn-login")
			page.wait_for_url("**/app**", timeout=30000)
		return page

	def shot(self, page, name: str):
		page.screenshot(path=str(self.shots / f"{name}.png"))

	def open_form(self, page, doctype: str, name: str):
		page.goto(f"{self.url}/app/{frappe.scrub(doctype).replace('_', '-')}/{name}")
		page.wait_for_selector(".page-head .title-text", timeout=30000)
		page.wait_for_timeout(1500)

	def action(self, page, action: str):
		page.locator(".actions-btn-group button").first.click()
		page.locator(".actions-btn-group .dropdown-menu.show").get_by_text(self.t(action), exact=True).click()

	def wait_for(self, doctype: str, name: str, field: str, value, timeout: float = 30):
		deadline = time.monotonic() + timeout
		while time.monotonic() < deadline:
			frappe.db.rollback()
			if frappe.db.get_value(doctype, name, field) == value:
				return
			time.sleep(0.5)
		self.fail(
			f"{doctype} {name}: {field} is {frappe.db.get_value(doctype, name, field)!r}, not {value!r}"
		)

	def test_1_officer_imports_the_result_and_creates_the_plan(self):
		year = frappe.get_doc("ITA Fiscal Year", "2568")
		file_url = (
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "result.csv",
					"content": DEMO_FILE.with_name("khwao_yai_2568_result.csv").read_bytes(),
					"is_private": 1,
				}
			)
			.insert()
			.file_url
		)
		imported = frappe.get_doc(
			{
				"doctype": "ITA Result Import",
				"agency": self.w.agency,
				"fiscal_year": year.name,
				"import_file": file_url,
			}
		).insert()
		frappe.db.commit()
		page = self.page_as(self.w.manager)
		self.open_form(page, "ITA Result Import", imported.name)
		self.shot(page, "1-officer-import")
		page.get_by_role("button", name=self.t("Start Import")).click()
		self.wait_for("ITA Result Import", imported.name, "status", "Imported")
		assessment = frappe.db.get_value("ITA Result Import", imported.name, "assessment")
		self.open_form(page, "ITA Assessment", assessment)
		page.get_by_role("button", name=self.t("Create Plan")).click()
		page.wait_for_url("**/app/ita-plan/**", timeout=30000)
		page.wait_for_timeout(2000)
		self.shot(page, "2-officer-draft-plan")
		plan = page.url.rstrip("/").split("/")[-1]
		self.assertEqual(frappe.db.get_value("ITA Plan", plan, "assessment"), assessment)
		self.assertGreater(frappe.db.count("ITA Measure", {"plan": plan}), 0)

	def test_2_executive_approves_the_plan(self):
		from frappe.model.workflow import apply_workflow

		frappe.set_user(self.w.manager)
		apply_workflow(frappe.get_doc("ITA Plan", self.w.plan.name), "Submit for Approval")
		frappe.set_user("Administrator")
		frappe.db.commit()
		page = self.page_as(self.w.executive)
		self.open_form(page, "ITA Plan", self.w.plan.name)
		self.shot(page, "3-executive-pending-plan")
		self.action(page, "Approve")
		self.wait_for("ITA Plan", self.w.plan.name, "status", "Approved")
		page.wait_for_timeout(1500)
		self.shot(page, "4-executive-approved")

	def test_3_owner_reports_evidence_and_marks_done(self):
		self.wait_for("ITA Plan", self.w.plan.name, "status", "Approved", timeout=5)
		step = self.w.step_a.name
		page = self.page_as(self.w.owner_a)
		self.open_form(page, "ITA Action Step", step)
		self.action(page, "Start")
		self.wait_for("ITA Action Step", step, "status", "In Progress")
		self.open_form(page, "ITA Action Step", step)
		page.fill("input[data-fieldname=evidence_url]", "https://example.org/evidence.pdf")
		page.fill("input[data-fieldname=completion_date]", formatdate("2025-12-20"))
		page.keyboard.press("Escape")
		page.keyboard.press("Control+s")
		self.wait_for("ITA Action Step", step, "evidence_url", "https://example.org/evidence.pdf")
		self.open_form(page, "ITA Action Step", step)
		self.action(page, "Mark Done")
		self.wait_for("ITA Action Step", step, "status", "Done")
		page.wait_for_timeout(1500)
		self.shot(page, "5-owner-step-done")

	def test_4_division_head_sees_it_in_the_division_report(self):
		self.wait_for("ITA Action Step", self.w.step_a.name, "status", "Done", timeout=5)
		page = self.page_as(self.w.head_a)
		page.goto(
			f"{self.url}/app/query-report/ITA Implementation Status by Division?plan={self.w.plan.name}"
		)
		page.wait_for_selector(".dt-row", timeout=30000)
		page.wait_for_timeout(2000)
		self.shot(page, "6-division-head-report")
		body = page.locator(".report-wrapper").inner_text()
		self.assertIn(frappe.db.get_value("ITA Division", self.w.division_a, "name"), body)
		self.assertNotIn(self.w.division_b, body)

	def test_5_guest_opens_the_published_plan(self):
		from frappe.model.workflow import apply_workflow

		frappe.set_user(self.w.manager)
		apply_workflow(frappe.get_doc("ITA Plan", self.w.plan.name), "Publish")
		frappe.set_user("Administrator")
		frappe.db.commit()
		page = self.page_as(None)
		page.goto(f"{self.url}/ita-plans/{self.w.plan.name}")
		page.wait_for_selector(".ita-doc", timeout=30000)
		self.shot(page, "7-guest-published-plan")
		self.assertIn(self.w.agency, page.content())


class TestBrowserJourneysInThai(BrowserJourneys, FrappeTestCase):
	LANG = "th"


class TestBrowserJourneysInEnglish(BrowserJourneys, FrappeTestCase):
	LANG = "en"
