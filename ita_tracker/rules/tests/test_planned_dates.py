"""Planned dates within the fiscal year of the plan: fiscal year 2569 runs 2025-10-01 - 2026-09-30."""

from datetime import date

from ita_tracker.rules.checks import (
	Measure,
	Plan,
	Step,
	check_measure_in_fiscal_year,
	check_plan,
	check_plan_period,
	check_step_in_fiscal_year,
)

FY_START, FY_END = date(2025, 10, 1), date(2026, 9, 30)


def test_a_plan_outside_its_fiscal_year_is_an_error():
	finding = check_plan_period(Plan("P-1", 2569, FY_START, date(2569, 9, 30)))
	assert finding.is_error and finding.code == "plan-outside-fiscal-year"
	assert check_plan_period(Plan("P-1", 2569, FY_START, FY_END)) is None


def test_a_measure_outside_the_fiscal_year_of_its_plan():
	assert check_measure_in_fiscal_year(Measure("M-1", FY_START, FY_END), 2569) is None
	finding = check_measure_in_fiscal_year(Measure("M-1", date(2568, 10, 1), FY_END, title="ประชุม"), 2569)
	assert finding.is_error and finding.code == "measure-outside-fiscal-year" and finding.subject == "M-1"
	assert finding.render() == (
		"Measure ประชุม runs 2568-10-01 - 2026-09-30, outside fiscal year 2569 of its plan"
		" (2025-10-01 - 2026-09-30)."
	)


def test_a_step_outside_the_fiscal_year_of_its_plan():
	assert check_step_in_fiscal_year(Step("S-1", FY_START, FY_END), 2569) is None
	assert check_step_in_fiscal_year(Step("S-1", None, None), 2569) is None
	# The mix-up of fixtures/README.md: 31-12-2019 in a plan of 2569.
	finding = check_step_in_fiscal_year(Step("S-1", None, date(2019, 12, 31), "ส่งรายงาน"), 2569)
	assert finding.is_error and finding.code == "step-outside-fiscal-year"
	assert finding.render() == (
		"Step ส่งรายงาน is planned on 2019-12-31, outside fiscal year 2569 of its plan"
		" (2025-10-01 - 2026-09-30)."
	)
	assert check_step_in_fiscal_year(Step("S-1", date(2025, 9, 30), FY_END), 2569).code == (
		"step-outside-fiscal-year"
	)


def test_the_checks_of_a_stored_plan_name_each_record_outside_its_year():
	step = Step("S-1", FY_START, date(2026, 10, 31))
	measure = Measure("M-1", FY_START, date(2026, 10, 31), steps=[step])
	findings = check_plan(Plan("P-1", 2569, FY_START, FY_END, measures=[measure]))
	assert sorted((finding.code, finding.subject) for finding in findings) == [
		("measure-outside-fiscal-year", "M-1"),
		("step-outside-fiscal-year", "S-1"),
	]
