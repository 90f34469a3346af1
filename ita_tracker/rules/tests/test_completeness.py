"""What a plan must hold before it is submitted (checks.check_completeness): each measure its analysis and
steps, each step its due date and owner; steps are named together, in one finding per kind."""

from datetime import date

from ita_tracker.rules.checks import LISTED_STEPS, Measure, Plan, Step, check_completeness

FY_START, FY_END = date(2025, 10, 1), date(2026, 9, 30)


def step(name, due=date(2025, 12, 31), owner="owner@example.org", description=None):
	return Step(name, FY_START, due, description or f"ขั้นตอน {name}", owner=owner)


def measure(name, steps, analysis="คะแนนต่ำเพราะบุคลากรไม่ทราบแนวทาง"):
	return Measure(name, FY_START, FY_END, {"R-1"}, steps, f"มาตรการ {name}", analysis)


def plan(*measures):
	return Plan("PLAN-1", 2569, FY_START, FY_END, measures=list(measures))


def test_a_complete_plan_has_no_finding():
	assert check_completeness(plan(measure("M-1", [step("S-1")]))) == []


def test_an_empty_measure_is_named_for_its_analysis_and_its_steps():
	findings = check_completeness(plan(measure("M-1", [step("S-1")]), measure("M-2", [], analysis=" ")))
	assert [(f.code, f.subject) for f in findings] == [
		("measure-without-analysis", "M-2"),
		("measure-without-steps", "M-2"),
	]
	assert all(not f.is_error for f in findings)
	assert "มาตรการ M-2" in findings[0].render() and "มาตรการ M-2" in findings[1].render()


def test_steps_without_a_due_date_are_one_finding_naming_each():
	findings = check_completeness(
		plan(measure("M-1", [step("S-1", due=None), step("S-2"), step("S-3", due=None)]))
	)
	(finding,) = findings
	assert (finding.code, finding.subject, finding.records) == (
		"steps-without-due-date",
		"PLAN-1",
		("S-1", "S-3"),
	)
	assert finding.render() == (
		"2 of 3 steps have no due date, so they are never overdue: ขั้นตอน S-1; ขั้นตอน S-3."
	)


def test_many_steps_without_an_owner_are_one_finding_that_counts_the_rest():
	steps = [step(f"S-{n}", owner=None if n > 2 else "owner@example.org") for n in range(1, 32)]
	(finding,) = check_completeness(plan(measure("M-1", steps[:15]), measure("M-2", steps[15:])))
	assert finding.code == "steps-without-owner"
	assert finding.records == tuple(f"S-{n}" for n in range(3, 32))
	text = finding.render()
	assert text.startswith("29 of 31 steps have no owner to report on them: ขั้นตอน S-3; ")
	assert text.endswith(f"and {29 - LISTED_STEPS} more.")
	assert text.count("ขั้นตอน") == LISTED_STEPS
