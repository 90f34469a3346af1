"""The division report counts the measures a division is responsible for, a measure without steps
included (issue 17: such a measure was left out, and a division with only such measures had no row), and
its Measures figure opens the measure list of exactly the measures it counts."""

import frappe

from ita_tracker.ita_tracker.report.ita_implementation_status_by_division import (
	ita_implementation_status_by_division as report,
)
from ita_tracker.tests.factories import ITATestCase, make_division, make_measure

MEASURE = "ITA Measure"


def as_measure_list_filters(route_options: dict) -> list[list]:
	"""Route options as the desk's measure list reads them back."""
	return [
		[*(key.split(".") if "." in key else [MEASURE, key]), *value] for key, value in route_options.items()
	]


class TestMeasuresWithoutSteps(ITATestCase):
	def setUp(self):
		super().setUp()
		w = self.w
		self.division_c = make_division(w.agency, head=w.head_b).name
		frappe.set_user(w.manager)
		# Division A gets a second measure, without steps; division C has only a measure without steps.
		self.empty_a = make_measure(w.plan, w.results[:1], responsible_divisions=[{"division": w.division_a}])
		self.empty_c = make_measure(
			w.plan, w.results[1:], responsible_divisions=[{"division": self.division_c}]
		)
		frappe.set_user("Administrator")

	def rows(self, user: str, **filters) -> dict:
		frappe.set_user(user)
		try:
			return {row.division: row for row in report.execute(filters)[1]}
		finally:
			frappe.set_user("Administrator")

	def test_measures_without_steps_count_and_their_division_has_a_row(self):
		w = self.w
		rows = self.rows(w.manager, plan=w.plan.name)
		self.assertEqual(rows[w.division_a].measures, 2)
		self.assertEqual(rows[w.division_b].measures, 1)
		c = rows[self.division_c]
		self.assertEqual((c.measures, c.total, c.overdue, c.percent_complete), (1, 0, 0, 0))
		self.assertEqual(
			c.division_name, frappe.db.get_value("ITA Division", self.division_c, "division_name")
		)
		# Indicator 5 is answered by measure B and the empty measure of C.
		rows = self.rows(w.manager, plan=w.plan.name, indicator="5")
		self.assertEqual({d: r.measures for d, r in rows.items()}, {w.division_b: 1, self.division_c: 1})

	def test_a_head_sees_only_the_measures_of_their_divisions(self):
		w = self.w
		rows = self.rows(w.head_b, plan=w.plan.name)
		self.assertEqual(set(rows), {w.division_b, self.division_c})

	def test_the_measures_figure_opens_the_list_of_the_measures_it_counts(self):
		w = self.w
		for user in (w.manager, w.head_a, w.head_b):
			for filters in ({"plan": w.plan.name}, {"agency": w.agency, "indicator": "2"}):
				for division, row in self.rows(user, **filters).items():
					frappe.set_user(user)
					try:
						options = report.get_measure_drilldown(filters, division)
						listed = frappe.get_list(
							MEASURE, filters=as_measure_list_filters(options), pluck="name"
						)
					finally:
						frappe.set_user("Administrator")
					with self.subTest(user=user, filters=filters, division=division):
						self.assertEqual(len(listed), row.measures)
						self.assertEqual(len(listed), len(set(listed)))
