"""The step owner's day on a phone, in Thai, in a real browser: from the workspace to their step, start it,
upload evidence from the phone and report it done, counting the taps. Every page goes through the
journeys' guard (tests/browser.py): any error dialog, console error or 4xx/5xx response fails it.
Screenshots go to test-artifacts/th/clerk-*.png.

The server is another process, so the records are committed and deleted after the class."""

import struct
import tempfile
import time
import zlib
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import today

from ita_tracker.tests.browser import (
	ARTIFACTS,
	PHONE,
	guarded_page,
	launch_browser,
	set_journey_password,
	stop_browser,
)
from ita_tracker.tests.factories import PlanWorld, Team, delete_team, delete_world
from ita_tracker.tests.http import site_url

LANG = "th"
# Start, upload evidence and report done, from the workspace: shortcut, row, start, upload (3: the button,
# the phone's file picker, the uploader's Upload) and report done make 7.
MAX_TAPS = 8


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
		cls.browser = launch_browser()
		cls.team = Team()
		set_journey_password(vars(cls.team).values(), LANG)
		cls.w = PlanWorld(cls.team)
		cls.w.approve_plan()
		cls.url = site_url()
		frappe.db.commit()
		cls.shots = ARTIFACTS / LANG
		cls.shots.mkdir(parents=True, exist_ok=True)

	@classmethod
	def tearDownClass(cls):
		stop_browser(cls.browser)
		frappe.db.rollback()
		frappe.db.delete(
			"File", {"attached_to_doctype": "ITA Action Step", "attached_to_name": cls.w.step_a.name}
		)
		delete_world(cls.w)
		delete_team(cls.team)
		frappe.db.commit()
		super().tearDownClass()

	def t(self, text: str) -> str:
		return frappe._(text, lang=LANG)

	def phone_as(self, user: str):
		page = guarded_page(self.browser, user, viewport=PHONE, locale="th-TH")
		self.addCleanup(page.close)
		return page

	def shot(self, page, name: str):
		page.page.wait_for_timeout(500)
		page.screenshot(self.shots / f"clerk-{name}.png")

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
		shortcut = page.locator(".shortcut-widget-box").filter(has_text=self.t("My Steps"))
		page.goto("/app/ita-tracker", wait_for=".shortcut-widget-box")
		self.shot(page, "0-workspace")
		page.check()

		page.tap(shortcut, "My Steps")
		page.page.wait_for_url("**/app/ita-action-step**")
		row = page.locator(".list-row-container").filter(has_text=step.description)
		row.wait_for()
		page.settle()
		self.assertEqual(page.locator(".list-row-container").count(), 1, "only the owner's open steps")
		self.assertIn(measure_title, row.inner_text())
		self.assertIn(self.t("Not Started"), row.inner_text())
		self.assertNotIn(step.name, row.inner_text())
		self.shot(page, "1-my-steps")
		page.check()

		page.tap(row.locator(".list-subject a").first, "the step")
		actions = page.locator(".ita-step-actions")
		page.tap(actions.get_by_role("button", name=self.t("Start Work")), "Start Work")
		self.wait_for(step.name, "status", "In Progress")
		page.settle()
		self.shot(page, "2-started")
		page.check()

		page.tap(actions.get_by_role("button", name=self.t("Upload Evidence")), "Upload Evidence")
		with tempfile.TemporaryDirectory() as folder:
			with page.page.expect_file_chooser() as chooser:
				page.tap(page.locator(".modal.show .btn-file-upload").first, "the phone's file picker")
			chooser.value.set_files(str(png(Path(folder) / "evidence-photo.png")))
			page.tap(page.locator(".modal.show .btn-modal-primary"), "Upload")
			self.wait_for(step.name, "evidence_file", None)
		report_done = actions.get_by_role("button", name=self.t("Report Done"))
		report_done.wait_for()
		page.settle()
		self.shot(page, "3-evidence-uploaded")
		page.check()

		page.tap(report_done, "Report Done")
		self.wait_for(step.name, "status", "Done")
		page.settle()
		self.shot(page, "4-done")
		page.check()
		self.assertEqual(str(frappe.db.get_value("ITA Action Step", step.name, "completion_date")), today())
		self.assertLessEqual(page.taps.count, MAX_TAPS, page.taps.log)

	def test_an_owner_opens_the_step_list_on_their_own_steps(self):
		page = self.phone_as(self.w.owner_b)
		page.goto("/app/ita-action-step", wait_for=".list-row-container")
		page.locator(".list-row-container").filter(has_text=self.w.step_b.description).wait_for()
		self.assertEqual(page.locator(".list-row-container").count(), 1)
		self.assertEqual(
			page.page.evaluate("cur_list.get_filters_for_args().map((f) => [f[1], f[2], f[3]])"),
			[["responsible_user", "=", self.w.owner_b]],
		)
		page.check()
