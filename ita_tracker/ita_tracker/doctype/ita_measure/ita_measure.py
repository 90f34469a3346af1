import frappe
from frappe import _

from ita_tracker.assignments import sync_assignment
from ita_tracker.exceptions import ForeignIndicatorResultError
from ita_tracker.findings import throw_errors
from ita_tracker.input_checks import ITADocument
from ita_tracker.ordering import set_next_sequence
from ita_tracker.permissions import validate_content_delete, validate_measure_change
from ita_tracker.rules import checks
from ita_tracker.rules.deadlines import FINISHED, measure_status
from ita_tracker.step_divisions import refresh_steps_of_measure
from ita_tracker.utils import to_date


class ITAMeasure(ITADocument):
	def before_insert(self):
		set_next_sequence(self, "plan")

	def validate(self):
		validate_measure_change(self)
		plan = frappe.db.get_value(
			"ITA Plan", self.plan, ["period_start", "period_end", "assessment", "fiscal_year"], as_dict=True
		)
		self.set_period(plan)
		self.validate_period()
		self.validate_in_fiscal_year(int(plan.fiscal_year))
		self.validate_indicator_results_of_plan(plan.assessment)
		self.validate_steps_within_period()

	def on_update(self):
		sync_assignment(self, finished=self.status in FINISHED)
		refresh_steps_of_measure(self.name)

	def on_trash(self):
		validate_content_delete(self)

	def set_period(self, plan):
		"""A measure runs for its plan's period unless given its own."""
		self.period_start = self.period_start or plan.period_start
		self.period_end = self.period_end or plan.period_end

	def validate_period(self):
		throw_errors([checks.check_period(_("Measure"), *self.period(), self.name)])

	def validate_in_fiscal_year(self, fiscal_year: int):
		"""When the period changes: a period stored before that rule does not block other changes."""
		if any(self.has_value_changed(field) for field in ("plan", "period_start", "period_end")):
			throw_errors([checks.check_measure_in_fiscal_year(self.as_check_input(), fiscal_year)])

	def validate_indicator_results_of_plan(self, assessment: str):
		results = [row.indicator_result for row in self.indicator_results]
		foreign = frappe.get_all(
			"ITA Indicator Result",
			filters={"name": ("in", results or [""]), "assessment": ("!=", assessment)},
			pluck="name",
		)
		if foreign:
			frappe.throw(
				_("Indicator result {0} is not of assessment {1}, which plan {2} answers.").format(
					frappe.bold(foreign[0]), assessment, self.plan
				),
				exc=ForeignIndicatorResultError,
				title=_("Indicator Result of Another Assessment"),
			)

	def validate_steps_within_period(self):
		"""A changed period must still hold every step already planned under the measure."""
		if self.is_new():
			return
		measure = self.as_check_input()
		throw_errors(
			checks.check_step_within_measure(
				checks.Step(step.name, to_date(step.start_date), to_date(step.due_date)), measure
			)
			for step in frappe.get_all(
				"ITA Action Step", filters={"measure": self.name}, fields=["name", "start_date", "due_date"]
			)
		)

	def period(self):
		return to_date(self.period_start), to_date(self.period_end)

	def as_check_input(self) -> checks.Measure:
		return checks.Measure(self.name, *self.period())


def update_measure_status(measure: str) -> None:
	"""A measure's status is derived from its steps, never set by hand."""
	steps = frappe.get_all("ITA Action Step", filters={"measure": measure}, pluck="status")
	status = measure_status(steps)
	if frappe.db.get_value("ITA Measure", measure, "status") != status:
		doc = frappe.get_doc("ITA Measure", measure)
		doc.db_set("status", status, notify=True)
		sync_assignment(doc, finished=status in FINISHED)


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Measure")
