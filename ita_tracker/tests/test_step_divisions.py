"""A step's effective divisions follow its own division and, while it names none, its measure's."""

import frappe

from ita_tracker.patches import fill_effective_divisions_of_steps
from ita_tracker.tests.factories import ITATestCase, make_division, make_step


def effective(step) -> set[str]:
	return set(
		frappe.get_all(
			"ITA Step Division",
			{"parenttype": "ITA Action Step", "parent": step.name},
			pluck="effective_division",
		)
	)


class TestStepDivisions(ITATestCase):
	def test_a_step_takes_its_division_or_else_its_measures(self):
		w = self.w
		self.assertEqual(effective(w.step_a), {w.division_a})
		self.assertEqual(effective(w.step_b), {w.division_b})
		self.save_as(w.manager, "ITA Action Step", w.step_a.name, division=w.division_b)
		self.assertEqual(effective(w.step_a), {w.division_b})
		self.save_as(w.manager, "ITA Action Step", w.step_a.name, division=None)
		self.assertEqual(effective(w.step_a), {w.division_a})

	def test_steps_follow_their_measures_divisions(self):
		w = self.w
		division_c = make_division(w.agency).name
		frappe.set_user(w.manager)
		own = make_step(w.measure_a, division=w.division_b)
		frappe.set_user("Administrator")
		self.save_as(
			w.manager,
			"ITA Measure",
			w.measure_a.name,
			responsible_divisions=[{"division": w.division_a}, {"division": division_c}],
		)
		self.assertEqual(effective(w.step_a), {w.division_a, division_c})
		self.assertEqual(effective(own), {w.division_b})
		# The head of the new division reaches the step through the list's permission query.
		frappe.db.set_value("ITA Division", division_c, "head", w.head_b)
		frappe.set_user(w.head_b)
		self.assertIn(w.step_a.name, frappe.get_list("ITA Action Step", pluck="name"))

	def test_the_patch_fills_steps_saved_before_the_field(self):
		w = self.w
		frappe.db.delete("ITA Step Division", {"parenttype": "ITA Action Step"})
		fill_effective_divisions_of_steps.execute()
		self.assertEqual(effective(w.step_a), {w.division_a})
		self.assertEqual(effective(w.step_b), {w.division_b})
