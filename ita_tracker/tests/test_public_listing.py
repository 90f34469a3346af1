"""/ita-plans and each agency's public index /ita-plans/agency/<agency ID>, over HTTP as a guest: paging,
filters, hostile GET parameters (400 or an empty list, never a 500, always escaped), and a plan that is
not published never listed. The data is committed for the web server to see and removed after the class.
The filters' kept choices follow publishing (in process)."""

import re
from urllib.parse import quote

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.publishing import PAGE_SIZE, clear_listing_choices, listing_choices, published_plans
from ita_tracker.tests.factories import (
	ITATestCase,
	delete_agency,
	make_agency,
	make_assessment,
	make_plan,
	unique,
)
from ita_tracker.tests.http import session, site_url

PLAN_LINK = re.compile(r'href="/ita-plans/(ITA-PLAN-[^"/]+)"')
SCRIPT = "<script>alert(1)</script>"


def make_plan_of(agency: str, fiscal_year: int, status: str = "Published") -> str:
	"""A plan of `agency` answering its result of `fiscal_year` (so for the year after), in `status`."""
	plan = make_plan(make_assessment(agency, fiscal_year))
	docstatus = 1 if status in ("Approved", "Published") else 0
	# As publishing sets them (publishing.set_public: a published plan is public).
	frappe.db.set_value(
		"ITA Plan",
		plan.name,
		{"status": status, "docstatus": docstatus, "is_public": int(status == "Published")},
	)
	return plan.name


class TestPublicListing(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.province, cls.other_province = unique("จังหวัดทดสอบ"), unique("จังหวัดอื่น")
		# 23 agencies of the province with a published plan for 2569; the first also for 2568, and a draft
		# for 2570 that is never listed.
		cls.agencies = [
			make_agency(agency_name=unique(f"เทศบาลตำบลทดสอบ {i:02d}"), province=cls.province).name
			for i in range(PAGE_SIZE + 3)
		]
		cls.plans_2569 = [make_plan_of(agency, 2568) for agency in cls.agencies]
		cls.older = make_plan_of(cls.agencies[0], 2567)
		cls.draft = make_plan_of(cls.agencies[0], 2569, "Draft")
		cls.approved = make_plan_of(cls.agencies[1], 2569, "Approved")
		cls.elsewhere = make_agency(province=cls.other_province).name
		cls.elsewhere_plan = make_plan_of(cls.elsewhere, 2568)
		cls.unpublished = make_agency(province=cls.other_province).name
		cls.unpublished_plan = make_plan_of(cls.unpublished, 2568, "Pending Approval")
		frappe.db.commit()
		cls.url = site_url()
		cls.guest = session()

	@classmethod
	def tearDownClass(cls):
		for agency in [*cls.agencies, cls.elsewhere, cls.unpublished]:
			delete_agency(agency)
		frappe.db.commit()
		super().tearDownClass()

	def get(self, path, **params):
		response = self.guest.get(f"{self.url}{path}", params=params, timeout=120)
		self.assertLess(response.status_code, 500, response.text[:300])
		return response

	def listed(self, **params) -> list[str]:
		page = self.get("/ita-plans", **params)
		self.assertEqual(page.status_code, 200, page.text[:300])
		return PLAN_LINK.findall(page.text)

	def test_pages_of_twenty_with_previous_and_next(self):
		first = self.get("/ita-plans", province=self.province)
		self.assertEqual(len(PLAN_LINK.findall(first.text)), PAGE_SIZE)
		self.assertIn("24 plans, page 1 of 2", first.text)
		self.assertNotIn('rel="prev"', first.text)
		next_url = re.search(r'rel="next" href="([^"]+)"', first.text).group(1).replace("&amp;", "&")
		second = self.get(next_url)
		self.assertIn('rel="prev"', second.text)
		self.assertNotIn('rel="next"', second.text)
		both = PLAN_LINK.findall(first.text) + PLAN_LINK.findall(second.text)
		self.assertEqual(sorted(both), sorted([*self.plans_2569, self.older]))
		# Newest fiscal year first, then by agency: the 2568 plan is last.
		self.assertEqual(both[-1], self.older)
		self.assertEqual(both[:PAGE_SIZE], self.plans_2569[:PAGE_SIZE])
		self.assertEqual(self.listed(province=self.province, page="3"), [])

	def test_filters_by_province_agency_and_fiscal_year(self):
		self.assertEqual(self.listed(province=self.other_province), [self.elsewhere_plan])
		self.assertEqual(
			self.listed(province=self.province, agency=self.agencies[0]), [self.plans_2569[0], self.older]
		)
		self.assertEqual(self.listed(province=self.province, fiscal_year="2568"), [self.older])
		# Thai digits name the same year.
		self.assertEqual(self.listed(province=self.province, fiscal_year="๒๕๖๘"), [self.older])
		self.assertEqual(self.listed(agency=self.elsewhere, province=self.province), [])
		page = self.get("/ita-plans", province=self.province)
		self.assertIn(f'<option value="{self.agencies[0]}"', page.text)
		self.assertNotIn(f'<option value="{self.elsewhere}"', page.text)

	def test_a_plan_not_published_is_never_listed(self):
		everything = []
		for params in ({"province": self.province}, {"province": self.province, "page": "2"}, {}):
			everything += self.listed(**params)
		for plan in (self.draft, self.approved, self.unpublished_plan):
			self.assertNotIn(plan, everything)
			self.assertNotIn(plan, self.get(f"/ita-plans/agency/{self.agencies[0]}").text)
		self.assertEqual(self.get(f"/ita-plans/agency/{self.unpublished}").status_code, 404)
		self.assertNotIn(self.unpublished, self.get("/ita-plans", province=self.other_province).text)

	def test_hostile_parameters_give_400_or_nothing(self):
		for params in (
			{"page": "abc"},
			{"page": "0"},
			{"page": "-1"},
			{"page": "1e3"},
			{"page": "99999999999999999999"},
			{"fiscal_year": "2026"},
			{"fiscal_year": "' OR 1=1 --"},
			{"province": "x" * 500},
		):
			with self.subTest(params=params):
				page = self.get("/ita-plans", **params)
				self.assertEqual(page.status_code, 400)
				self.assertEqual(PLAN_LINK.findall(page.text), [])
		for params in (
			{"province": SCRIPT},
			{"agency": '"><img src=x onerror=alert(1)>'},
			{"agency": ["a", "b"]},
			{"province": "' OR '1'='1"},
			{"agency": "%' OR 1=1 -- "},
			{"province": "\x00"},
			{"fiscal_year": "2400"},
		):
			with self.subTest(params=params):
				page = self.get("/ita-plans", **params)
				self.assertEqual(page.status_code, 200)
				self.assertEqual(PLAN_LINK.findall(page.text), [])
				self.assertNotIn(SCRIPT, page.text)
				self.assertNotIn("<img src=x", page.text)

	def test_each_agency_has_a_stable_index_of_its_plans(self):
		agency = self.agencies[0]
		page = self.get(f"/ita-plans/agency/{agency}")
		self.assertEqual(page.status_code, 200)
		self.assertEqual(PLAN_LINK.findall(page.text), [self.plans_2569[0], self.older])
		listing = self.get("/ita-plans", province=self.province).text
		self.assertIn(f'href="/ita-plans/agency/{quote(agency)}"', listing)
		# The agency's displayed name changes; its address (its ID) does not.
		frappe.db.set_value("ITA Agency", agency, "agency_name", f"{SCRIPT} renamed")
		frappe.db.commit()
		try:
			page = self.get(f"/ita-plans/agency/{agency}")
			self.assertEqual(page.status_code, 200)
			self.assertIn(frappe.utils.escape_html(f"{SCRIPT} renamed"), page.text)
			self.assertNotIn(SCRIPT, page.text)
		finally:
			frappe.db.set_value("ITA Agency", agency, "agency_name", agency)
			frappe.db.commit()
		for path in ("/ita-plans/agency/no-such-agency", f"/ita-plans/agency/{SCRIPT}", "/ita-plans/agency/"):
			with self.subTest(path=path):
				self.assertEqual(self.get(path).status_code, 404)


class TestListingChoices(ITATestCase):
	def test_publishing_or_cancelling_a_plan_updates_the_kept_choices(self):
		w = self.w
		self.addCleanup(clear_listing_choices)
		agency = frappe.get_doc("ITA Agency", w.agency)
		agency.province = unique("จังหวัดใหม่")
		agency.save()
		self.assertNotIn(agency.province, listing_choices(None).provinces)
		w.approve_plan()
		w.act(w.manager, w.plan, "Publish")
		self.assertIn(agency.province, listing_choices(None).provinces)
		# Cancelled for revision, the plan stays public until its revision is published (publishing.py).
		w.act(w.manager, w.plan, "Cancel for Revision")
		self.assertIn(agency.province, listing_choices(None).provinces)
		revision = w.amend()
		for action, user in (
			("Submit for Approval", w.manager),
			("Approve", w.executive),
			("Publish", w.manager),
		):
			w.act(user, revision, action)
		self.assertIn(agency.province, listing_choices(None).provinces)
		self.assertEqual([row.name for row in published_plans({"agency": w.agency})[0]], [revision.name])
