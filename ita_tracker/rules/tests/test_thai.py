from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.thai import (
	ThaiParseError,
	format_number,
	format_thai_date,
	parse_be_year,
	parse_number,
	parse_thai_date,
	parse_thai_period,
	to_arabic_digits,
	to_thai_digits,
)


def test_thai_digits_both_ways():
	assert to_arabic_digits("๘๑.๒๔") == "81.24"
	assert to_thai_digits("2569") == "๒๕๖๙"


@pytest.mark.parametrize(
	"text, expected",
	[
		("๘๑.๒๔", "81.24"),
		("81.24", "81.24"),
		(" ๖๐ ", "60"),
		("๑,๒๓๔.๕", "1234.5"),
		("-๑", "-1"),
		(".๕", "0.5"),
	],
)
def test_parse_number(text, expected):
	assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
	"text",
	["", " ", "๘๑..๒๔", "๘๑.๒๔ คะแนน", "abc", "1e5", "๘๑,", "٣", "NaN", "Infinity", "--1", None, [], True],
)
def test_parse_number_rejects_malformed_input(text):
	with pytest.raises(ThaiParseError):
		parse_number(text)


@given(st.decimals(min_value=0, max_value=100, places=2))
def test_format_then_parse_number_round_trips(value):
	assert parse_number(format_number(value)) == value


@pytest.mark.parametrize(
	"text, expected",
	[
		("๑ ต.ค. ๒๕๖๘", date(2025, 10, 1)),
		("๓๐ ก.ย.๒๕๖๙", date(2026, 9, 30)),
		("๓๐ก.ย. ๒๕๖๙", date(2026, 9, 30)),
		("1 ม.ค. 2569", date(2026, 1, 1)),
		("๒๙ ก.พ. ๒๕๖๗", date(2024, 2, 29)),
		("31 ธ.ค. 2568", date(2025, 12, 31)),
	],
)
def test_parse_thai_date(text, expected):
	assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
	"text",
	[
		"",
		"๑ ต.ค.",
		"ต.ค. ๒๕๖๘",
		"๑ ตค ๒๕๖",
		"๓๒ ต.ค. ๒๕๖๘",
		"๒๙ ก.พ. ๒๕๖๘",
		"๑ ตุลา ๒๕๖๘",
		"๑ Oct ๒๕๖๘",
		"๑๒๓ ต.ค. ๒๕๖๘",
		"2025-10-01",
		None,
	],
)
def test_parse_thai_date_rejects_malformed_input(text):
	with pytest.raises(ThaiParseError):
		parse_thai_date(text)


def test_parse_period_as_written_in_the_reference_plan():
	assert parse_thai_period("๑ ต.ค. ๒๕๖๘-๓๐ ก.ย.๒๕๖๙") == (date(2025, 10, 1), date(2026, 9, 30))
	assert parse_thai_period("๑ ต.ค. ๒๕๖๘- ๓๐ก.ย. ๒๕๖๙") == (date(2025, 10, 1), date(2026, 9, 30))


@pytest.mark.parametrize("text", ["๑ ต.ค. ๒๕๖๘", "๑ ต.ค. ๒๕๖๘-", "a-b-c", None])
def test_parse_period_rejects_malformed_input(text):
	with pytest.raises(ThaiParseError):
		parse_thai_period(text)


def test_format_thai_date():
	assert format_thai_date(date(2025, 10, 1)) == "๑ ต.ค. ๒๕๖๘"
	assert format_thai_date(date(2026, 9, 30), thai_digits=False) == "30 ก.ย. 2569"


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9000, 12, 31)))
def test_format_then_parse_date_round_trips(day):
	assert parse_thai_date(format_thai_date(day)) == day
	assert parse_thai_date(format_thai_date(day, thai_digits=False)) == day


@pytest.mark.parametrize("text, expected", [("2569", 2569), ("๒๕๖๙", 2569), (" ๒๕๖๘ ", 2568), (2566, 2566)])
def test_parse_be_year(text, expected):
	assert parse_be_year(text) == expected


@pytest.mark.parametrize("text", ["2025", "๒๕๖๙.๕", "25690", "", "ปี ๒๕๖๙", None])
def test_parse_be_year_refuses_ce_years_and_non_years(text):
	with pytest.raises(ThaiParseError):
		parse_be_year(text)
