import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import DuplicateIndicatorResultError, ScoreOutOfRangeError
from ita_tracker.tests.factories import make_assessment, make_indicator_result


class TestITAIndicatorResult(FrappeTestCase):
	def setUp(self):
		self.assessment = make_assessment()

	def test_below_target_needs_a_measure(self):
		result = make_indicator_result(self.assessment, "2", "๘๑.๓๗", [("i4", "๗๙.๔๑")])
		self.assertEqual(result.score, 81.37)
		self.assertEqual(result.weak_questions[0].score, 79.41)
		self.assertEqual(result.weak_questions[0].question_code, "i4")
		self.assertTrue(result.needs_measure)
		self.assertEqual(result.agency, self.assessment.agency)

	def test_at_target_needs_none_unless_the_officer_asks(self):
		self.assertFalse(make_indicator_result(self.assessment, "3", 85).needs_measure)
		self.assertTrue(make_indicator_result(self.assessment, "4", 91.37, measure_requested=1).needs_measure)

	def test_target_comes_from_the_settings(self):
		frappe.get_doc("ITA Settings").update({"target_score": 90}).save()
		self.assertTrue(make_indicator_result(self.assessment, "6", 89.86).needs_measure)

	def test_score_out_of_range(self):
		with self.assertRaisesRegex(ScoreOutOfRangeError, "101"):
			make_indicator_result(self.assessment, "1", 101)

	def test_question_score_out_of_range_names_the_question(self):
		with self.assertRaisesRegex(ScoreOutOfRangeError, "i2.*120"):
			make_indicator_result(self.assessment, "1", 85.88, [("i2", 120)])

	def test_one_result_per_indicator(self):
		first = make_indicator_result(self.assessment, "5", 78.43)
		with self.assertRaisesRegex(DuplicateIndicatorResultError, first.name):
			make_indicator_result(self.assessment, "5", 70)

	def test_weak_question_above_the_indicator_is_a_warning(self):
		frappe.clear_messages()
		make_indicator_result(self.assessment, "8", 89.86, [("e9", 89.58)])
		self.assertEqual(frappe.get_message_log(), [])
		make_indicator_result(self.assessment, "4", 50.59, [("i10", 72.35)])
		self.assertIn("i10", str(frappe.get_message_log()))
