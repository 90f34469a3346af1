"""Each figure of the status report opens the list of exactly the steps it counts: the report is run as a
user, then `frappe.get_list` as the same user with exactly the filters of the figure's drill-down link
(the route options its click opens the list with, read back as the list view reads them)."""

import frappe
from freezegun import freeze_time

from ita_tracker import dashboards
from ita_tracker.demo.loader import load_demo
from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.ita_implementation_status_by_division import (
	FIGURES,
	execute,
	get_drilldown,
)
from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.test_ita_implementation_status_by_division import (
	build_progress,
)
from ita_tracker.step_summary import refresh_all
from ita_tracker.tests.factories import ITATestCase, make_measure, make_step


def as_list_filters(route_options: dict) -> list[list]:
	"""Route options as the desk's list view reads them (parse_filters_from_route_options)."""
	return [
		[*(key.split(".") if "." in key else ["ITA Action Step", key]), *value]
		for key, value in route_options.items()
	]


class TestFiguresOpenTheirLists(ITATestCase):
	def figures_and_lists(self, user: str, today: str, **filters) -> list[tuple]:
		"""(division, figure, the report's value, the count of the list its link opens) for every figure."""
		frappe.set_user(user)
		try:
			with freeze_time(today):
				rows = execute(filters)[1]
				return [
					(row.division, figure, row[figure], self.list_count(self.link(filters, row, figure)))
					for row in rows
					for figure in FIGURES
				]
		finally:
			frappe.set_user("Administrator")

	def link(self, filters: dict, row, figure: str) -> list[list]:
		return as_list_filters(get_drilldown(filters, row.division, figure))

	def list_count(self, filters: list) -> int:
		names = frappe.get_list("ITA Action Step", filters=filters, pluck="name", limit_page_length=0)
		self.assertEqual(len(names), len(set(names)), "a step listed twice")
		return len(names)

	def assert_agree(self, user: str, today: str, **filters) -> list[tuple]:
		figures = self.figures_and_lists(user, today, **filters)
		for division, figure, value, listed in figures:
			with self.subTest(user=user, filters=filters, division=division, figure=figure):
				self.assertEqual(value, listed)
		return figures

	def test_data_built_here(self):
		w = self.w
		frappe.set_user(w.manager)
		# A measure of both divisions: its step without a division counts for A and for B.
		shared = make_measure(
			w.plan,
			w.results,
			responsible_divisions=[{"division": w.division_a}, {"division": w.division_b}],
		)
		make_step(shared, due_date="2026-01-15", responsible_user=w.owner_b)  # overdue, for A and for B
		# for B only
		make_step(w.measure_a, division=w.division_b, due_date="2026-01-15", responsible_user=w.owner_b)
		undated = make_step(w.measure_a, responsible_user=w.owner_b)
		frappe.set_user("Administrator")
		done = build_progress(w)  # A: one step in progress and overdue, one done; B: one not started
		# never overdue: stored without a due date before steps required one (patches/fill_step_dates.py),
		# and so approved before Submit for Approval refused such a plan (checks.check_completeness)
		undated.db_set("due_date", None)
		# A done step past its due date is not overdue.
		frappe.db.set_value("ITA Action Step", done.name, "due_date", "2026-01-15")

		today = "2026-03-18 12:00"
		figures = self.assert_agree(w.manager, today, plan=w.plan.name)
		by_key = {(division, figure): value for division, figure, value, _listed in figures}
		self.assertEqual(
			[by_key[(w.division_a, figure)] for figure in FIGURES],
			[4, 2, 1, 1, 0, 2],
		)
		self.assertEqual(
			[by_key[(w.division_b, figure)] for figure in FIGURES],
			[3, 3, 0, 0, 0, 2],
		)
		for filters in ({"agency": w.agency}, {"indicator": "5"}, {"division": w.division_b}, {}):
			self.assert_agree(w.manager, today, **filters)
		for user in (w.head_a, w.head_b, w.executive, w.owner_a):
			self.assert_agree(user, today, agency=w.agency)

	def test_a_revised_plan_counts_only_in_its_revision(self):
		w = self.w
		w.approve_plan()
		revision = w.revise()
		figures = self.assert_agree(w.manager, "2026-03-18 12:00", agency=w.agency)
		self.assertEqual({value for _d, figure, value, _l in figures if figure == "total"}, {1})
		self.assertEqual(
			set(frappe.get_all("ITA Action Step", {"plan": revision.name}, pluck="division")),
			{None, w.division_b},
		)

	def test_the_demo(self):
		w = self.w
		plan = frappe.get_doc("ITA Plan", load_demo())
		plan.db_set("status", "Draft")  # the demo may have been taken some way already on this site
		divisions = frappe.get_all("ITA Division", {"agency": plan.agency}, pluck="name", order_by="name")
		frappe.db.set_value("ITA Division", divisions[0], "head", w.head_a)
		frappe.db.set_value("ITA Division", divisions[1], "head", w.head_b)
		steps = frappe.get_all("ITA Action Step", {"plan": plan.name}, pluck="name", order_by="name")
		# A step of its own division, and progress as the owners would report it once approved.
		step = frappe.get_doc("ITA Action Step", steps[0])
		step.division = divisions[1]
		step.save()
		statuses = ("In Progress", "Done", "Verified", "Done", "In Progress", "Done")
		for name, status in zip(steps[1:7], statuses, strict=True):
			frappe.db.set_value("ITA Action Step", name, "status", status)
		indicator = frappe.get_all(
			"ITA Indicator Result", {"assessment": plan.assessment}, pluck="indicator"
		)[0]

		for today in ("2026-03-18 12:00", "2026-10-15 12:00"):
			figures = self.assert_agree(w.manager, today, plan=plan.name)
			self.assertEqual(len({division for division, *_rest in figures}), len(divisions))
			self.assert_agree(w.manager, today, agency=plan.agency, fiscal_year=plan.fiscal_year)
			self.assert_agree(w.manager, today, plan=plan.name, indicator=indicator)
			for user in (w.head_a, w.head_b, w.executive):
				self.assert_agree(user, today, plan=plan.name)
		overdue = {value for _d, figure, value, _l in figures if figure == "overdue"}
		self.assertTrue(overdue - {0}, "some demo step is overdue in October 2569")

	def test_the_overdue_card_opens_the_list_of_its_steps(self):
		w = self.w
		build_progress(w)
		# The national card reads the summary as the day's job left it (step_summary.py).
		with freeze_time("2026-03-18 12:00"):
			refresh_all()
		for user in (w.manager, w.head_a, w.head_b):
			frappe.set_user(user)
			with freeze_time("2026-03-18 12:00"):
				card = dashboards.overdue_steps()
				listed = self.list_count(as_list_filters(card["route_options"]))
			frappe.set_user("Administrator")
			self.assertEqual((card["route"], card["value"]), (["List", "ITA Action Step"], listed))
		self.assertEqual(listed, 0)  # head B: step B is not yet due
