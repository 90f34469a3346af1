"""Exceptions of ITA Tracker, one per rule, so callers and tests can tell the failures apart."""

import frappe


class ITAValidationError(frappe.ValidationError):
	pass


class InvalidNumberError(ITAValidationError):
	pass


class InvalidFiscalYearError(ITAValidationError):
	pass


class ScoreOutOfRangeError(ITAValidationError):
	pass


class PeriodEndsBeforeStartError(ITAValidationError):
	pass


class DuplicateAssessmentError(ITAValidationError):
	pass


class DuplicateIndicatorResultError(ITAValidationError):
	pass


class StepDueOutsideMeasureError(ITAValidationError):
	pass


class QuestionCodeError(ITAValidationError):
	pass


class DuplicateQuestionError(ITAValidationError):
	pass


class ForeignIndicatorResultError(ITAValidationError):
	"""A measure answers an indicator result of another assessment than its plan's."""


# The framework-free checks name their findings by code; these are the exceptions that block a save.
class TextTooLongError(ITAValidationError):
	pass


class OutsideFiscalYearError(ITAValidationError):
	"""A plan, measure or step planned outside the fiscal year of its plan."""


FINDING_EXCEPTIONS = {
	"score-out-of-range": ScoreOutOfRangeError,
	"period-ends-before-start": PeriodEndsBeforeStartError,
	"duplicate-assessment": DuplicateAssessmentError,
	"step-due-outside-measure": StepDueOutsideMeasureError,
	"text-too-long": TextTooLongError,
	"plan-outside-fiscal-year": OutsideFiscalYearError,
	"measure-outside-fiscal-year": OutsideFiscalYearError,
	"step-outside-fiscal-year": OutsideFiscalYearError,
}


# Careless input (input_checks.py): refused before Frappe or the database reads it.
class WrongValueTypeError(ITAValidationError):
	"""A value of another shape than its field takes: a number or a list for a text, a text for a table."""


class InvalidDateError(ITAValidationError):
	"""A date that is not a real day typed YYYY-MM-DD."""


class BuddhistEraDateError(ITAValidationError):
	"""A date typed with its Buddhist Era year (2569) where the C.E. year (2026) belongs."""


class MissingNumberError(ITAValidationError):
	"""A required number left empty, which Frappe would store as 0."""


class RequestNestedTooDeepError(ITAValidationError):
	"""A request whose data nests so deep that parsing it would fail: the request is malformed."""

	http_status_code = 400


class SelfApprovalError(ITAValidationError):
	pass


class MissingRejectionReasonError(ITAValidationError):
	pass


class PlanLockedError(ITAValidationError):
	"""The plan is approved: its content changes only through a new revision."""


class PlanNotApprovedError(ITAValidationError):
	"""Work on a step starts only once its plan is approved."""


class EvidenceRequiredError(ITAValidationError):
	pass


class RestrictedFieldError(frappe.PermissionError):
	"""The user may update this document, but not this field."""


class PlanFrozenError(ITAValidationError):
	"""The plan waits for a decision or is cancelled: nothing of it changes now."""


class VerifiedStepLockedError(ITAValidationError):
	"""A verified step is read-only until someone allowed to reopens it."""


class SelfVerificationError(frappe.PermissionError):
	"""The owner of a step cannot verify their own work."""


class AgencyNotPermittedError(frappe.PermissionError):
	"""A User Permission restricts the user to other agencies."""


class CrossAgencyLinkError(frappe.PermissionError):
	"""A record would move to another agency, or refer to a record of another agency."""


class ForeignChildRowError(frappe.PermissionError):
	"""A request sends a child row of another record in a record's table (Frappe would move it)."""


class ShareNotPermittedError(frappe.PermissionError):
	"""A share of an agency's record beyond reading, or with someone outside the agency."""


class ApprovalRequiredError(frappe.PermissionError):
	"""A plan reaches docstatus 1 only through the workflow's Approve by an ITA Executive."""


class AttachmentNotPermittedError(frappe.PermissionError):
	"""A file attached to a record the user may not change, or claiming a file of a record they may not
	read."""


class FileTypeNotAllowedError(ITAValidationError):
	"""A file that a browser could run as a page of the site (HTML, SVG, scripts), or whose content is not
	what its name says."""


class InvalidEvidenceURLError(ITAValidationError):
	"""An evidence link that is not an http or https URL with a host."""


class EvidenceFileNotAttachedError(ITAValidationError):
	"""An evidence file that is not a File attached to the step itself."""


class InvalidAsOfDateError(ITAValidationError):
	"""The O26's "as of" date is not a date."""


class InvalidReportFilterError(ITAValidationError):
	"""A report filter given as a list or a mapping where it takes a single value."""


class ResultFileError(ITAValidationError):
	"""A result file refused: nothing of it is saved, and the import records why."""


class ResultFileMissingError(ResultFileError):
	pass


class ResultFileNotReadableError(frappe.PermissionError):
	"""An import names a file its author may not read (Frappe would attach that file to the import)."""


class ResultFileTooLargeError(ResultFileError):
	pass


class ResultFileTooManyRowsError(ResultFileError):
	pass


class WorkbookExpandsTooMuchError(ResultFileError):
	"""An XLSX whose zip declares more uncompressed bytes than a result file can have (a zip bomb)."""


class NotAWorkbookError(ResultFileError):
	pass


class ResultFileEncodingError(ResultFileError):
	pass


class MalformedCSVError(ResultFileError):
	pass


class InvalidResultRowsError(ResultFileError):
	"""Rows of a result file break several rules, each named with its row and column."""


class DuplicateResultRowError(InvalidResultRowsError):
	pass


class FormulaCellError(InvalidResultRowsError):
	pass


# The result file reader names its rules by code; these are the exceptions the import raises for them.
RESULT_FILE_EXCEPTIONS = {
	"missing-file": ResultFileMissingError,
	"file-too-large": ResultFileTooLargeError,
	"too-many-rows": ResultFileTooManyRowsError,
	"xlsx-too-large": WorkbookExpandsTooMuchError,
	"not-xlsx": NotAWorkbookError,
	"unknown-encoding": ResultFileEncodingError,
	"malformed-csv": MalformedCSVError,
	"invalid-row": InvalidResultRowsError,
	"duplicate-row": DuplicateResultRowError,
	"formula-cell": FormulaCellError,
}


class DuplicatePlanError(ITAValidationError):
	"""An assessment has one live plan; a new one needs the old one cancelled (and is then its amendment)."""


class IncompletePlanError(ITAValidationError):
	"""A plan submitted for approval with a measure without analysis or steps, or steps without a due date
	or an owner, while ITA Settings refuse incomplete plans: the message names each of them."""


class InvalidListingParameterError(ITAValidationError):
	"""A GET parameter of /ita-plans that no link of the site makes (a list, a page that is not a number,
	a fiscal year that is not a BE year): the page answers 400."""

	http_status_code = 400


class StepDatesMissingError(ITAValidationError):
	"""A step saved without its start or due date, whatever the door (the form, the plan's editor, REST):
	a step without a deadline is never overdue and prints blank in the O25."""
