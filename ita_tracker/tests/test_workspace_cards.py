"""The ITA Tracker workspace's number cards and charts as each ITA role loads them in the desk: the page
(frappe.desk.desktop.get_desktop_page), each card's record, then the method the card's widget calls."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page
from frappe.desk.form.load import getdoc
from freezegun import freeze_time

from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.test_ita_implementation_status_by_division import (
	build_progress,
)
from ita_tracker.tests.factories import ITATestCase

CARDS = {
	"ITA Latest Overall Score",
	"ITA Latest Rating",
	"ITA Overdue Steps",
	"ITA Steps Done",
	"ITA Plans Awaiting Decision",
	"ITA Steps Awaiting Verification",
}
CHARTS = {"ITA Steps by Division", "ITA Overall Score by Year"}


def desk_call(method: str, **kwargs):
	"""Calls a whitelisted method as the desk's frappe.call does (refusing one that is not whitelisted)."""
	fn = frappe.get_attr(method)
	frappe.is_whitelisted(fn)
	return frappe.call(fn, **kwargs)


def load_record(doctype: str, name: str):
	"""What the widgets' frappe.model.with_doc asks: the record, refused without read permission."""
	frappe.response.docs = []
	getdoc(doctype, name)
	return frappe.response.docs[0]


def card_figure(name: str):
	card = load_record("Number Card", name)
	if card.type == "Custom":
		figure = desk_call(card.method, filters="[]")
		return figure["value"] if isinstance(figure, dict) else figure
	return desk_call(
		"frappe.desk.doctype.number_card.number_card.get_result",
		doc=json.dumps(card.as_dict(), default=str),
		filters=card.filters_json,
	)


class TestWorkspaceCardsByRole(ITATestCase):
	WITH_OTHER_AGENCY = True

	def setUp(self):
		super().setUp()
		for world in (self.w, self.other):
			for user in (world.manager, world.executive, world.head_a, world.head_b, world.owner_a):
				self.restrict_to_agency(user, world.agency)

	def as_user(self, user, fn, *args):
		frappe.set_user(user)
		try:
			with freeze_time("2026-03-18 12:00"):
				return fn(*args)
		finally:
			frappe.set_user("Administrator")

	def workspace(self):
		page = get_desktop_page(json.dumps({"name": "ITA Tracker", "title": "ITA Tracker", "public": 1}))
		return (
			{card.number_card_name for card in page["number_cards"]["items"]},
			{chart.chart_name for chart in page["charts"]["items"]},
		)

	def test_every_role_sees_and_loads_the_cards_and_charts(self):
		w = self.w
		build_progress(w)
		for user in (w.manager, w.executive, w.head_a, w.owner_a):
			with self.subTest(user=user):
				cards, charts = self.as_user(user, self.workspace)
				self.assertEqual(cards, CARDS)
				self.assertEqual(charts, CHARTS)
				for card in cards:
					self.as_user(user, card_figure, card)
				for chart in charts:
					doc = self.as_user(user, load_record, "Dashboard Chart", chart)
					self.as_user(
						user,
						lambda doc=doc: desk_call(
							"frappe.desk.query_report.run",
							report_name=doc.report_name,
							filters=doc.filters_json,
							ignore_prepared_report=1,
						),
					)

	def test_plans_awaiting_decision_are_those_of_the_users_agencies(self):
		for world in (self.w, self.other):
			world.act(world.manager, world.plan, "Submit for Approval")
		self.assertEqual(self.as_user(self.w.executive, card_figure, "ITA Plans Awaiting Decision"), 1)
		self.assertEqual(self.as_user(self.other.executive, card_figure, "ITA Plans Awaiting Decision"), 1)
		self.w.act(self.w.executive, self.w.plan, "Approve")
		self.assertEqual(self.as_user(self.w.executive, card_figure, "ITA Plans Awaiting Decision"), 0)
		self.assertEqual(self.as_user(self.other.executive, card_figure, "ITA Plans Awaiting Decision"), 1)

	def test_step_cards_keep_to_the_division_heads_reach(self):
		build_progress(self.w)
		self.assertEqual(self.as_user(self.w.head_a, card_figure, "ITA Overdue Steps"), 1)
		self.assertEqual(self.as_user(self.w.head_b, card_figure, "ITA Overdue Steps"), 0)
		self.assertEqual(self.as_user(self.w.head_a, card_figure, "ITA Steps Done"), 50)
		# The other agency's officer sees none of this agency's steps.
		self.assertEqual(self.as_user(self.other.manager, card_figure, "ITA Overdue Steps"), 0)
