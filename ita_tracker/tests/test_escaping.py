"""Stored markup stays text in everything the app renders: the O25 and O26 print views, the public pages
of a published plan (over HTTP as a guest) and the reminders.

The hostile values are written with frappe.db.set_value, past Frappe's input sanitizer (which skips, for
example, text that parses as JSON), as data imported or written by another path would be."""

from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import TextTooLongError
from ita_tracker.printing import O25_FORMAT, O26_FORMAT, th
from ita_tracker.reminders import OVERDUE, send_daily_reminders
from ita_tracker.tests.factories import ITATestCase, PlanWorld, Team, delete_team, delete_world
from ita_tracker.tests.http import session, site_url

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
JSON = '["<img src=x onerror=alert(1)>"]'
# Frappe's base template prints the page title through `striptags`, which decodes entities.
ENTITIES = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"

RAW_MARKUP = ("<script>alert(1)", "<img src=x", "</title><script>")
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")


class TestEscaping(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.w = w = PlanWorld(Team())
		w.approve_plan()
		w.act(w.manager, w.plan, "Publish")
		result = frappe.db.get_value(
			"ITA Measure Indicator Result", {"parent": w.measure_a.name}, "indicator_result"
		)
		for doctype, name, values in (
			("ITA Agency", w.agency, {"agency_name": SCRIPT, "district": ATTRIBUTE, "province": JSON}),
			("ITA Division", w.division_a, {"division_name": ATTRIBUTE}),
			("ITA Indicator Result", result, {"analysis": JSON}),
			("ITA Measure", w.measure_a.name, {"measure_title": SCRIPT, "analysis": ATTRIBUTE}),
			(
				"ITA Action Step",
				w.step_a.name,
				{
					"description": JSON,
					"status": "Done",
					"completion_date": "2025-12-01",
					"evidence_url": f"https://example.org/{ATTRIBUTE}",
					"evidence_file": "javascript:alert(1)//",
				},
			),
			(
				"ITA Action Step",
				w.step_b.name,
				{
					"description": SCRIPT,
					"status": "Done",
					"completion_date": "2025-12-01",
					"evidence_url": "javascript://example.org/%0Aalert(1)",
					"evidence_file": "/files/minutes.pdf",
				},
			),
			("ITA Plan", w.plan.name, {"title": f"{ENTITIES} {SCRIPT}"}),
		):
			frappe.db.set_value(doctype, name, values)
		cls.url = site_url()
		frappe.db.commit()
		frappe.clear_cache()

	@classmethod
	def tearDownClass(cls):
		delete_world(cls.w)
		delete_team(cls.w.team)
		frappe.db.commit()
		super().tearDownClass()

	def assertEscaped(self, html):
		for raw in RAW_MARKUP:
			self.assertNotContains(html, raw)
		for escaped in ESCAPED:
			self.assertIn(escaped, html, "the hostile text is not shown escaped")

	def assertNotContains(self, html, raw):
		at = html.find(raw)
		self.assertEqual(at, -1, f"{raw!r} rendered as markup: ...{html[at - 200 : at + 200]}...")

	def print_html(self, print_format):
		return frappe.get_print("ITA Plan", self.w.plan.name, print_format, as_pdf=False)

	def test_the_o25_print_view_escapes_every_value(self):
		html = self.print_html(O25_FORMAT)
		self.assertEscaped(html)
		self.assertIn("&#34;&gt;&lt;img src=x", html)  # the division, out of any attribute

	def test_the_o26_print_view_escapes_values_and_links_only_to_the_web(self):
		html = self.print_html(O26_FORMAT)
		self.assertEscaped(html)
		self.assertNotContains(html, 'href="javascript')
		# Stored evidence that is no web page or file of the site is shown as text, not linked.
		for text in ("javascript:alert(1)//", "javascript://example.org/%0Aalert(1)"):
			self.assertIn(f"<div>{text}</div>", html)
		self.assertIn("<div>https://example.org/&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</div>", html)
		# A site file is linked only through the step's public evidence address, and only when it is a
		# public File attached to the step (evidence.py); this one is no File, so it is listed, not linked.
		self.assertIn(f"<div>{th('{0} (kept by the agency)').format('minutes.pdf')}</div>", html)
		self.assertNotContains(html, "/files/minutes.pdf")

	def test_the_public_page_escapes_every_value_and_its_title(self):
		page = session().get(f"{self.url}/ita-plans/{self.w.plan.name}", timeout=120)
		self.assertEqual(page.status_code, 200, page.text[:500])
		self.assertEscaped(page.text)
		self.assertIn(f"<title>{frappe.utils.escape_html(ENTITIES)}", page.text)

	def test_the_list_of_published_plans_escapes_their_titles(self):
		page = session().get(f"{self.url}/ita-plans", timeout=120)
		self.assertEqual(page.status_code, 200, page.text[:500])
		self.assertNotContains(page.text, "<script>alert(1)")
		self.assertIn(frappe.utils.escape_html(SCRIPT), page.text)


class TestEscapedReminders(ITATestCase):
	def test_a_reminder_shows_a_step_description_as_text(self):
		w = self.w
		frappe.db.set_value("ITA Action Step", w.step_a.name, "description", f"{SCRIPT} {ATTRIBUTE}")
		w.approve_plan()
		self.queue_mail()
		self.assertIn(w.manager, send_daily_reminders(date(2026, 3, 2))[OVERDUE])
		content = frappe.db.get_value("Notification Log", {"for_user": w.manager}, "email_content")
		self.assertNotIn("<script", content)
		self.assertNotIn("<img", content)
		self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x", content)


class TestMessagesQuoteWhatWasTyped(ITATestCase):
	"""The desk shows error messages as HTML: a value someone typed appears in one as text."""

	def test_refusals_escape_the_refused_value(self):
		w = self.w
		attempts = {
			"score": lambda: (
				frappe.get_doc("ITA Assessment", w.assessment.name).update({"overall_score": SCRIPT}).save()
			),
			"fiscal year": lambda: frappe.get_doc(
				{"doctype": "ITA Fiscal Year", "fiscal_year": SCRIPT}
			).insert(),
			"question code": lambda: frappe.get_doc(
				{"doctype": "ITA Question", "question_code": SCRIPT, "indicator": "1", "question_text": "ข้อ"}
			).insert(),
			"evidence link": lambda: (
				frappe.get_doc("ITA Action Step", w.step_a.name)
				.update({"evidence_url": f"https://example.org/{ATTRIBUTE}"})
				.save()
			),
		}
		for what, attempt in attempts.items():
			with self.subTest(what), self.assertRaises(frappe.ValidationError) as refused:
				attempt()
			self.assertNotIn("<script", str(refused.exception))
			self.assertNotIn("<img", str(refused.exception))


class TestOverlongText(ITATestCase):
	def test_overlong_text_is_refused_with_its_length_not_a_database_error(self):
		w = self.w
		thai = "ก" * 30_000  # 90,000 bytes: past MariaDB's TEXT column
		for doctype, name, field in (
			("ITA Action Step", w.step_a.name, "description"),
			("ITA Action Step", w.step_a.name, "remarks"),
			("ITA Measure", w.measure_a.name, "analysis"),
			("ITA Indicator Result", w.results[0].name, "analysis"),
		):
			with self.subTest(doctype=doctype, field=field), self.assertRaises(TextTooLongError):
				frappe.get_doc(doctype, name).update({field: thai}).save()
