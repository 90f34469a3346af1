from datetime import date

from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import (
	CrossAgencyLinkError,
	ForeignIndicatorResultError,
	PeriodEndsBeforeStartError,
	StepDueOutsideMeasureError,
)
from ita_tracker.tests.factories import (
	make_assessment,
	make_indicator_result,
	make_measure,
	make_plan,
	make_step,
)


class TestITAMeasure(FrappeTestCase):
	def setUp(self):
		self.assessment = make_assessment()
		self.result = make_indicator_result(self.assessment, "2", 81.37)
		self.plan = make_plan(self.assessment)

	def test_measure_takes_the_plan_period(self):
		measure = make_measure(self.plan, [self.result])
		self.assertEqual(str(measure.period_start), "2025-10-01")
		self.assertEqual(str(measure.period_end), "2026-09-30")
		self.assertEqual(measure.agency, self.assessment.agency)

	def test_period_that_ends_before_it_starts(self):
		with self.assertRaisesRegex(PeriodEndsBeforeStartError, "Measure"):
			make_measure(self.plan, [self.result], period_start="2026-01-02", period_end="2026-01-01")

	def test_result_of_another_assessment(self):
		earlier = make_assessment(self.assessment.agency, fiscal_year=2567)
		other = make_indicator_result(earlier, "2", 70)
		with self.assertRaisesRegex(ForeignIndicatorResultError, other.name):
			make_measure(self.plan, [other])

	def test_result_of_another_agency(self):
		other = make_indicator_result(make_assessment(), "2", 70)
		with self.assertRaisesRegex(CrossAgencyLinkError, other.name):
			make_measure(self.plan, [other])

	def test_shortening_the_period_past_a_step(self):
		measure = make_measure(self.plan, [self.result])
		step = make_step(measure, due_date=date(2026, 6, 30))
		measure.period_end = date(2026, 3, 31)
		with self.assertRaisesRegex(StepDueOutsideMeasureError, step.name):
			measure.save()
