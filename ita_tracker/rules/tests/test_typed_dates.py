from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.field_values import NotADateError
from ita_tracker.rules.typed_dates import read_typed_date, typed_form, typed_in_common_era

# (typed, its text in C.E. with Arabic digits): the cases the desk's mirror (be_dates.js) is checked on too,
# in the browser (tests/test_typed_dates_in_the_browser.py).
COMMON_ERA_TEXTS = [
	("30-06-2569", "30-06-2026"),
	("๓๐-๐๖-๒๕๖๙", "30-06-2026"),
	("30-06-2026", "30-06-2026"),
	("๓๐/๐๖/๒๐๒๖", "30/06/2026"),
	("2569-06-30", "2026-06-30"),
	("06/30/2569", "06/30/2026"),
	("30-06-2569 14:30:00", "30-06-2026 14:30:00"),
	("๓๐-๐๖-๒๕๖๙ ๐๙:๑๕", "30-06-2026 09:15"),
	("29-02-2567", "29-02-2024"),
	("30-06-2399", "30-06-2399"),
	("30-06-69", "30-06-69"),
	("", ""),
]


@pytest.mark.parametrize("typed, common_era", COMMON_ERA_TEXTS)
def test_a_typed_date_is_read_in_arabic_digits_and_the_common_era(typed, common_era):
	assert typed_in_common_era(typed) == common_era


@pytest.mark.parametrize(
	"typed, date_format",
	[
		("30-06-2569", "dd-mm-yyyy"),
		("๓๐-๐๖-๒๕๖๙", "dd-mm-yyyy"),
		("30-06-2026", "dd-mm-yyyy"),
		("30/06/2569", "dd/mm/yyyy"),
		("30.06.2569", "dd.mm.yyyy"),
		("06/30/2569", "mm/dd/yyyy"),
		("๒๕๖๙-๐๖-๓๐", "yyyy-mm-dd"),
		(" 30-6-2569 ", "dd-mm-yyyy"),
	],
)
def test_a_date_typed_in_the_sites_format_in_either_calendar_is_the_same_day(typed, date_format):
	assert read_typed_date(typed, date_format) == date(2026, 6, 30)


def test_the_29th_of_february_of_a_buddhist_era_leap_year_is_read():
	assert read_typed_date("29-02-2567", "dd-mm-yyyy") == date(2024, 2, 29)
	with pytest.raises(NotADateError):
		read_typed_date("29-02-2568", "dd-mm-yyyy")


@pytest.mark.parametrize(
	"typed, date_format",
	[
		("31-06-2569", "dd-mm-yyyy"),  # no 31 June
		("30-06-2569", "mm-dd-yyyy"),  # no month 30
		("30-06-69", "dd-mm-yyyy"),  # a year of neither calendar
		("2569-06-30", "dd-mm-yyyy"),  # another order than the site's
		("30 มิ.ย. 2569", "dd-mm-yyyy"),
		("30-06-2569x", "dd-mm-yyyy"),
		("", "dd-mm-yyyy"),
		("30-06-2569", "dd-mm"),
	],
)
def test_a_text_that_is_no_day_in_the_sites_format_is_refused(typed, date_format):
	with pytest.raises(NotADateError):
		read_typed_date(typed, date_format)


def test_the_typed_form_shows_the_year_of_the_readers_calendar():
	assert typed_form("dd-mm-yyyy", date(2026, 6, 30), buddhist_era=True) == "30-06-2569"
	assert typed_form("mm/dd/yyyy", date(2026, 6, 30), buddhist_era=False) == "06/30/2026"


@given(
	st.dates(min_value=date(1900, 1, 1), max_value=date(2399, 12, 31)),
	st.sampled_from(["dd-mm-yyyy", "dd/mm/yyyy", "dd.mm.yyyy", "mm/dd/yyyy", "mm-dd-yyyy", "yyyy-mm-dd"]),
	st.booleans(),
)
def test_what_the_desk_shows_reads_back_as_the_same_day(day, date_format, buddhist_era):
	assert read_typed_date(typed_form(date_format, day, buddhist_era), date_format) == day
