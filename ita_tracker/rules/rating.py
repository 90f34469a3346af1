"""The rating of an ITA result, on the scale in force for its fiscal year.

From 2566 (NACC resolution of 8 June 2566) the rating reads the overall score and, for the two
highest levels, every tool's score. Before 2566 it was the letter scale AA-F on the overall score.
Whether "excellent" needs every tool at 95 is unconfirmed, so it is a parameter the site keeps as data.
"""

from collections.abc import Iterable
from decimal import Decimal

CURRENT_SCALE_FROM_YEAR = 2566
TARGET_SCORE = Decimal(85)

EXCELLENT = "Excellent Pass"
GOOD = "Good Pass"
PASS = "Pass"
NEEDS_IMPROVEMENT = "Needs Improvement"
URGENT_IMPROVEMENT = "Urgent Improvement"
CURRENT_RATINGS = (EXCELLENT, GOOD, PASS, NEEDS_IMPROVEMENT, URGENT_IMPROVEMENT)

LETTER_SCALE = (
	("AA", Decimal(95)),
	("A", Decimal(85)),
	("B", Decimal(75)),
	("C", Decimal(65)),
	("D", Decimal(55)),
	("E", Decimal(50)),
	("F", Decimal(0)),
)
LETTER_RATINGS = tuple(letter for letter, _ in LETTER_SCALE)


def uses_letter_scale(fiscal_year_be: int) -> bool:
	return int(fiscal_year_be) < CURRENT_SCALE_FROM_YEAR


def rate(
	fiscal_year_be: int,
	overall,
	tool_scores: Iterable | None = None,
	excellent_requires_every_tool: bool = True,
) -> str:
	"""The rating of `overall` (0-100) in `fiscal_year_be`.

	`tool_scores` are the IIT, EIT and OIT scores that were entered; when none are, the levels that
	depend on every tool cannot be proven and the rating is the best the overall score alone shows.
	"""
	overall = Decimal(str(overall))
	if uses_letter_scale(fiscal_year_be):
		return next(letter for letter, floor in LETTER_SCALE if overall >= floor)

	if overall < 70:
		return URGENT_IMPROVEMENT
	if overall < TARGET_SCORE:
		return NEEDS_IMPROVEMENT

	tools = [Decimal(str(score)) for score in tool_scores or ()]
	if not tools:
		return EXCELLENT if overall >= 95 and not excellent_requires_every_tool else PASS
	lowest_tool = min(tools)
	if overall >= 95 and (lowest_tool >= 95 or not excellent_requires_every_tool):
		return EXCELLENT
	if lowest_tool >= TARGET_SCORE:
		return GOOD
	return PASS
