import re

import frappe
from frappe import _
from frappe.query_builder import DocType

from ita_tracker.exceptions import DuplicateQuestionError, QuestionCodeError
from ita_tracker.input_checks import ITADocument
from ita_tracker.rules.thai import to_arabic_digits
from ita_tracker.utils import quoted

# The NACC numbers IIT questions i1, i2, ..., EIT questions e1, ... and OIT items o1, ...
CODE_PATTERN = re.compile(r"([ieo])([0-9]{1,3})")
TOOL_OF_PREFIX = {"i": "IIT", "e": "EIT", "o": "OIT"}


class ITAQuestion(ITADocument):
	def autoname(self):
		self.normalize_code()
		self.name = f"{min(self.years())}-{self.question_code}"

	def validate(self):
		self.normalize_code()
		self.validate_code_matches_tool()
		self.validate_unique_code_per_year()

	def years(self) -> list[str]:
		return [row.fiscal_year for row in self.applies_in]

	def normalize_code(self):
		code = to_arabic_digits(self.question_code or "").strip().lower()
		if not CODE_PATTERN.fullmatch(code):
			frappe.throw(
				_("{0} is not a question code such as i2, e5 or o25.").format(quoted(self.question_code)),
				exc=QuestionCodeError,
				title=_("Not a Question Code"),
			)
		self.question_code = code

	def validate_code_matches_tool(self):
		tool = frappe.db.get_value("ITA Indicator", self.indicator, "tool")
		if TOOL_OF_PREFIX[self.question_code[0]] != tool:
			frappe.throw(
				_("Question {0} belongs to the {1} tool, but indicator {2} is measured by {3}.").format(
					frappe.bold(self.question_code),
					TOOL_OF_PREFIX[self.question_code[0]],
					self.indicator,
					tool,
				),
				exc=QuestionCodeError,
				title=_("Wrong Tool"),
			)

	def validate_unique_code_per_year(self):
		question, year = DocType("ITA Question"), DocType("ITA Question Year")
		query = (
			frappe.qb.from_(question)
			.join(year)
			.on(year.parent == question.name)
			.select(question.name, year.fiscal_year)
			.where(question.question_code == self.question_code)
			.where(year.fiscal_year.isin(self.years() or [""]))
			.limit(1)
		)
		# The name is made of year and code, so a new duplicate may already bear the existing name.
		if not self.is_new():
			query = query.where(question.name != self.name)
		clash = query.run()
		if clash:
			frappe.throw(
				_("Question {0} already exists for fiscal year {1}: {2}.").format(
					frappe.bold(self.question_code), clash[0][1], clash[0][0]
				),
				exc=DuplicateQuestionError,
				title=_("Duplicate Question"),
			)


def get_question(code: str, fiscal_year: int | str) -> str | None:
	"""The question numbered `code` in the bank of `fiscal_year`."""
	question, year = DocType("ITA Question"), DocType("ITA Question Year")
	found = (
		frappe.qb.from_(question)
		.join(year)
		.on(year.parent == question.name)
		.select(question.name)
		.where(question.question_code == code)
		.where(year.fiscal_year == str(fiscal_year))
		.limit(1)
		.run(pluck=True)
	)
	return found[0] if found else None
