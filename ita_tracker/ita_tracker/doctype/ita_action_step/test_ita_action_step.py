from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import (
	InvalidNumberError,
	PeriodEndsBeforeStartError,
	ScoreOutOfRangeError,
	StepDueOutsideMeasureError,
)
from ita_tracker.tests.factories import (
	make_assessment,
	make_indicator_result,
	make_measure,
	make_plan,
	make_step,
)


class TestITAActionStep(FrappeTestCase):
	def setUp(self):
		assessment = make_assessment()
		plan = make_plan(assessment)
		self.measure = make_measure(
			plan,
			[make_indicator_result(assessment, "1", 85.88)],
			period_start="2025-10-01",
			period_end="2026-03-31",
		)

	def test_step_inherits_plan_and_agency(self):
		step = make_step(self.measure, progress="๕๐")
		self.assertEqual(step.plan, self.measure.plan)
		self.assertEqual(step.agency, self.measure.agency)
		self.assertEqual(step.progress, 50)
		self.assertEqual(step.status, "Not Started")

	def test_progress_is_a_whole_percentage(self):
		step = make_step(self.measure, progress=12.7)
		self.assertEqual(frappe.db.get_value("ITA Action Step", step.name, "progress"), 13)

	def test_due_after_the_measure_ends(self):
		with self.assertRaisesRegex(StepDueOutsideMeasureError, "01-04-2026|2026-04-01|04-01-2026"):
			make_step(self.measure, due_date=date(2026, 4, 1))

	def test_due_before_the_measure_starts(self):
		with self.assertRaises(StepDueOutsideMeasureError):
			make_step(self.measure, start_date=date(2025, 9, 1), due_date=date(2025, 9, 30))

	def test_due_before_it_starts(self):
		with self.assertRaisesRegex(PeriodEndsBeforeStartError, "Step"):
			make_step(self.measure, start_date=date(2025, 12, 1), due_date=date(2025, 11, 30))

	def test_progress_over_100(self):
		with self.assertRaisesRegex(ScoreOutOfRangeError, "Progress.*120"):
			make_step(self.measure, progress=120)

	def test_sequence_must_be_a_whole_number(self):
		self.assertEqual(make_step(self.measure, sequence="๒").sequence, 2)
		with self.assertRaisesRegex(InvalidNumberError, "๑.๕"):
			make_step(self.measure, sequence="๑.๕")

	def test_progress_that_is_not_a_number(self):
		with self.assertRaisesRegex(InvalidNumberError, "ครึ่ง"):
			make_step(self.measure, progress="ครึ่ง")
