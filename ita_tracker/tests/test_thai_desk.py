"""The desk as a Thai user meets it: Frappe's own strings in our Thai, Buddhist Era years in the dates
shown for reading, Common Era dates in what is typed and stored."""

import shutil
import time
import unittest
from datetime import date
from pathlib import Path
from urllib.parse import quote

import frappe
from babel.messages.pofile import read_po
from frappe.boot import load_translations
from frappe.tests.utils import FrappeTestCase
from frappe.translate import clear_cache, get_all_translations
from frappe.utils import formatdate

from ita_tracker.findings import render
from ita_tracker.rules.checks import check_period
from ita_tracker.tests.factories import PlanWorld, Team, delete_team, delete_world
from ita_tracker.tests.http import site_url
from ita_tracker.utils import reader_date

APP = Path(__file__).parents[1]
BE_DATES_JS = APP / "public" / "js" / "be_dates.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "Ita-Thai-Desk-2569!"

# Frappe's own msgids (frappe/translations/th.csv in v15, frappe/locale/th.po later) that our users meet
# on the desk, login page, dialogs and reports, English or mistranslated in Frappe's Thai; our th.po
# overrides them (app translations are merged after Frappe's: frappe.translate.get_translations_from_apps).
FRAPPE_STRINGS = (
	# mistranslated by Frappe
	"Share",  # หุ้น (stock shares)
	"Clear",  # ชัดเจน (clear = lucid)
	"Home",  # บ้าน (a house)
	"Missing Fields",  # ทุ่งนาที่ขาดหายไป (missing rice fields)
	"Mandatory fields required in {0}",
	"Duplicate",
	"Follow",
	"Help",
	"Jump to field",
	"Message",
	"Reload",
	"Print Format",
	"Open Link",
	"Attachments",
	"Like",
	"Not Like",
	"Not Equals",
	"Frappe",  # เย็นเป็นวุ้น (a dessert), in the login page's title
	"Submitting",
	"Today",
	"Nothing to show",
	"{0} assigned {1}: {2}",  # "{0} was assigned", in the timeline of an assigned measure
	# English in Frappe's Thai
	"Submitted",
	"Connections",
	"This form is not editable due to a Workflow.",
	"Add a Filter",
	"Apply Filters",
	"Edit Filters",
	"Clear all filters",
	"No filters selected",
	"Show Saved",
	"Hide Saved",
	"ascending",
	"descending",
	"Sort Ascending",
	"Sort Descending",
	"Reset sorting",
	"Remove column",
	"Click to sort by {0}",
	"Liked by me",
	"List View",
	"Report View",
	"Dashboard View",
	"Kanban View",
	"Reload List",
	"Reload Report",
	"Document is in draft state",
	"Document has been submitted",
	"Document has been cancelled",
	"You created this",
	"{0} created this",
	"You last edited this",
	"{0} last edited this",
	"You changed the value of {0}",
	"{0} changed the value of {1}",
	"{0} from {1} to {2}",
	"Previous Document",
	"Next Document",
	"This value is fetched from {0}'s {1} field",
	"Drag and drop files here or upload from",
	"My Device",
	"Library",
	"Set all private",
	"Set all public",
	"Apps",
	"My Profile",
	"My Settings",
	"Toggle Full Width",
	"Toggle Theme",
	"Switch Theme",
	"Log out",
	"User Menu",
	"About",
	"Mark all as read",
	"No new notifications",
	"No New notifications",
	"Looks like you haven’t received any notifications.",
	"You have unseen notifications",
	"Events",
	"There are no upcoming events for you.",
	"What's New",
	"Nothing New",
	"There is nothing new to show you right now.",
	"Workspace",
	"Navigate to main content",
	"Duplicate Workspace",
	"Tools",
	"Integrations",
	"Build",
	"Search or type a command ({0})",
	"Form",
	"Try the new Print Designer",
	"No Letterhead",
	"Print document",
	"Copy to Clipboard",
	"Remind Me",
	"Undo",
	"Redo",
	"Undo last action",
	"Redo last action",
	"Show All",
	"Type a reply / comment",
	"Login to {0}",
	"Login with Email Link",
	"No.",
	# English in Frappe's Thai, met on the Users workspace, in notifications, the upload dialog, the web
	# footer and the timeline (issue 17)
	"Reports &amp; Masters",  # the workspace header block translates its text HTML-escaped
	"See all Activity",
	"Optimize",
	"Built on {0}",
	"added rows for {0}",
	"removed rows for {0}",
)


def our_thai() -> dict[str, str]:
	with open(APP / "locale" / "th.po", "rb") as po:
		return {message.id: message.string for message in read_po(po) if message.id}


class TestFrappeStringsInOurThai(FrappeTestCase):
	def setUp(self):
		self.ours = our_thai()
		clear_cache()
		self.addCleanup(clear_cache)
		self.addCleanup(setattr, frappe.local, "lang", "en")

	def test_each_string_has_our_thai(self):
		missing = [msgid for msgid in FRAPPE_STRINGS if not self.ours.get(msgid)]
		self.assertEqual(missing, [])

	def test_frappe_strings_resolve_to_our_thai(self):
		for msgid in FRAPPE_STRINGS:
			with self.subTest(msgid=msgid):
				self.assertEqual(frappe._(msgid, lang="th"), self.ours[msgid])
		self.assertEqual(frappe._("Share", lang="th"), "แชร์")
		self.assertEqual(frappe._("Missing Fields", lang="th"), "ข้อมูลที่ยังไม่ได้กรอก")

	def test_a_thai_desk_boots_with_our_thai(self):
		frappe.local.lang = "th"
		bootinfo = frappe._dict()
		load_translations(bootinfo)
		self.assertEqual(bootinfo.lang, "th")
		all_translations = get_all_translations("th")
		for msgid in FRAPPE_STRINGS:
			with self.subTest(msgid=msgid):
				self.assertEqual(bootinfo["__messages"].get(msgid), self.ours[msgid])
				self.assertEqual(all_translations.get(msgid), self.ours[msgid])


class TestReaderDates(FrappeTestCase):
	def setUp(self):
		self.addCleanup(setattr, frappe.local, "lang", "en")

	def test_a_thai_reader_reads_the_buddhist_era_year(self):
		self.assertEqual(reader_date(date(2025, 12, 31), "th"), "31 ธ.ค. 2568")
		self.assertEqual(reader_date("2025-10-01", "th"), "1 ต.ค. 2568")
		self.assertEqual(reader_date(date(2025, 12, 31), "en"), formatdate("2025-12-31"))
		self.assertEqual(reader_date(None, "th"), "")

	def test_a_finding_shown_to_a_thai_user_has_buddhist_era_dates(self):
		finding = check_period("Measure", date(2025, 12, 31), date(2025, 10, 1), "ITA-MSR-X")
		frappe.local.lang = "th"
		thai = render(finding)
		self.assertIn("1 ต.ค. 2568", thai)
		self.assertIn("31 ธ.ค. 2568", thai)
		self.assertNotIn("2025", thai)
		frappe.local.lang = "en"
		self.assertIn(formatdate("2025-10-01"), render(finding))


def browser_or_skip():
	try:
		from playwright.sync_api import sync_playwright
	except ImportError as error:
		raise unittest.SkipTest("NOT RUN: playwright is not installed in the bench's virtualenv") from error
	if not Path(CHROMIUM).exists():
		raise unittest.SkipTest(f"NOT RUN: no Chromium at {CHROMIUM} (Debian package chromium)")
	return sync_playwright


def buddhist_era(ce_text: str) -> str:
	"""A date formatted by Frappe (CE) with its year in the Buddhist Era, as the Thai desk shows it."""
	year = next(part for part in ce_text.replace("/", "-").replace(".", "-").split("-") if len(part) == 4)
	return ce_text.replace(year, str(int(year) + 543))


class TestThaiDeskDatesInTheBrowser(FrappeTestCase):
	"""A Thai officer reads BE years in the step list, form (its date inputs too) and overdue report, and a
	CE date typed is still read as CE; an English officer reads CE. The app's public JS is served from this
	checkout. The server is another process, so the records are committed and deleted after the class."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		sync_playwright = browser_or_skip()
		cls.team = Team()
		for user in vars(cls.team).values():
			language = "en" if user == cls.team.manager_executive else "th"
			frappe.get_doc("User", user).update({"new_password": PASSWORD, "language": language}).save(
				ignore_permissions=True
			)
		cls.w = PlanWorld(cls.team)
		cls.url = site_url()
		frappe.db.commit()
		cls.playwright = sync_playwright().start()
		cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

	@classmethod
	def tearDownClass(cls):
		cls.browser.close()
		cls.playwright.stop()
		frappe.db.rollback()
		delete_world(cls.w)
		delete_team(cls.team)
		frappe.db.commit()
		super().tearDownClass()

	def page_as(self, user: str):
		context = self.browser.new_context(viewport={"width": 1400, "height": 1000})
		self.addCleanup(context.close)
		context.route(
			"**/assets/ita_tracker/js/be_dates.js*",
			lambda route: route.fulfill(path=str(BE_DATES_JS), content_type="text/javascript"),
		)
		page = context.new_page()
		errors = []
		page.on("pageerror", lambda error: errors.append(str(error)))
		self.addCleanup(lambda: self.assertEqual(errors, [], "JavaScript errors in the desk"))
		page.goto(f"{self.url}/login")
		page.fill("#login_email", user)
		page.fill("#login_password", PASSWORD)
		page.click(".btn-login")
		page.wait_for_url("**/app**", timeout=30000)
		return page

	def step_list_row(self, page) -> str:
		page.goto(f"{self.url}/app/ita-action-step?measure={self.w.measure_a.name}")
		# Rows are named by their text: the list shows no ID column (public/js/titles.js).
		row = page.locator(".list-row-container", has_text=self.w.step_a.description)
		row.wait_for(timeout=30000)
		return row.inner_text()

	def open_step(self, page):
		page.goto(f"{self.url}/app/ita-action-step/{self.w.step_a.name}")
		page.wait_for_selector("input[data-fieldname=start_date]", state="attached", timeout=30000)
		page.wait_for_timeout(1000)

	def shown_and_typed(self, page, fieldname: str) -> tuple[str, str]:
		"""The field's read-only display and its input's value."""
		control = f".frappe-control[data-fieldname={fieldname}]"
		return (
			page.locator(f"{control} .control-value").inner_text().strip(),
			page.input_value(f"{control} input"),
		)

	def stored_start_date(self, wait_for: date, timeout: float = 30):
		deadline = time.monotonic() + timeout
		while True:
			frappe.db.rollback()
			stored = frappe.db.get_value("ITA Action Step", self.w.step_a.name, "start_date")
			if stored == wait_for or time.monotonic() > deadline:
				return stored
			time.sleep(0.5)

	def test_a_thai_officer_reads_buddhist_era_years_and_saves_a_common_era_date(self):
		due = formatdate(self.w.step_a.due_date)
		page = self.page_as(self.w.manager)
		self.assertEqual(page.evaluate("frappe.boot.lang"), "th")

		row = self.step_list_row(page)
		self.assertIn(buddhist_era(due), row)
		self.assertNotIn(due, row)

		self.open_step(page)
		# The input shows B.E. too (docs/dates.md); a C.E. date typed into it is still read as C.E.
		self.assertEqual(self.shown_and_typed(page, "due_date"), (buddhist_era(due), buddhist_era(due)))

		new_start = formatdate("2025-10-15")
		page.fill("input[data-fieldname=start_date]", new_start)
		page.keyboard.press("Escape")
		page.keyboard.press("Control+s")
		self.assertEqual(self.stored_start_date(wait_for=date(2025, 10, 15)), date(2025, 10, 15))
		self.open_step(page)
		self.assertEqual(
			self.shown_and_typed(page, "start_date"), (buddhist_era(new_start), buddhist_era(new_start))
		)

		# Their agency's report: over the whole country it would be a prepared report (reporting.runs_prepared).
		page.goto(f"{self.url}/app/query-report/ITA Overdue Action Steps?agency={quote(self.w.agency)}")
		cell = page.locator(".dt-row", has_text=self.w.step_a.description)
		cell.wait_for(timeout=30000)
		self.assertIn(buddhist_era(due), cell.inner_text())

	def test_an_english_officer_reads_common_era_years(self):
		due = formatdate(self.w.step_a.due_date)
		page = self.page_as(self.w.manager_executive)
		self.assertEqual(page.evaluate("frappe.boot.lang"), "en")
		self.assertIn(due, self.step_list_row(page))
		self.open_step(page)
		self.assertEqual(self.shown_and_typed(page, "due_date"), (due, due))
