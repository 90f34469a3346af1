"""A cancelled plan still prints what was approved, its O25 and O26, through the form's Documents menu,
which asks Frappe's print view for that one print (ita_plan.js); Print Settings' "Allow Print for
Cancelled" stays Frappe's default (off) for the whole site, so that no other app's cancelled document
prints (Frappe's own test_printview checks that rule)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.install import SITE_WIDE_PRINT_PATCH, restore_print_for_cancelled_default
from ita_tracker.printing import O25_FORMAT
from ita_tracker.tests.browser import guarded_page, launch_browser, set_journey_password, stop_browser
from ita_tracker.tests.factories import CommittedWorldTestCase
from ita_tracker.tests.http import session

PDF = "/api/method/frappe.utils.print_format.download_pdf"
PDF_VIEWERS_FAVICON = (
	"console error",
	r"favicon\.ico",
	"Chromium's PDF viewer asks the site for /favicon.ico, which Frappe does not serve",
)


class TestPrintSettings(FrappeTestCase):
	def test_cancelled_documents_print_as_frappe_decides_for_the_site(self):
		self.assertEqual(frappe.db.get_single_value("Print Settings", "allow_print_for_cancelled"), 0)

	def test_the_setting_the_app_turned_on_is_turned_off_once(self):
		frappe.db.set_single_value("Print Settings", "allow_print_for_cancelled", 1)
		frappe.get_doc({"doctype": "Patch Log", "patch": SITE_WIDE_PRINT_PATCH}).insert(
			ignore_permissions=True
		)
		restore_print_for_cancelled_default()
		self.assertEqual(frappe.db.get_single_value("Print Settings", "allow_print_for_cancelled"), 0)
		self.assertFalse(frappe.db.exists("Patch Log", {"patch": SITE_WIDE_PRINT_PATCH}))
		# An administrator who turns it on afterwards keeps it, through a reinstall too.
		frappe.db.set_single_value("Print Settings", "allow_print_for_cancelled", 1)
		restore_print_for_cancelled_default()
		self.assertEqual(frappe.db.get_single_value("Print Settings", "allow_print_for_cancelled"), 1)


class TestCancelledPlanDocuments(CommittedWorldTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w.approve_plan()
		cls.w.act(cls.w.manager, cls.w.plan, "Cancel for Revision")
		frappe.db.commit()

	def test_frappe_refuses_a_cancelled_plan_printed_without_asking(self):
		response = session(self.w.manager).get(
			f"{self.url}{PDF}",
			params={"doctype": "ITA Plan", "name": self.w.plan.name, "format": O25_FORMAT},
			timeout=120,
		)
		self.assertEqual(response.status_code, 403, response.text[:300])

	def test_the_documents_menu_prints_the_cancelled_plans_o25(self):
		# While the site refuses to print cancelled documents.
		self.assertEqual(frappe.db.get_single_value("Print Settings", "allow_print_for_cancelled"), 0)
		browser = launch_browser()
		self.addCleanup(stop_browser, browser)
		set_journey_password([self.w.manager], lang="en")
		frappe.db.commit()
		page = guarded_page(browser, self.w.manager, allow=[PDF_VIEWERS_FAVICON])
		self.addCleanup(page.close)
		page.goto(f"/app/ita-plan/{self.w.plan.name}", wait_for=".inner-group-button")
		documents = page.page.locator(".inner-group-button", has_text="Documents").locator("button").first
		page.tap(documents, "Documents")
		with page.context.expect_event("response", lambda response: PDF in response.url) as pdf:
			page.tap(page.page.get_by_text("Improvement Plan (O25)", exact=True), "O25")
		self.assertEqual(pdf.value.status, 200, pdf.value.url)
		self.assertEqual(pdf.value.headers["content-type"], "application/pdf")
