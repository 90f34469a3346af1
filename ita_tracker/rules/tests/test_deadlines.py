from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.deadlines import (
	DONE,
	IN_PROGRESS,
	NOT_STARTED,
	VERIFIED,
	is_due_within,
	is_overdue,
	measure_status,
	next_working_day,
	overdue_cutoff,
	reminder_date,
)


@pytest.mark.parametrize(
	"day, expected",
	[
		(date(2026, 9, 30), date(2026, 9, 30)),  # Wednesday, last day of fiscal year 2569
		(date(2026, 10, 3), date(2026, 10, 5)),  # Saturday
		(date(2026, 10, 4), date(2026, 10, 5)),  # Sunday
		(date(2025, 10, 31), date(2025, 10, 31)),  # Friday
	],
)
def test_next_working_day(day, expected):
	assert next_working_day(day) == expected


@given(st.dates(max_value=date(9999, 12, 1)))
def test_next_working_day_is_a_weekday_within_two_days(day):
	moved = next_working_day(day)
	assert moved.weekday() < 5
	assert timedelta(0) <= moved - day <= timedelta(days=2)


def test_reminder_date_crosses_the_fiscal_year_boundary():
	assert reminder_date(date(2025, 10, 2), 7) == date(2025, 9, 25)


def test_overdue_only_after_the_due_date_and_while_unfinished():
	due = date(2026, 9, 30)
	assert not is_overdue(due, IN_PROGRESS, date(2026, 9, 30))
	assert is_overdue(due, IN_PROGRESS, date(2026, 10, 1))
	assert is_overdue(due, NOT_STARTED, date(2026, 10, 1))
	assert not is_overdue(due, DONE, date(2026, 10, 1))
	assert not is_overdue(due, VERIFIED, date(2027, 1, 1))
	assert not is_overdue(None, NOT_STARTED, date(2026, 10, 1))


def test_a_deadline_on_a_weekend_is_met_by_the_monday():
	saturday = date(2026, 10, 3)
	assert not is_overdue(saturday, IN_PROGRESS, date(2026, 10, 4))
	assert not is_overdue(saturday, IN_PROGRESS, date(2026, 10, 5))
	assert is_overdue(saturday, IN_PROGRESS, date(2026, 10, 6))


def test_due_within_a_window():
	today = date(2026, 9, 28)
	assert is_due_within(date(2026, 9, 30), NOT_STARTED, today, 3)
	assert is_due_within(date(2026, 10, 1), NOT_STARTED, today, 3)
	assert not is_due_within(date(2026, 10, 2), NOT_STARTED, today, 3)
	assert not is_due_within(date(2026, 9, 27), NOT_STARTED, today, 3)
	assert not is_due_within(date(2026, 9, 30), DONE, today, 3)


@pytest.mark.parametrize(
	"statuses, expected",
	[
		([], NOT_STARTED),
		([NOT_STARTED, NOT_STARTED], NOT_STARTED),
		([NOT_STARTED, IN_PROGRESS], IN_PROGRESS),
		([NOT_STARTED, DONE], IN_PROGRESS),
		([DONE, VERIFIED], DONE),
		([VERIFIED, VERIFIED], VERIFIED),
	],
)
def test_measure_status_from_its_steps(statuses, expected):
	assert measure_status(statuses) == expected


@given(st.dates(max_value=date(9999, 12, 1)), st.dates(max_value=date(9999, 12, 1)))
def test_the_query_cutoff_agrees_with_is_overdue(due, today):
	assert is_overdue(due, IN_PROGRESS, today) == (due < overdue_cutoff(today))
