"""Links, pickers and lists show what a person reads, never a generated ID: each DocType a user links to has
a title that Frappe's link search and link titles resolve, and the stored titles do not depend on the
language of whoever saved the record last."""

import frappe
from frappe.client import get_value
from frappe.desk.search import get_link_title, search_link

from ita_tracker.patches import fill_titles_of_indicator_results
from ita_tracker.tests.factories import ITATestCase, make_question


class TestLinkTitles(ITATestCase):
	def assertResolves(self, doctype: str, name: str, title: str, search: str | None = None):
		"""The link title, the title field's value and a link search by part of the title all give `title`."""
		self.assertEqual(get_link_title(doctype, name), title)
		title_field = frappe.get_meta(doctype).title_field or "name"
		self.assertEqual(get_value(doctype, title_field, {"name": name})[title_field], title)
		found = {
			row["value"]: row.get("label", row["value"]) for row in search_link(doctype, search or title)
		}
		self.assertEqual(
			found.get(name), title, f"{doctype} {name} not found by {search or title!r}: {found}"
		)

	def test_an_indicator_result_reads_as_its_indicator_and_score(self):
		result = self.w.results[0]
		name = frappe.db.get_value("ITA Indicator", "2", "indicator_name")
		self.assertEqual(result.title, f"2. {name}: 81.37")
		self.assertNotIn(result.name, result.title)
		self.assertResolves("ITA Indicator Result", result.name, result.title, search=name)

	def test_a_step_reads_as_its_text(self):
		step = self.w.step_a
		self.assertResolves("ITA Action Step", step.name, step.description)

	def test_measure_plan_assessment_division_indicator_and_question_read_as_names(self):
		w = self.w
		self.assertResolves("ITA Measure", w.measure_a.name, w.measure_a.measure_title)
		self.assertResolves("ITA Plan", w.plan.name, f"ITA {w.plan.fiscal_year} {w.agency}", search=w.agency)
		self.assertResolves(
			"ITA Assessment", w.assessment.name, f"{w.agency} ITA {w.assessment.fiscal_year}", search=w.agency
		)
		division = frappe.get_doc("ITA Division", w.division_a)
		self.assertResolves("ITA Division", division.name, division.division_name)
		self.assertResolves("ITA Indicator", "2", frappe.db.get_value("ITA Indicator", "2", "indicator_name"))
		question = make_question("i77", "2", question_text="เจ้าหน้าที่ให้บริการอย่างเท่าเทียม")
		self.assertResolves("ITA Question", question.name, question.question_text)
		self.assertResolves("ITA Agency", w.agency, w.agency)

	def test_a_stored_title_is_the_same_whatever_language_saved_it(self):
		result = frappe.get_doc("ITA Indicator Result", self.w.results[0].name)
		in_thai = result.title
		frappe.local.lang = "en"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		result.save()
		self.assertEqual(result.title, in_thai)
		frappe.local.lang = "th"
		result.save()
		self.assertEqual(result.title, in_thai)

	def test_renaming_an_indicator_retitles_its_results(self):
		indicator = frappe.get_doc("ITA Indicator", "2")
		indicator.indicator_name = "ตัวชี้วัดที่เปลี่ยนชื่อ"
		indicator.save()
		self.assertEqual(
			frappe.db.get_value("ITA Indicator Result", self.w.results[0].name, "title"),
			"2. ตัวชี้วัดที่เปลี่ยนชื่อ: 81.37",
		)

	def test_the_patch_fills_titles_of_results_stored_without_one(self):
		result = self.w.results[1]
		frappe.db.set_value("ITA Indicator Result", result.name, "title", None, update_modified=False)
		fill_titles_of_indicator_results.execute()
		self.assertEqual(frappe.db.get_value("ITA Indicator Result", result.name, "title"), result.title)
