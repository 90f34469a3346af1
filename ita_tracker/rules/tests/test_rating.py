import pytest

from ita_tracker.rules.rating import (
	EXCELLENT,
	GOOD,
	NEEDS_IMPROVEMENT,
	PASS,
	URGENT_IMPROVEMENT,
	rate,
	uses_letter_scale,
)


@pytest.mark.parametrize(
	"overall, expected",
	[
		(0, URGENT_IMPROVEMENT),
		(69.99, URGENT_IMPROVEMENT),
		(70, NEEDS_IMPROVEMENT),
		(81.24, NEEDS_IMPROVEMENT),
		(84.99, NEEDS_IMPROVEMENT),
		(85, GOOD),
		(94.99, GOOD),
		(95, EXCELLENT),
		(100, EXCELLENT),
	],
)
def test_current_scale_thresholds_with_every_tool_at_the_overall(overall, expected):
	assert rate(2568, overall, [overall] * 3) == expected


def test_a_weak_tool_caps_the_rating():
	assert rate(2568, 96, [99, 96, 94.99]) == GOOD
	assert rate(2568, 90, [99, 90, 84.99]) == PASS
	assert rate(2568, 95, [95, 95, 95]) == EXCELLENT


def test_without_tool_scores_only_what_the_overall_proves():
	assert rate(2568, 97) == PASS
	assert rate(2568, 84.99) == NEEDS_IMPROVEMENT
	assert rate(2568, 97, excellent_requires_every_tool=False) == EXCELLENT


def test_excellent_without_the_per_tool_rule():
	assert rate(2568, 95, [90, 99, 99], excellent_requires_every_tool=False) == EXCELLENT


@pytest.mark.parametrize(
	"overall, expected",
	[
		(100, "AA"),
		(95, "AA"),
		(94.99, "A"),
		(85, "A"),
		(84.99, "B"),
		(75, "B"),
		(74.99, "C"),
		(65, "C"),
		(64.99, "D"),
		(55, "D"),
		(54.99, "E"),
		(50, "E"),
		(49.99, "F"),
		(0, "F"),
	],
)
def test_letter_scale_before_2566(overall, expected):
	assert rate(2565, overall, [0, 0, 0]) == expected


def test_scale_changes_in_2566():
	assert uses_letter_scale(2565)
	assert not uses_letter_scale(2566)
	assert rate(2566, 69.99) == URGENT_IMPROVEMENT
