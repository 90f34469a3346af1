"""Shows the findings of the framework-free checks in Frappe: errors block, warnings are shown."""

from collections.abc import Iterable

import frappe
from frappe import _
from frappe.utils import formatdate

from ita_tracker.exceptions import FINDING_EXCEPTIONS, ITAValidationError
from ita_tracker.rules.checks import Finding

FINDING_TITLES = {
	"score-out-of-range": _("Score Out of Range"),
	"period-ends-before-start": _("Period Ends Before It Starts"),
	"duplicate-assessment": _("Duplicate Assessment"),
	"step-due-outside-measure": _("Step Due Outside Its Measure"),
}


def render(finding: Finding) -> str:
	return finding.render(_, formatdate)


def throw_errors(findings: Iterable[Finding | None]) -> None:
	"""Throws the first error among `findings`, with the exception class of its rule."""
	for finding in findings:
		if finding and finding.is_error:
			frappe.throw(
				render(finding),
				exc=FINDING_EXCEPTIONS.get(finding.code, ITAValidationError),
				title=FINDING_TITLES.get(finding.code, _("Not Valid")),
			)


def show_warnings(findings: Iterable[Finding | None]) -> None:
	for finding in findings:
		if finding and not finding.is_error:
			frappe.msgprint(render(finding), title=_("Please Check"), indicator="orange", alert=True)
