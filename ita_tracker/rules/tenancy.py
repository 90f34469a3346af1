"""Which of the app's DocTypes hold an agency's own records and which are shared by every agency of a
site: the tenancy the permission hooks enforce (ita_tracker/tenancy.py) and hooks.py registers them for."""

AGENCY = "ITA Agency"

# How a record finds its agency: through the link whose record carries it (what its `agency` field is
# fetched from), or None where `agency` is the record's own field.
AGENCY_SOURCE = {
	"ITA Assessment": None,
	"ITA Division": None,
	"ITA Result Import": None,
	"ITA Plan": ("assessment", "ITA Assessment"),
	"ITA Indicator Result": ("assessment", "ITA Assessment"),
	"ITA Measure": ("plan", "ITA Plan"),
	"ITA Action Step": ("measure", "ITA Measure"),
	"ITA Step Summary": ("plan", "ITA Plan"),
}
AGENCY_DOCTYPES = (AGENCY, *AGENCY_SOURCE)

# The child DocTypes of agency records, with their parent: Frappe lists a child DocType's rows by that
# DocType's own query conditions alone, so each needs its parent's.
AGENCY_CHILDREN = {
	"ITA Division Member": "ITA Division",
	"ITA Weak Question": "ITA Indicator Result",
	"ITA Plan Proposal": "ITA Plan",
	"ITA Measure Division": "ITA Measure",
	"ITA Measure Indicator Result": "ITA Measure",
	"ITA Measure Question": "ITA Measure",
	"ITA Step Division": "ITA Action Step",
}

# Master data every agency of a site reads and only a site-wide role writes: the NACC's indicators and
# questions, fiscal years and their weights, the settings and the measure library.
SHARED_DOCTYPES = (
	"ITA Indicator",
	"ITA Question",
	"ITA Fiscal Year",
	"ITA Settings",
	"ITA Measure Template",
)

# Frappe's DocTypes that refer to a record, with the field naming its DocType and the one naming the
# record: rows about an agency's record are that record's (ita_tracker/references.py).
REFERENCE_FIELDS = {
	"Comment": ("reference_doctype", "reference_name"),
	"Communication": ("reference_doctype", "reference_name"),
	"ToDo": ("reference_type", "reference_name"),
	"Document Follow": ("ref_doctype", "ref_docname"),
	"Workflow Action": ("reference_doctype", "reference_name"),
	"Tag Link": ("document_type", "document_name"),
	"Version": ("ref_doctype", "docname"),
	"View Log": ("reference_doctype", "reference_name"),
	"Notification Log": ("document_type", "document_name"),
	"File": ("attached_to_doctype", "attached_to_name"),
}
# Those Frappe writes at a user's request, which a user may ask for about any record.
WRITTEN_ON_REQUEST = ("Comment", "Communication", "ToDo", "Document Follow")
