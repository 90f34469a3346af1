import frappe
from frappe import _
from frappe.utils import today

from ita_tracker.assignments import sync_assignment
from ita_tracker.evidence import private_evidence_file, validate_evidence
from ita_tracker.exceptions import EvidenceRequiredError, PlanNotApprovedError, StepDatesMissingError
from ita_tracker.findings import throw_errors
from ita_tracker.handoffs import hand_off
from ita_tracker.input_checks import ITADocument
from ita_tracker.ita_tracker.doctype.ita_measure.ita_measure import update_measure_status
from ita_tracker.ordering import set_next_sequence
from ita_tracker.permissions import plan_is_approved, validate_content_delete, validate_step_change
from ita_tracker.revisions import approved_in_an_earlier_revision
from ita_tracker.rules import checks
from ita_tracker.rules.deadlines import FINISHED, NOT_STARTED
from ita_tracker.step_divisions import set_effective_divisions
from ita_tracker.step_summary import refresh_plans
from ita_tracker.utils import quoted, to_date


class ITAActionStep(ITADocument):
	def onload(self):
		# The form tells the owner when their evidence file is private: the O26 prints it without a link.
		self.set_onload("private_evidence", private_evidence_file(self))

	def before_insert(self):
		set_next_sequence(self, "measure")

	def validate(self):
		validate_step_change(self)
		self.validate_progress()
		self.validate_dates()
		self.validate_planned_dates()
		self.validate_plan_approved_to_start()
		self.set_completion_date()
		self.validate_evidence_when_done()
		validate_evidence(self)
		set_effective_divisions(self)

	def on_update(self):
		# Closed when the step becomes finished, not on every later save: the verifiers' ToDos stay open.
		sync_assignment(self, finished=self.status in FINISHED and self.has_value_changed("status"))
		hand_off(self)
		update_measure_status(self.measure)
		before = self.get_doc_before_save()
		refresh_plans([self.plan, before.plan if before else None])

	def on_trash(self):
		validate_content_delete(self)

	def after_delete(self):
		update_measure_status(self.measure)
		refresh_plans([self.plan])

	def validate_progress(self):
		throw_errors([checks.check_score(self.meta.get_label("progress"), self.progress, self.name)])
		# A whole percentage, as the desk shows it (the field's precision).
		self.round_floats_in(self, ["progress"])

	def validate_dates(self):
		self.validate_dates_given()
		throw_errors([checks.check_period(_("Step"), *self.period(), self.name)])

	def validate_dates_given(self):
		"""Every step has its start and due dates (the DocType requires them; this holds for every door and
		names the step). Steps stored without them got their measure's period (patches/fill_step_dates.py)."""
		missing = [
			_(self.meta.get_label(field)) for field in ("start_date", "due_date") if not self.get(field)
		]
		if missing:
			frappe.throw(
				_("Step {0} needs {1}: a step without its dates is never overdue and prints blank.").format(
					quoted(self.description or self.name), ", ".join(missing)
				),
				exc=StepDatesMissingError,
				title=_("Dates Required"),
			)

	def validate_planned_dates(self):
		"""Due within the measure's period, and within the plan's fiscal year when the dates change (a date
		stored before that rule does not block the step's progress)."""
		measure = frappe.db.get_value(
			"ITA Measure", self.measure, ["period_start", "period_end", "fiscal_year"], as_dict=True
		)
		step = self.as_check_input()
		moved = measure.fiscal_year and any(
			self.has_value_changed(field) for field in ("measure", "start_date", "due_date")
		)
		throw_errors(
			[
				checks.check_step_within_measure(
					step,
					checks.Measure(self.measure, to_date(measure.period_start), to_date(measure.period_end)),
				),
				checks.check_step_in_fiscal_year(step, int(measure.fiscal_year)) if moved else None,
			]
		)

	def validate_plan_approved_to_start(self):
		if self.status != NOT_STARTED and not (
			plan_is_approved(self.plan, lock=True) or approved_in_an_earlier_revision(self)
		):
			frappe.throw(
				_("Step {0} cannot be {1} before plan {2} is approved.").format(
					self.name, _(self.status), self.plan
				),
				exc=PlanNotApprovedError,
				title=_("Plan Not Approved"),
			)

	def set_completion_date(self):
		"""A step marked done without a completion date was completed today."""
		if self.status in FINISHED and not self.completion_date:
			self.completion_date = today()

	def validate_evidence_when_done(self):
		if self.status not in FINISHED:
			return
		if not (self.evidence_file or self.evidence_url or self.has_attachments()):
			frappe.throw(
				_("Step {0} needs evidence (a file or a link) to be {1}.").format(self.name, _(self.status)),
				exc=EvidenceRequiredError,
				title=_("Evidence Required"),
			)
		self.progress = 100

	def has_attachments(self) -> bool:
		return bool(
			frappe.db.exists("File", {"attached_to_doctype": self.doctype, "attached_to_name": self.name})
		)

	def period(self):
		return to_date(self.start_date), to_date(self.due_date)

	def as_check_input(self) -> checks.Step:
		return checks.Step(self.name, *self.period(), self.description)


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Action Step")
