"""Thai government fiscal years (1 October - 30 September) and Buddhist Era years."""

from datetime import date

from dateutil.relativedelta import relativedelta

BE_OFFSET = 543
FISCAL_YEAR_START_MONTH = 10


def be_to_ce(be_year: int) -> int:
	return int(be_year) - BE_OFFSET


def ce_to_be(ce_year: int) -> int:
	return int(ce_year) + BE_OFFSET


def fiscal_year_of(day: date) -> int:
	"""The fiscal year (BE) that `day` falls in: 1 Oct 2025 opens fiscal year 2569."""
	ce_year = day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year
	return ce_to_be(ce_year)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
	"""First and last day of a fiscal year given in BE."""
	start = date(be_to_ce(fiscal_year_be) - 1, FISCAL_YEAR_START_MONTH, 1)
	return start, start + relativedelta(years=1, days=-1)


def is_within(start: date, end: date, outer_start: date, outer_end: date) -> bool:
	return outer_start <= start and end <= outer_end
