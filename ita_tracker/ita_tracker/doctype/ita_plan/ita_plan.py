from datetime import date

import frappe
from frappe import _

from ita_tracker.exceptions import DuplicatePlanError, MissingRejectionReasonError, SelfApprovalError
from ita_tracker.findings import refuse_incomplete, render, throw_errors
from ita_tracker.input_checks import ITADocument
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.ita_tracker.doctype.ita_settings.ita_settings import get_setting
from ita_tracker.permissions import validate_approval, validate_plan_cancel, validate_plan_change
from ita_tracker.plan_checks import check_completeness, plan_findings
from ita_tracker.publishing import PRINT_FORMATS, replace_earlier_revisions, set_public
from ita_tracker.revisions import copy_work_of_amended_plan
from ita_tracker.rules import checks
from ita_tracker.rules.fiscal import fiscal_year_bounds
from ita_tracker.utils import committed_name, to_date, violated_key

# Set by the workflow's steps alone (record_approval_step), whatever a request sends.
APPROVAL_FIELDS = ("submitted_by", "approved_by", "approved_on", "approver_position")


class ITAPlan(ITADocument):
	def onload(self):
		# The form's Documents menu opens the print formats by name.
		self.set_onload("print_formats", PRINT_FORMATS)

	def before_naming(self):
		self.set_fiscal_year()

	def validate(self):
		self.set_fiscal_year()
		self.set_period()
		self.set_title()
		validate_plan_change(self)
		self.record_approval_step()
		set_public(self)
		self.validate_complete_to_submit()
		throw_errors([checks.check_period(_("Plan"), *self.period(), self.name)])
		self.validate_in_fiscal_year()
		self.set_live_assessment()

	def before_submit(self):
		validate_approval(self)

	def before_cancel(self):
		validate_plan_cancel(self)
		self.set_live_assessment()
		# A plan cancelled for revision stays on the public site until its revision is published.
		set_public(self)

	def before_update_after_submit(self):
		# Frappe runs no validate on a submitted document: approving and publishing land here.
		validate_plan_change(self)
		self.record_approval_step()
		set_public(self)

	def on_update_after_submit(self):
		if self.status_changed_to("Published"):
			replace_earlier_revisions(self)

	def after_insert(self):
		copy_work_of_amended_plan(self)

	def on_update(self):
		self.comment_rejection()

	def status_changed_to(self, status: str) -> bool:
		before = self.get_doc_before_save()
		return self.status == status and (not before or before.status != status)

	def record_approval_step(self):
		"""Who submitted and who approved are set here alone, so nobody can pose as someone else."""
		before = self.get_doc_before_save()
		for field in APPROVAL_FIELDS:
			if before:
				self.set(field, before.get(field))
			elif field in ("approved_on", "approver_position"):
				self.set(field, None)
		if self.status_changed_to("Pending Approval"):
			self.submitted_by = frappe.session.user
			self.rejection_reason = None
		for decision in ("Approved", "Rejected"):
			if self.status_changed_to(decision) and frappe.session.user == self.submitted_by:
				frappe.throw(
					_("{0} submitted plan {1} for approval and cannot also decide on it.").format(
						self.submitted_by, self.name
					),
					exc=SelfApprovalError,
					title=_("No Self-Approval"),
				)
		if self.status_changed_to("Rejected") and not (self.rejection_reason or "").strip():
			frappe.throw(
				_("Give the reason for rejecting plan {0}.").format(self.name),
				exc=MissingRejectionReasonError,
				title=_("Reason Required"),
			)
		if self.status_changed_to("Approved"):
			self.approved_by = frappe.session.user
			self.approved_on = frappe.utils.today()
			self.approver_position = frappe.db.get_value("ITA Agency", self.agency, "executive_position")

	def validate_complete_to_submit(self):
		"""Submit for Approval refuses a plan with a measure lacking its analysis or steps, or steps lacking a
		due date or an owner, when ITA Settings say so (on by default): after approval only a revision can
		add them. Otherwise they stay warnings, in the form and in `ita check`."""
		if self.is_new() or not self.status_changed_to("Pending Approval"):
			return
		if get_setting("refuse_incomplete_plans"):
			refuse_incomplete(self.name, check_completeness(self.name))

	def comment_rejection(self):
		"""The reason is kept in the timeline, since the field is cleared on resubmission."""
		if self.status_changed_to("Rejected"):
			self.add_comment("Comment", _("Rejected: {0}").format(self.rejection_reason))

	def set_live_assessment(self):
		"""One plan per assessment that is not cancelled, kept by the database so that concurrent requests
		cannot both pass validate and insert. MariaDB has no partial unique index, so this column holds the
		assessment while the plan is live and NULL once cancelled (NULLs never collide in a unique index):
		the cancelled plan frees the key for its revision. A hidden field rather than a stored generated
		column, since Frappe creates and keeps the field's index from the DocType, where a column the
		DocType does not know needs raw DDL and `bench trim-tables` would drop it."""
		self.live_assessment = None if self.docstatus.is_cancelled() else self.assessment

	def show_unique_validation_message(self, e):
		if violated_key(e) == "live_assessment":
			frappe.throw(
				_(
					"Assessment {0} already has the plan {1}; to change it, cancel it for revision and amend it."
				).format(self.assessment, live_plan(self.assessment)),
				exc=DuplicatePlanError,
				title=_("Duplicate Plan"),
			)
		super().show_unique_validation_message(e)

	def set_fiscal_year(self):
		"""A plan answers last year's assessment, so it runs in the fiscal year after it."""
		if not self.fiscal_year and self.assessment:
			assessed_in = frappe.db.get_value("ITA Assessment", self.assessment, "fiscal_year")
			self.fiscal_year = ensure_fiscal_year(int(assessed_in) + 1)

	def set_period(self):
		start, end = fiscal_year_bounds(int(self.fiscal_year))
		self.period_start = self.period_start or start
		self.period_end = self.period_end or end

	def validate_in_fiscal_year(self):
		"""When the year or period changes: a plan stored outside its year is listed by its findings, not
		held against its approval."""
		if any(self.has_value_changed(field) for field in ("fiscal_year", "period_start", "period_end")):
			throw_errors([checks.check_plan_period(self.as_check_input())])

	def set_title(self):
		# Stored, so it must not depend on the language of whoever saved it last.
		self.title = f"ITA {self.fiscal_year} {self.agency}"

	def period(self) -> tuple[date, date]:
		return to_date(self.period_start), to_date(self.period_end)

	def as_check_input(self) -> checks.Plan:
		return checks.Plan(self.name, int(self.fiscal_year), *self.period())


@frappe.whitelist()
def get_findings(plan: str) -> list[dict]:
	"""Every finding of the checks on `plan`, for the form to show to whoever may read it.

	A module function rather than a controller method: the desk sends a controller call (`frm.call`)
	through `run_doc_method`, which checks the form's copy against the stored plan as if it were saved,
	and so asks for "submit" on a submitted plan, which only the officer has outside Pending Approval."""
	frappe.get_doc("ITA Plan", plan).check_permission("read")
	return [
		{"severity": finding.severity, "code": finding.code, "message": render(finding)}
		for finding in plan_findings(plan)
	]


def live_plan(assessment: str) -> str | None:
	"""The plan of `assessment` that is not cancelled, as committed now, even to the loser of a race."""
	return committed_name("ITA Plan", {"live_assessment": assessment})


def on_doctype_update():
	from ita_tracker.indexes import add_indexes

	add_indexes("ITA Plan")
