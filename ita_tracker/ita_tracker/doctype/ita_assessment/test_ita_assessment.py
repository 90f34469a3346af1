import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import DuplicateAssessmentError, InvalidNumberError, ScoreOutOfRangeError
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.tests.factories import make_agency, make_assessment


class TestITAAssessment(FrappeTestCase):
	def test_thai_digits_are_scores_and_the_rating_is_computed(self):
		assessment = make_assessment(overall_score="๘๑.๒๔")
		self.assertEqual(assessment.overall_score, 81.24)
		self.assertEqual(assessment.rating, "Needs Improvement")
		self.assertEqual(frappe.db.get_value("ITA Assessment", assessment.name, "overall_score"), 81.24)

	def test_rating_reads_every_tool(self):
		assessment = make_assessment(overall_score=96, iit_score=97, eit_score=96, oit_score=94.99)
		self.assertEqual(assessment.rating, "Good Pass")
		assessment.oit_score = 95
		assessment.save()
		self.assertEqual(assessment.rating, "Excellent Pass")

	def test_letter_scale_before_2566(self):
		self.assertEqual(make_assessment(fiscal_year=2565, overall_score=84.99).rating, "B")

	def test_overall_score_out_of_range(self):
		with self.assertRaisesRegex(ScoreOutOfRangeError, "100.5"):
			make_assessment(overall_score=100.5)

	def test_tool_score_out_of_range_names_the_tool(self):
		with self.assertRaisesRegex(ScoreOutOfRangeError, "EIT Score.*-1"):
			make_assessment(eit_score=-1)

	def test_text_that_is_not_a_number(self):
		with self.assertRaisesRegex(InvalidNumberError, "๘๑,๒๔,"):
			make_assessment(overall_score="๘๑,๒๔,")

	def test_second_assessment_of_an_agency_in_a_year(self):
		agency = make_agency().name
		first = make_assessment(agency, 2568)
		make_assessment(agency, 2567)
		with self.assertRaisesRegex(DuplicateAssessmentError, first.name):
			make_assessment(agency, 2568)

	def test_the_database_refuses_a_second_assessment_that_skipped_validation(self):
		"""As the request that loses a race does: validate passed before the winner committed."""
		first = make_assessment(fiscal_year=2568)
		second = frappe.get_doc(
			{"doctype": "ITA Assessment", "agency": first.agency, "fiscal_year": "2568", "overall_score": 90}
		)
		second.flags.ignore_validate = True
		frappe.clear_messages()
		with self.assertRaisesRegex(DuplicateAssessmentError, first.name):
			second.insert()
		self.assertNotIn("must be unique", str(frappe.get_message_log()))
		self.assertEqual(frappe.db.count("ITA Assessment", {"agency": first.agency}), 1)

	def test_overall_that_disagrees_with_the_weighted_tools_is_a_warning(self):
		year = frappe.get_doc("ITA Fiscal Year", ensure_fiscal_year(2568))
		year.update({"iit_weight": 30, "eit_weight": 30, "oit_weight": 40}).save()
		frappe.clear_messages()
		make_assessment(overall_score=81.24, iit_score=80, eit_score=90, oit_score=70)
		self.assertIn("79.00", str(frappe.get_message_log()))
		frappe.clear_messages()
		make_assessment(overall_score=79.01, iit_score=80, eit_score=90, oit_score=70)
		self.assertEqual(frappe.get_message_log(), [])
