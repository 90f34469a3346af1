"""The consistency checks on stored plans (plan_checks.py): each class of finding on data built in the
test, the demo, and the number of queries, which must not grow with the plan."""

from contextlib import contextmanager

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.demo.loader import load_demo
from ita_tracker.plan_checks import check_plan
from ita_tracker.tests.factories import (
	ITATestCase,
	make_agency,
	make_indicator_result,
	make_measure,
	make_step,
)


def found(plan: str) -> list[tuple[str, str]]:
	"""(code, record) of every finding on `plan`."""
	return [(finding.code, finding.subject) for finding in check_plan(plan)]


@contextmanager
def counting_queries():
	queries = []
	sql = frappe.db.__class__.sql

	def counted(db, *args, **kwargs):
		queries.append(args[0] if args else kwargs.get("query"))
		return sql(db, *args, **kwargs)

	frappe.db.__class__.sql = counted
	try:
		yield queries
	finally:
		frappe.db.__class__.sql = sql


class TestPlanChecks(ITATestCase):
	def test_the_world_has_no_finding(self):
		self.assertEqual(found(self.w.plan.name), [])

	def test_another_agencys_name_in_free_text(self):
		w = self.w
		other = make_agency().name
		own = f"ทต.{w.agency.removeprefix('เทศบาลตำบล')}"
		result = w.results[0]
		frappe.db.set_value("ITA Indicator Result", result.name, "analysis", f"หน่วยงาน{other} ยังมีการ")
		frappe.db.set_value("ITA Measure", w.measure_a.name, "analysis", f"บุคลากรของ {own} ทุกคน")
		frappe.db.set_value("ITA Measure", w.measure_b.name, "measure_title", f"มาตรการของ{other}")
		frappe.db.set_value("ITA Action Step", w.step_a.name, "description", f"แจ้งเวียนใน {w.agency}")
		frappe.db.set_value("ITA Action Step", w.step_b.name, "remarks", "ส่งให้ อบต.หนองโน แล้ว")
		findings = check_plan(w.plan.name)
		self.assertEqual(
			[(f.code, f.subject, f.values["other"]) for f in findings],
			[
				("other-agency-name", result.name, other),
				("other-agency-name", w.measure_b.name, other),
				("other-agency-name", w.step_b.name, "อบต.หนองโน"),
			],
		)
		self.assertFalse(any(finding.is_error for finding in findings))

	def test_a_score_repeated_from_another_indicator(self):
		w = self.w
		copied = make_indicator_result(w.assessment, "7", 81.37)
		make_measure(w.plan, [copied])
		self.assertEqual(found(w.plan.name), [("score-same-as-other-indicator", copied.name)])
		indicator_2 = frappe.db.get_value("ITA Indicator", "2", "indicator_name")
		self.assertEqual(check_plan(w.plan.name)[0].values["other"], f"2. {indicator_2}")

	def test_an_analysis_asking_for_a_measure_that_no_measure_answers(self):
		w = self.w
		asking = make_indicator_result(
			w.assessment, "3", 91.37, analysis="ยังมีการสั่งการ เห็นควรมีมาตรการในการยกระดับผลคะแนน"
		)
		self.assertFalse(asking.needs_measure)
		self.assertEqual(found(w.plan.name), [("analysis-asks-for-measure", asking.name)])
		make_measure(w.plan, [asking])
		self.assertEqual(found(w.plan.name), [])

	def test_a_result_needing_a_measure_without_one(self):
		unanswered = make_indicator_result(self.w.assessment, "10", 60)
		self.assertEqual(found(self.w.plan.name), [("result-without-measure", unanswered.name)])

	def test_a_weak_question_above_its_indicator(self):
		result = make_indicator_result(self.w.assessment, "3", 86, [("i8", 87.65)])
		self.assertEqual(found(self.w.plan.name), [("weak-question-above-indicator", result.name)])

	def test_a_plan_period_outside_its_fiscal_year(self):
		frappe.db.set_value("ITA Plan", self.w.plan.name, "period_end", "2026-10-31")
		self.assertEqual(found(self.w.plan.name), [("plan-outside-fiscal-year", self.w.plan.name)])

	def test_an_overall_score_disagreeing_with_the_tool_scores(self):
		w = self.w
		year = frappe.get_doc("ITA Fiscal Year", w.assessment.fiscal_year)
		year.update({"iit_weight": 30, "eit_weight": 30, "oit_weight": 40}).save()
		frappe.db.set_value(
			"ITA Assessment", w.assessment.name, {"iit_score": 80, "eit_score": 90, "oit_score": 70}
		)
		self.assertEqual(found(w.plan.name), [("overall-disagrees-with-tools", w.assessment.name)])

	def test_errors_that_bypassed_validation(self):
		w = self.w
		frappe.db.set_value("ITA Indicator Result", w.results[0].name, "score", 101)
		frappe.db.set_value("ITA Measure", w.measure_b.name, "period_end", "2025-09-30")
		frappe.db.set_value("ITA Action Step", w.step_a.name, "due_date", "2027-01-31")
		self.assertEqual(
			sorted(found(w.plan.name)),
			[
				("period-ends-before-start", w.measure_b.name),
				("score-out-of-range", w.results[0].name),
				("step-due-outside-measure", w.step_a.name),
				("step-due-outside-measure", w.step_b.name),
			],
		)

	def test_queries_do_not_grow_with_the_plan(self):
		w = self.w
		check_plan(w.plan.name)  # warm the caches
		with counting_queries() as small:
			check_plan(w.plan.name)
		for indicator in ("1", "3", "4", "6"):
			measure = make_measure(
				w.plan, [make_indicator_result(w.assessment, indicator, 70 + int(indicator))]
			)
			for _ in range(3):
				make_step(measure, remarks="ส่งหลักฐานแล้ว")
		make_agency()
		check_plan(w.plan.name)  # the new agency's name enters the cache, once
		with counting_queries() as large:
			self.assertEqual(check_plan(w.plan.name), [])
		self.assertEqual(len(large), len(small), "\n".join(map(str, large)))


class TestDemoChecks(FrappeTestCase):
	def setUp(self):
		frappe.db.savepoint("demo_checks")
		self.addCleanup(frappe.db.rollback, save_point="demo_checks")
		self.plan = load_demo()

	def test_the_demo_has_no_finding(self):
		self.assertEqual(found(self.plan), [])

	def test_the_demo_as_its_agency_printed_it_contradicts_itself(self):
		"""The reference document gives indicator 4 indicator 3's score, names another municipality, and
		asks for a measure for indicator 3 that its table leaves out: the checks name each record."""
		results = dict(
			frappe.get_all(
				"ITA Indicator Result",
				filters={"agency": frappe.db.get_value("ITA Plan", self.plan, "agency")},
				fields=["indicator", "name"],
				as_list=True,
			)
		)
		frappe.db.set_value("ITA Indicator Result", results["4"], "score", 91.37)
		frappe.db.set_value(
			"ITA Indicator Result", results["3"], {"measure_requested": 0, "needs_measure": 0}
		)
		frappe.db.delete("ITA Measure Indicator Result", {"indicator_result": results["3"]})
		step = frappe.get_all("ITA Action Step", filters={"plan": self.plan}, pluck="name", limit=1)[0]
		frappe.db.set_value("ITA Action Step", step, "description", "ผู้บังคับบัญชาของเทศบาลตำบลเขวาสินรินทร์กำกับดูแล")
		self.assertEqual(
			found(self.plan),
			[
				("score-same-as-other-indicator", results["4"]),
				("analysis-asks-for-measure", results["3"]),
				("other-agency-name", step),
			],
		)
