import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import DuplicateQuestionError, QuestionCodeError
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.ita_tracker.doctype.ita_question.ita_question import get_question


def new_question(code, indicator="1", years=(2590,)):
	for year in years:
		ensure_fiscal_year(year)
	return frappe.get_doc(
		{
			"doctype": "ITA Question",
			"question_code": code,
			"indicator": indicator,
			"question_text": "เจ้าหน้าที่ในหน่วยงานของท่าน มีการเลือกปฏิบัติอย่างไม่เป็นธรรม",
			"applies_in": [{"fiscal_year": str(year)} for year in years],
		}
	).insert()


class TestITAQuestion(FrappeTestCase):
	def test_code_in_thai_digits_is_normalized_and_found_by_year(self):
		question = new_question("I๒", years=(2590, 2591))
		self.assertEqual(question.question_code, "i2")
		self.assertEqual(question.name, "2590-i2")
		self.assertEqual(question.tool, "IIT")
		self.assertEqual(get_question("i2", 2591), question.name)
		self.assertIsNone(get_question("i2", 2592))

	def test_malformed_code(self):
		with self.assertRaisesRegex(QuestionCodeError, "x2"):
			new_question("x2")

	def test_code_of_another_tool(self):
		with self.assertRaisesRegex(QuestionCodeError, "e5"):
			new_question("e5", indicator="1")

	def test_same_code_twice_in_a_year(self):
		new_question("o25", indicator="9", years=(2590,))
		with self.assertRaisesRegex(DuplicateQuestionError, "o25"):
			new_question("o25", indicator="9", years=(2591, 2590))

	def test_same_code_in_another_year_is_another_question(self):
		first = new_question("e5", indicator="7", years=(2590,))
		second = new_question("e5", indicator="7", years=(2591,))
		self.assertNotEqual(first.name, second.name)
