from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.exceptions import InvalidFiscalYearError, InvalidNumberError, ScoreOutOfRangeError


def new_year(fiscal_year, **fields):
	frappe.db.delete("ITA Fiscal Year", {"name": ("in", ["2590", "2564"])})
	return frappe.get_doc({"doctype": "ITA Fiscal Year", "fiscal_year": fiscal_year, **fields}).insert()


class TestITAFiscalYear(FrappeTestCase):
	def test_thai_digits_name_the_year_and_bounds_follow(self):
		year = new_year("๒๕๙๐", iit_weight="๓๐", eit_weight="30", oit_weight="๔๐")
		self.assertEqual(year.name, "2590")
		self.assertEqual(year.year_start_date, date(2046, 10, 1))
		self.assertEqual(year.year_end_date, date(2047, 9, 30))
		self.assertEqual(year.rating_scale, "Current (2566 onwards)")
		self.assertEqual(year.tool_weights, {"IIT": 30, "EIT": 30, "OIT": 40})

	def test_years_before_2566_use_the_letter_scale(self):
		self.assertEqual(new_year("2564").rating_scale, "Letter (AA-F)")

	def test_unknown_weights(self):
		self.assertIsNone(new_year("2590").tool_weights)

	def test_a_ce_year_is_refused_by_name(self):
		with self.assertRaisesRegex(InvalidFiscalYearError, "2026"):
			new_year("2026")

	def test_weight_out_of_range(self):
		with self.assertRaisesRegex(ScoreOutOfRangeError, "140"):
			new_year("2590", oit_weight=140)

	def test_weight_that_is_not_a_number(self):
		with self.assertRaisesRegex(InvalidNumberError, "สามสิบ"):
			new_year("2590", iit_weight="สามสิบ")
