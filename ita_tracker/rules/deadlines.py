"""Deadlines of action steps and the status a measure takes from its steps."""

from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import MO, relativedelta

NOT_STARTED = "Not Started"
IN_PROGRESS = "In Progress"
DONE = "Done"
VERIFIED = "Verified"
FINISHED = (DONE, VERIFIED)


def next_working_day(day: date) -> date:
	"""`day` itself on a weekday; the Monday after when it falls on a weekend."""
	return day + relativedelta(weekday=MO) if day.weekday() >= 5 else day


def reminder_date(due: date, days_before: int) -> date:
	return due - relativedelta(days=days_before)


def is_overdue(due: date | None, status: str, today: date) -> bool:
	"""Unfinished after its deadline; a deadline on a weekend is met by the next working day."""
	return bool(due) and next_working_day(due) < today and status not in FINISHED


def overdue_cutoff(today: date) -> date:
	"""The first due date that is not yet overdue today: a step is overdue exactly when its due date is
	before this. For queries, which cannot call next_working_day on each row."""
	weekday = today.weekday()
	if weekday == 0:  # Monday: a Saturday or Sunday deadline is met today
		return today - relativedelta(days=2)
	if weekday == 6:  # Sunday: a Saturday deadline is met tomorrow
		return today - relativedelta(days=1)
	return today


def is_due_within(due: date | None, status: str, today: date, days: int) -> bool:
	"""Due between today and `days` days from now, and not finished yet."""
	return bool(due) and status not in FINISHED and today <= due <= today + relativedelta(days=days)


def measure_status(step_statuses: Iterable[str]) -> str:
	"""No step started, some in progress, all done, or all verified."""
	statuses = list(step_statuses)
	if statuses and all(status == VERIFIED for status in statuses):
		return VERIFIED
	if statuses and all(status in FINISHED for status in statuses):
		return DONE
	if any(status != NOT_STARTED for status in statuses):
		return IN_PROGRESS
	return NOT_STARTED
