import json
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.field_values import (
	CHECK,
	DATE,
	NAME,
	NUMBER,
	TABLE,
	TEXT,
	NotADateError,
	in_buddhist_era,
	in_common_era,
	nests_deeper_than,
	read_date,
	read_datetime,
	shown,
	takes,
)


@pytest.mark.parametrize(
	"kind, value",
	[
		(TEXT, 12),
		(TEXT, ["ขั้นตอน"]),
		(TEXT, {"a": 1}),
		(TEXT, True),
		(NAME, ["x"]),
		(NAME, True),
		(NAME, 1.5),
		(NUMBER, True),
		(NUMBER, [50]),
		(NUMBER, float("nan")),
		(NUMBER, float("inf")),
		(CHECK, 2),
		(CHECK, "yes"),
		(CHECK, [1]),
		(DATE, 20260101),
		(DATE, ["2026-01-01"]),
		(TABLE, "x"),
		(TABLE, {"division": "กองคลัง"}),
		(TABLE, 5),
	],
)
def test_values_of_another_shape_than_the_field_takes(kind, value):
	assert not takes(kind, value)


@pytest.mark.parametrize(
	"kind, value",
	[
		(TEXT, "ขั้นตอน"),
		(TEXT, None),
		(NAME, "2569"),
		(NAME, 2569),
		(NUMBER, 81.24),
		(NUMBER, Decimal("81.24")),
		(NUMBER, 0),
		(NUMBER, "๘๑.๒๔"),
		(CHECK, True),
		(CHECK, 0),
		(CHECK, "1"),
		(DATE, "2026-01-01"),
		(DATE, date(2026, 1, 1)),
		(TABLE, [{"division": "กองคลัง"}]),
		(TABLE, []),
	],
)
def test_values_of_the_shape_the_field_takes(kind, value):
	assert takes(kind, value)


@pytest.mark.parametrize(
	"text, day",
	[
		("2026-06-30", date(2026, 6, 30)),
		("๒๐๒๖-๐๖-๓๐", date(2026, 6, 30)),
		(" 2024-02-29 ", date(2024, 2, 29)),
	],
)
def test_a_date_is_read_as_typed_yyyy_mm_dd(text, day):
	assert read_date(text) == day


@pytest.mark.parametrize(
	"text",
	# Real inputs (fixtures/README.md): no such day, or a day typed in another order than YYYY-MM-DD.
	[
		"2026-02-30",
		"31/04/2026",
		"29-02-2025",
		"31/12/2019",
		"31-12-2019",
		"30/06/2569",
		"๓๐/๐๖/๒๕๖๙",
		"30 มิ.ย. 2569",
		"2026-6-30",
		"",
	],
)
def test_a_text_that_is_no_real_day_typed_yyyy_mm_dd_is_refused(text):
	with pytest.raises(NotADateError):
		read_date(text)


def test_a_date_and_time():
	assert read_datetime("2026-06-30 14:30") == datetime(2026, 6, 30, 14, 30)
	with pytest.raises(NotADateError):
		read_datetime("2026-02-30 14:30")


def test_a_year_from_2400_is_a_buddhist_era_year_typed_as_ce():
	assert in_buddhist_era(date(2569, 10, 1)) and in_buddhist_era(date(2400, 1, 1))
	assert not in_buddhist_era(date(2399, 12, 31)) and not in_buddhist_era(date(2026, 10, 1))
	assert in_common_era(date(2569, 10, 1)) == date(2026, 10, 1)
	# 2568 is a leap year as a C.E. year; 2025 is not.
	assert in_common_era(date(2568, 2, 29)) is None


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2300, 12, 31)))
def test_every_ce_date_typed_with_its_be_year_is_recognised(day):
	typed = day.replace(year=day.year + 543) if not (day.month == 2 and day.day == 29) else None
	if typed:
		assert in_buddhist_era(typed) == (typed.year >= 2400)
		if in_buddhist_era(typed):
			assert in_common_era(typed) == day


def test_a_value_as_a_message_names_it():
	assert shown(True) == "true" and shown(None) == "null" and shown(12) == "12"
	assert shown("31/12/2019") == "31/12/2019"
	assert shown(["ก", 1, {"a": None}]) == '["ก", 1, {"a": null}]'
	assert shown(list(range(100))) == "[0, 1, 2, 3, 4, …]"
	assert shown("ก" * 100) == "ก" * 59 + "…"


def test_a_value_nested_thousands_deep_is_named_without_recursing_into_it():
	deep = json.loads("[" * 900 + "]" * 900)
	assert shown(deep) == "[[[[…]]]]"


def test_json_nesting_is_measured_without_parsing():
	assert nests_deeper_than("[" * 5000 + "]" * 5000, 100)
	assert nests_deeper_than("[" * 5000, 100)
	assert not nests_deeper_than("[" * 100 + "]" * 100, 100)
	assert nests_deeper_than('{"a": ' * 101 + "1" + "}" * 101, 100)
	# Brackets inside strings are text, not nesting; nor are many brackets side by side.
	assert not nests_deeper_than(json.dumps({"description": "[" * 5000}), 100)
	assert not nests_deeper_than(json.dumps([[1]] * 5000), 100)
	assert not nests_deeper_than(json.dumps(['\\"[' * 200]), 100)
