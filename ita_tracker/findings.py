"""Shows the findings of the framework-free checks in Frappe: errors block, warnings are shown."""

from collections.abc import Iterable

import frappe
from frappe import _, _lt

from ita_tracker.exceptions import FINDING_EXCEPTIONS, IncompletePlanError, ITAValidationError
from ita_tracker.rules import checks
from ita_tracker.rules.checks import Finding
from ita_tracker.utils import reader_date

TEXT_FIELD_TYPES = ("Small Text", "Text")

# Lazy, since a module-level _() would freeze the titles in the language of the first request.
FINDING_TITLES = {
	"score-out-of-range": _lt("Score Out of Range"),
	"period-ends-before-start": _lt("Period Ends Before It Starts"),
	"duplicate-assessment": _lt("Duplicate Assessment"),
	"step-due-outside-measure": _lt("Step Due Outside Its Measure"),
	"text-too-long": _lt("Text Too Long"),
	"plan-outside-fiscal-year": _lt("Outside the Fiscal Year"),
	"measure-outside-fiscal-year": _lt("Outside the Fiscal Year"),
	"step-outside-fiscal-year": _lt("Outside the Fiscal Year"),
}


def render(finding: Finding) -> str:
	return finding.render(_, reader_date)


def throw_errors(findings: Iterable[Finding | None]) -> None:
	"""Throws the first error among `findings`, with the exception class of its rule."""
	for finding in findings:
		if finding and finding.is_error:
			frappe.throw(
				render(finding),
				exc=FINDING_EXCEPTIONS.get(finding.code, ITAValidationError),
				title=str(FINDING_TITLES.get(finding.code, _("Not Valid"))),
			)


def refuse_incomplete(plan: str, findings: list[Finding]) -> None:
	"""Refuses to submit `plan` for approval while it lacks what checks.check_completeness names, listing
	every measure and step concerned (ITA Settings: Refuse Submission of Incomplete Plans)."""
	if not findings:
		return
	items = "".join(f"<li>{frappe.utils.escape_html(render(finding))}</li>" for finding in findings)
	frappe.throw(
		_("Plan {0} cannot be submitted for approval before it is complete:").format(plan)
		+ f"<ul>{items}</ul>"
		+ _("Complete it, or ask the administrator to turn off this rule in ITA Settings."),
		exc=IncompletePlanError,
		title=_("Plan Incomplete"),
	)


def show_warnings(findings: Iterable[Finding | None]) -> None:
	for finding in findings:
		if finding and not finding.is_error:
			frappe.msgprint(render(finding), title=_("Please Check"), indicator="orange", alert=True)


def validate_text_lengths(doc, method=None) -> None:
	"""Every text field of the app's records, child rows included, fits its column (a doc_events hook of the
	app's DocTypes): an overlong value is a clear error rather than the database's 500."""
	for record in (doc, *doc.get_all_children()):
		throw_errors(
			checks.check_text_length(df.label, record.get(df.fieldname), record.name)
			for df in record.meta.get("fields", {"fieldtype": ("in", TEXT_FIELD_TYPES)})
		)
