"""The step owner's day on a phone, in Thai, in a real browser: from the workspace to their step, start it,
upload evidence from the phone and report it done, counting the taps. The journey fails on any error
dialog, console error or 4xx/5xx response. Screenshots go to test-artifacts/th/clerk-*.png.

The server is another process, so the records are committed and deleted after the class."""

import re
import struct
import tempfile
import time
import zlib
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from ita_tracker.tests.factories import PlanWorld, Team, delete_team, delete_world
from ita_tracker.tests.http import site_url
from ita_tracker.tests.test_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, PASSWORD, browser_or_skip

LANG = "th"
PHONE = {"width": 390, "height": 844}
# Start, upload evidence and report done, from the workspace: shortcut, row, start, upload (3: the button,
# the phone's file picker, the uploader's Upload) and report done make 7.
MAX_TAPS = 8
# The test server is Frappe's `serve`, which has no socket.io: the desk's attempts to reach it are not
# errors of the journey.
NO_SOCKET_IO = "/socket.io/"
# KNOWN DEFECT, not this journey's: the workspace's dashboard charts (frappe-charts) log SVG errors when they
# draw one year, or redraw once the workspace is hidden behind the list (issue 9, items 3 and 7). Only these
# are tolerated, from the workspace on.
CHART_SVG_ERROR = re.compile(r"^Error: <(rect|path)> attribute ")


def png(path: Path) -> Path:
	"""A small valid PNG, as a phone's camera would upload (a 2x2 grey picture)."""

	def chunk(kind: bytes, data: bytes) -> bytes:
		return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

	pixels = zlib.compress(b"".join(b"\x00" + b"\x80\x80\x80" * 2 for _ in range(2)))
	path.write_bytes(
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
		+ chunk(b"IDAT", pixels)
		+ chunk(b"IEND", b"")
	)
	return path


class TestClerkJourneyOnAPhone(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		sync_playwright = browser_or_skip()
		cls.team = Team()
		for user in vars(cls.team).values():
			frappe.get_doc("User", user).update({"new_password": PASSWORD, "language": LANG}).save(
				ignore_permissions=True
			)
		cls.w = PlanWorld(cls.team)
		cls.w.approve_plan()
		cls.url = site_url()
		frappe.db.commit()
		cls.playwright = sync_playwright().start()
		cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
		cls.shots = ARTIFACTS / LANG
		cls.shots.mkdir(parents=True, exist_ok=True)

	@classmethod
	def tearDownClass(cls):
		cls.browser.close()
		cls.playwright.stop()
		frappe.db.rollback()
		frappe.db.delete(
			"File", {"attached_to_doctype": "ITA Action Step", "attached_to_name": cls.w.step_a.name}
		)
		delete_world(cls.w)
		delete_team(cls.team)
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self):
		self.taps = 0
		self.errors = []
		self.saw_workspace = False

	def t(self, text: str) -> str:
		return frappe._(text, lang=LANG)

	def phone_as(self, user: str):
		context = self.browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="th-TH")
		self.addCleanup(context.close)
		page = context.new_page()
		page.on("console", self.on_console)
		page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
		page.on("response", self.on_response)
		page.on("dialog", lambda dialog: self.errors.append(f"browser dialog: {dialog.message}"))
		page.goto(f"{self.url}/login")
		page.fill("#login_email", user)
		page.fill("#login_password", PASSWORD)
		page.click(".btn-login")
		page.wait_for_url("**/app**", timeout=30000)
		return page

	def on_console(self, message):
		if message.type != "error" or NO_SOCKET_IO in (message.location or {}).get("url", ""):
			return
		if self.saw_workspace and CHART_SVG_ERROR.match(message.text):
			return
		self.errors.append(f"console: {message.text}")

	def on_response(self, response):
		if response.status >= 400 and NO_SOCKET_IO not in response.url:
			self.errors.append(f"HTTP {response.status} {response.request.method} {response.url}")

	def tap(self, locator):
		"""One tap of the owner's finger."""
		locator.wait_for(state="visible", timeout=30000)
		self.taps += 1
		locator.click()

	def assertNoError(self, page, where: str):
		dialogs = page.locator(".modal.show .msgprint, .modal.show .modal-body .frappe-error")
		if dialogs.count():
			self.errors.append(f"error dialog: {dialogs.first.inner_text()}")
		self.assertEqual(self.errors, [], f"during the journey, {where}")

	def shot(self, page, name: str):
		page.wait_for_timeout(500)
		page.screenshot(path=str(self.shots / f"clerk-{name}.png"))

	def wait_for(self, name: str, field: str, value, timeout: float = 30):
		deadline = time.monotonic() + timeout
		while time.monotonic() < deadline:
			frappe.db.rollback()
			if (stored := frappe.db.get_value("ITA Action Step", name, field)) and (
				value is None or str(stored) == value
			):
				return stored
			time.sleep(0.3)
		self.fail(f"step {name}: {field} is {frappe.db.get_value('ITA Action Step', name, field)!r}")

	def test_the_owner_starts_reports_evidence_and_finishes_a_step_in_a_few_taps(self):
		step = frappe.get_doc("ITA Action Step", self.w.step_a.name)
		measure_title = frappe.db.get_value("ITA Measure", step.measure, "measure_title")
		page = self.phone_as(self.w.owner_a)
		self.saw_workspace = True
		page.goto(f"{self.url}/app/ita-tracker")
		shortcut = page.locator(".shortcut-widget-box", has_text=self.t("My Steps"))
		shortcut.wait_for(timeout=30000)
		page.wait_for_timeout(1500)
		self.shot(page, "0-workspace")
		self.assertNoError(page, "on the workspace")

		self.tap(shortcut)
		page.wait_for_url("**/app/ita-action-step**", timeout=30000)
		row = page.locator(".list-row-container", has_text=step.description)
		row.wait_for(timeout=30000)
		self.assertEqual(page.locator(".list-row-container").count(), 1, "only the owner's open steps")
		self.assertIn(measure_title, row.inner_text())
		self.assertIn(self.t("Not Started"), row.inner_text())
		self.assertNotIn(step.name, row.inner_text())
		self.shot(page, "1-my-steps")
		self.assertNoError(page, "on the list of my steps")

		self.tap(row.locator(".list-subject a").first)
		actions = page.locator(".ita-step-actions")
		self.tap(actions.get_by_role("button", name=self.t("Start Work")))
		self.wait_for(step.name, "status", "In Progress")
		self.shot(page, "2-started")
		self.assertNoError(page, "starting the step")

		self.tap(actions.get_by_role("button", name=self.t("Upload Evidence")))
		with tempfile.TemporaryDirectory() as folder:
			with page.expect_file_chooser() as chooser:
				self.tap(page.locator(".modal.show .btn-file-upload").first)
			chooser.value.set_files(str(png(Path(folder) / "evidence-photo.png")))
			self.tap(page.locator(".modal.show .btn-modal-primary"))
			self.wait_for(step.name, "evidence_file", None)
		page.locator(".ita-step-actions").get_by_role("button", name=self.t("Report Done")).wait_for()
		self.shot(page, "3-evidence-uploaded")
		self.assertNoError(page, "uploading the evidence")

		self.tap(page.locator(".ita-step-actions").get_by_role("button", name=self.t("Report Done")))
		self.wait_for(step.name, "status", "Done")
		page.wait_for_timeout(1000)
		self.shot(page, "4-done")
		self.assertNoError(page, "reporting the step done")
		self.assertEqual(str(frappe.db.get_value("ITA Action Step", step.name, "completion_date")), today())
		self.assertLessEqual(self.taps, MAX_TAPS)

	def test_an_owner_opens_the_step_list_on_their_own_steps(self):
		page = self.phone_as(self.w.owner_b)
		page.goto(f"{self.url}/app/ita-action-step")
		page.locator(".list-row-container", has_text=self.w.step_b.description).wait_for(timeout=30000)
		self.assertEqual(page.locator(".list-row-container").count(), 1)
		self.assertEqual(
			page.evaluate("cur_list.get_filters_for_args().map((f) => [f[1], f[2], f[3]])"),
			[["responsible_user", "=", self.w.owner_b]],
		)
		self.assertNoError(page, "on the step list")
