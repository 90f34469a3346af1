import frappe
from frappe import _
from frappe.model.document import Document

from ita_tracker.findings import throw_errors
from ita_tracker.numbers import normalize_numbers
from ita_tracker.rules import checks
from ita_tracker.utils import to_date


class ITAActionStep(Document):
	def before_validate(self):
		normalize_numbers(self)

	def validate(self):
		self.validate_progress()
		self.validate_dates()
		self.validate_due_within_measure()

	def validate_progress(self):
		throw_errors([checks.check_score(self.meta.get_label("progress"), self.progress, self.name)])

	def validate_dates(self):
		throw_errors([checks.check_period(_("Step"), *self.period(), self.name)])

	def validate_due_within_measure(self):
		start, end = frappe.db.get_value("ITA Measure", self.measure, ["period_start", "period_end"])
		measure = checks.Measure(self.measure, to_date(start), to_date(end))
		throw_errors([checks.check_step_within_measure(self.as_check_input(), measure)])

	def period(self):
		return to_date(self.start_date), to_date(self.due_date)

	def as_check_input(self) -> checks.Step:
		return checks.Step(self.name, *self.period())
