import frappe
from frappe import _
from frappe.utils import flt

from ita_tracker.exceptions import DuplicateIndicatorResultError
from ita_tracker.findings import show_warnings, throw_errors
from ita_tracker.input_checks import ITADocument
from ita_tracker.ita_tracker.doctype.ita_settings.ita_settings import get_target_score
from ita_tracker.permissions import validate_result_change, validate_result_delete
from ita_tracker.rules import checks
from ita_tracker.utils import indicator_label


class ITAIndicatorResult(ITADocument):
	def validate(self):
		self.validate_scores()
		self.validate_one_per_indicator()
		self.set_needs_measure()
		self.set_title()
		validate_result_change(self)
		show_warnings(checks.check_weak_questions(self.as_check_input()))

	def on_trash(self):
		validate_result_delete(self)

	def validate_scores(self):
		throw_errors([checks.check_score(self.meta.get_label("score"), self.score)])
		throw_errors(
			checks.check_score(row.question_code or row.question, row.score) for row in self.weak_questions
		)

	def validate_one_per_indicator(self):
		# The name is made of assessment and indicator, so a new duplicate already bears the existing name.
		filters = {"assessment": self.assessment, "indicator": self.indicator}
		if not self.is_new():
			filters["name"] = ("!=", self.name)
		existing = frappe.db.exists("ITA Indicator Result", filters)
		if existing:
			frappe.throw(
				_("Assessment {0} already has the result {1} for indicator {2}.").format(
					self.assessment, existing, self.indicator
				),
				exc=DuplicateIndicatorResultError,
				title=_("Duplicate Indicator Result"),
			)

	def set_needs_measure(self):
		self.needs_measure = self.measure_requested or self.score < get_target_score()

	def set_title(self):
		self.title = result_title(self.indicator, self.score)

	def as_check_input(self) -> checks.IndicatorResult:
		return checks.IndicatorResult(
			name=self.name,
			indicator=self.indicator,
			score=self.score,
			needs_measure=bool(self.needs_measure),
			weak_questions=[checks.WeakQuestion(row.question_code, row.score) for row in self.weak_questions],
		)


def result_title(indicator: str, score: float | None) -> str:
	"""What links, pickers and lists show for a result: the indicator's number, its (Thai) name as stored
	and the score, e.g. "2. การใช้งบประมาณ: 81.37"; the same whoever saves it, in any language."""
	name = frappe.db.get_value("ITA Indicator", indicator, "indicator_name")
	return f"{indicator_label(indicator, name)}: {flt(score):.2f}"


def refresh_titles_of_indicator(indicator: str) -> None:
	"""Stores the title of every result of `indicator` again, e.g. once the indicator's name was edited;
	titles only, so frozen results stay as they are."""
	for result in frappe.get_all(
		"ITA Indicator Result", filters={"indicator": indicator}, fields=["name", "score"]
	):
		frappe.db.set_value(
			"ITA Indicator Result",
			result.name,
			"title",
			result_title(indicator, result.score),
			update_modified=False,
		)
