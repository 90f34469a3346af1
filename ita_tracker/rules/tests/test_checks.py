from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.checks import (
	MAX_TEXT_CHARACTERS,
	Assessment,
	IndicatorResult,
	Measure,
	Plan,
	Step,
	WeakQuestion,
	check_duplicate_assessment,
	check_period,
	check_plan,
	check_score,
	check_step_within_measure,
	check_text_length,
	implied_overall,
)

FY_START, FY_END = date(2025, 10, 1), date(2026, 9, 30)


def codes(findings):
	return sorted(finding.code for finding in findings)


@pytest.mark.parametrize("score", [0, 100, "50", Decimal("81.24")])
def test_scores_within_range_pass(score):
	assert check_score("Score", score) is None


@pytest.mark.parametrize("score", [-0.01, 100.01, 150])
def test_score_out_of_range_names_the_value(score):
	finding = check_score("Overall score", score)
	assert finding.is_error and finding.code == "score-out-of-range"
	assert str(score) in finding.render()
	assert "Overall score" in finding.render()


def test_period_ending_before_it_starts():
	finding = check_period("Measure", date(2025, 10, 2), date(2025, 10, 1), "M-1")
	assert finding.code == "period-ends-before-start"
	assert finding.render(format_date=lambda d: d.strftime("%d/%m/%Y")) == (
		"Measure ends on 01/10/2025 before it starts on 02/10/2025."
	)
	assert check_period("Measure", date(2025, 10, 1), date(2025, 10, 1)) is None
	assert check_period("Measure", None, date(2025, 10, 1)) is None


def test_step_due_outside_its_measure():
	measure = Measure("M-1", FY_START, FY_END)
	assert check_step_within_measure(Step("S-1", FY_START, FY_END), measure) is None
	late = check_step_within_measure(Step("S-2", FY_START, date(2026, 10, 1)), measure)
	assert late.code == "step-due-outside-measure" and "2026-10-01" in late.render()
	early = check_step_within_measure(Step("S-3", None, date(2025, 9, 30)), measure)
	assert early.is_error


def test_duplicate_assessment_names_the_existing_one():
	assert check_duplicate_assessment("เทศบาลตำบลเขวาใหญ่", 2568, None) is None
	finding = check_duplicate_assessment("เทศบาลตำบลเขวาใหญ่", 2568, "ASMT-1")
	assert finding.is_error and "ASMT-1" in finding.render() and "2568" in finding.render()


def test_implied_overall_needs_every_score_and_weight():
	scores = {"IIT": Decimal(80), "EIT": Decimal(90), "OIT": Decimal(70)}
	weights = {"IIT": 30, "EIT": 30, "OIT": 40}
	assert implied_overall(scores, weights) == Decimal(79)
	assert implied_overall(scores, {}) is None
	assert implied_overall({**scores, "OIT": Decimal(0)}, weights) is None


def make_plan(**changes):
	result_low = IndicatorResult("R-2", "2", Decimal("81.37"), True, [WeakQuestion("i4", Decimal("79.41"))])
	result_ok = IndicatorResult("R-3", "3", Decimal("91.37"), False, [WeakQuestion("i8", Decimal("87.65"))])
	plan = Plan(
		name="PLAN-1",
		fiscal_year=2569,
		start=FY_START,
		end=FY_END,
		assessment=Assessment(
			"ASMT-1",
			2568,
			Decimal("79.00"),
			{"IIT": Decimal(80), "EIT": Decimal(90), "OIT": Decimal(70)},
			{"IIT": 30, "EIT": 30, "OIT": 40},
		),
		indicator_results=[result_low, result_ok],
		measures=[
			Measure(
				"M-1",
				FY_START,
				FY_END,
				{"R-2"},
				[Step("S-1", FY_START, date(2025, 12, 31), "แจ้งเวียนคู่มือให้บุคลากรของ ทต.เขวาใหญ่ ทราบ")],
				"มาตรการเสริมสร้างการมีส่วนร่วม",
				"ควรเปิดโอกาสให้บุคลากรของเทศบาลตำบล เขวาใหญ่มีส่วนร่วม",
			)
		],
		agency="เทศบาลตำบลเขวาใหญ่",
		title="ITA 2569 เทศบาลตำบลเขวาใหญ่",
	)
	for key, value in changes.items():
		setattr(plan, key, value)
	return plan


def test_a_consistent_plan_has_no_findings():
	assert check_plan(make_plan()) == []


def test_result_below_target_without_measure_is_a_warning():
	findings = check_plan(make_plan(measures=[]))
	assert codes(findings) == ["result-without-measure"]
	assert not findings[0].is_error and "R-2" in findings[0].render()


def test_findings_name_records_as_people_read_them():
	plan = make_plan(measures=[])
	plan.indicator_results[0].label = "2. การใช้งบประมาณ"
	(finding,) = check_plan(plan)
	assert "2. การใช้งบประมาณ (81.37)" in finding.render() and "R-2" not in finding.render()
	assert finding.subject == "R-2"
	step = Step("S-9", FY_START, date(2026, 12, 31), "ส่ง" * 70)
	rendered = check_step_within_measure(step, Measure("M-9", FY_START, FY_END)).render()
	assert f"Step {('ส่ง' * 70)[:59]}… is due" in rendered and "S-9" not in rendered


def test_weak_question_above_its_indicator():
	plan = make_plan()
	plan.indicator_results[1].weak_questions.append(WeakQuestion("i9", Decimal("95")))
	findings = check_plan(plan)
	assert codes(findings) == ["weak-question-above-indicator"]
	assert "i9" in findings[0].render() and "95" in findings[0].render()


def test_plan_period_outside_its_fiscal_year():
	findings = check_plan(make_plan(end=date(2026, 10, 31)))
	assert codes(findings) == ["plan-outside-fiscal-year"]


def test_overall_disagreeing_with_tools_beyond_rounding():
	plan = make_plan()
	plan.assessment.overall = Decimal("79.02")
	assert check_plan(plan) == []
	plan.assessment.overall = Decimal("81.24")
	findings = check_plan(plan)
	assert codes(findings) == ["overall-disagrees-with-tools"]
	assert "81.24" in findings[0].render() and "79.00" in findings[0].render()


def test_unknown_weights_skip_the_overall_check():
	plan = make_plan()
	plan.assessment.overall = Decimal("81.24")
	plan.assessment.tool_weights = None
	assert check_plan(plan) == []


def test_errors_in_measures_and_steps_are_listed():
	bad_step = Step("S-9", date(2026, 1, 2), date(2026, 1, 1))
	late_step = Step("S-10", FY_START, date(2027, 1, 1))
	plan = make_plan(measures=[Measure("M-1", FY_START, FY_END, {"R-2"}, [bad_step, late_step])])
	assert codes(check_plan(plan)) == ["period-ends-before-start", "step-due-outside-measure"]


def test_translated_label_and_message():
	finding = check_score("Overall score", 101)
	thai = {"{label} must be between 0 and 100, not {score}.": "{label} ต้องอยู่ระหว่าง 0 ถึง 100 ไม่ใช่ {score}"}
	labels = {"Overall score": "คะแนนภาพรวม"}
	assert finding.render(lambda text: thai.get(text) or labels.get(text, text)) == (
		"คะแนนภาพรวม ต้องอยู่ระหว่าง 0 ถึง 100 ไม่ใช่ 101"
	)


@given(st.decimals(min_value=-1000, max_value=1000, places=2))
def test_score_check_agrees_with_the_range(score):
	assert (check_score("Score", score) is None) == (0 <= score <= 100)


def test_text_up_to_the_limit_fits_and_beyond_it_names_its_length():
	assert check_text_length("Analysis", "ก" * MAX_TEXT_CHARACTERS) is None
	finding = check_text_length("Analysis", "ก" * (MAX_TEXT_CHARACTERS + 1), "ITA-STEP-1")
	assert finding.is_error and finding.code == "text-too-long"
	assert finding.render() == "Analysis has 10,001 characters; at most 10,000 fit."


def test_another_agencys_name_in_free_text_names_the_record():
	plan = make_plan(known_agencies=["เทศบาลตำบลเขวาใหญ่", "เทศบาลตำบลเขวาสินรินทร์"])
	plan.indicator_results[0].analysis = "หน่วยงานเทศบาลตำบลเขวาสินรินทร์ยังมีการสั่งการ"
	plan.measures[0].steps[0].remarks = "ส่งแบบฟอร์มให้ อบต.หนองโน แล้ว"
	findings = check_plan(plan)
	assert codes(findings) == ["other-agency-name", "other-agency-name"]
	assert [(f.subject, f.values["other"]) for f in findings] == [
		("R-2", "เทศบาลตำบลเขวาสินรินทร์"),
		("S-1", "อบต.หนองโน"),
	]
	assert findings[0].render() == (
		"Analysis of R-2 names เทศบาลตำบลเขวาสินรินทร์, not the plan's agency เทศบาลตำบลเขวาใหญ่."
	)
	assert not any(finding.is_error for finding in findings)


def test_a_score_repeated_from_another_indicator():
	plan = make_plan()
	plan.indicator_results.append(IndicatorResult("R-4", "4", Decimal("91.37"), True))
	plan.measures[0].answers.add("R-4")
	findings = check_plan(plan)
	assert codes(findings) == ["score-same-as-other-indicator"]
	assert findings[0].subject == "R-4" and not findings[0].is_error
	assert findings[0].render().startswith("Indicator result R-4 scores 91.37, exactly as R-3 does")


def test_the_bounds_of_the_scale_may_repeat():
	plan = make_plan()
	plan.indicator_results[1].score = Decimal(100)
	plan.indicator_results.append(IndicatorResult("R-9", "9", Decimal("100.00"), False))
	assert check_plan(plan) == []


def test_an_analysis_asking_for_a_measure_that_no_measure_answers():
	plan = make_plan()
	plan.indicator_results[1].analysis = "ยังมีการสั่งการ เห็นควรมีมาตรการในการยกระดับผลคะแนน"
	findings = check_plan(plan)
	assert codes(findings) == ["analysis-asks-for-measure"]
	assert findings[0].subject == "R-3" and "เห็นควรมีมาตรการ" in findings[0].render()
	plan.measures[0].answers.add("R-3")
	assert check_plan(plan) == []


def test_a_result_needing_a_measure_is_named_once():
	plan = make_plan(measures=[])
	plan.indicator_results[0].analysis = "เห็นควรมีมาตรการในการยกระดับผลคะแนน"
	assert codes(check_plan(plan)) == ["result-without-measure"]
