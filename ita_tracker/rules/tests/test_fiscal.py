from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.fiscal import be_to_ce, ce_to_be, fiscal_year_bounds, fiscal_year_of


def test_be_is_ce_plus_543():
	assert ce_to_be(2025) == 2568
	assert be_to_ce(2569) == 2026


def test_fiscal_year_turns_on_first_of_october():
	assert fiscal_year_of(date(2025, 9, 30)) == 2568
	assert fiscal_year_of(date(2025, 10, 1)) == 2569
	assert fiscal_year_of(date(2026, 9, 30)) == 2569
	assert fiscal_year_of(date(2026, 10, 1)) == 2570
	assert fiscal_year_of(date(2026, 1, 1)) == 2569


def test_fiscal_year_bounds_of_2569():
	assert fiscal_year_bounds(2569) == (date(2025, 10, 1), date(2026, 9, 30))


@given(st.integers(min_value=2400, max_value=3000))
def test_bounds_belong_to_their_year_and_touch_the_neighbours(year):
	start, end = fiscal_year_bounds(year)
	assert fiscal_year_of(start) == fiscal_year_of(end) == year
	assert fiscal_year_of(start - timedelta(days=1)) == year - 1
	assert fiscal_year_of(end + timedelta(days=1)) == year + 1
	assert (end - start).days in (364, 365)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)))
def test_every_day_lies_within_the_bounds_of_its_fiscal_year(day):
	start, end = fiscal_year_bounds(fiscal_year_of(day))
	assert start <= day <= end


@given(st.integers(min_value=1, max_value=9000))
def test_be_ce_round_trip(year):
	assert be_to_ce(ce_to_be(year)) == year
