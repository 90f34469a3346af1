# Every public name of this module is read as a hook: what it needs from the app is kept under private names.
from ita_tracker import definitions as _definitions
from ita_tracker.rules import tenancy as _tenancy

app_name = "ita_tracker"
app_title = "ITA Tracker"
app_publisher = "ITA Tracker developers"
app_description = "Integrity and Transparency Assessment (ITA) improvement plans for Thai public agencies"
app_email = "ita-tracker@example.org"
app_license = "mit"

export_python_type_annotations = True

app_include_js = [
	"/assets/ita_tracker/js/thai_digits.js",
	"/assets/ita_tracker/js/report_filters.js",
	"/assets/ita_tracker/js/be_dates.js",
	"/assets/ita_tracker/js/workspace_charts.js",
	"/assets/ita_tracker/js/titles.js",
]
app_include_css = ["/assets/ita_tracker/css/desk.css"]
# Frappe's print view shows the app's records by their titles (public/js/print_view.js).
page_js = {"print": "public/js/print_view.js"}

# Every record of an agency is judged on its stored agency and its links, whatever door of Frappe a request
# comes through (tenancy.py, permissions.py): child DocTypes need their parent's query conditions, since
# Frappe lists a child DocType's rows by its own conditions alone.
# Frappe's records about an agency's record (comments, assignments, files, workflow actions...) are the
# record's (references.py, files.py).
has_permission = {
	**{doctype: "ita_tracker.permissions.has_permission" for doctype in _tenancy.AGENCY_DOCTYPES},
	**{
		doctype: "ita_tracker.references.has_permission"
		for doctype in _tenancy.REFERENCE_FIELDS
		if doctype != "File"
	},
	"File": "ita_tracker.files.has_permission",
	"User": "ita_tracker.tenancy.people_has_permission",
	"ITA Reminder Log": "ita_tracker.tenancy.people_has_permission",
	"Prepared Report": "ita_tracker.permissions.prepared_report_has_permission",
}
permission_query_conditions = {
	**{
		doctype: "ita_tracker.permissions.query_conditions"
		for doctype in (*_tenancy.AGENCY_DOCTYPES, *_tenancy.AGENCY_CHILDREN)
	},
	**{doctype: "ita_tracker.references.query_conditions" for doctype in _tenancy.REFERENCE_FIELDS},
	"User": "ita_tracker.tenancy.people_query_conditions",
	"ITA Reminder Log": "ita_tracker.tenancy.people_query_conditions",
	"Prepared Report": "ita_tracker.permissions.prepared_report_query_conditions",
}

# Only where no hook reaches (overrides/): Frappe's get_count counts every row of a DocType, its report run
# and export would read another user's prepared result, and its search (told to ignore user permissions),
# link titles, link checks and assignee counts read records without asking for their permission.
override_whitelisted_methods = {
	"frappe.client.get_count": "ita_tracker.permissions.get_count",
	"frappe.desk.query_report.run": "ita_tracker.permissions.run_report",
	"frappe.desk.query_report.export_query": "ita_tracker.overrides.doors.export_query",
	"frappe.desk.search.search_link": "ita_tracker.overrides.doors.search_link",
	"frappe.desk.search.search_widget": "ita_tracker.overrides.doors.search_widget",
	"frappe.desk.search.get_link_title": "ita_tracker.overrides.doors.get_link_title",
	"frappe.client.validate_link": "ita_tracker.overrides.doors.validate_link",
	"frappe.desk.listview.get_group_by_count": "ita_tracker.overrides.doors.get_group_by_count",
	"frappe.desk.like.toggle_like": "ita_tracker.overrides.doors.toggle_like",
	"frappe.desk.form.load.get_user_info_for_viewers": "ita_tracker.overrides.doors.get_user_info_for_viewers",
	"frappe.core.api.file.unzip_file": "ita_tracker.overrides.doors.unzip_file",
	"frappe.desk.doctype.notification_log.notification_log.mark_as_read": "ita_tracker.overrides.doors.mark_as_read",
	"frappe.utils.print_format.download_pdf": "ita_tracker.overrides.print_pdf.download_pdf",
}

# Parameters nested thousands deep answer 400, not the 500 of Python's JSON parser (input_checks.py).
before_request = ["ita_tracker.input_checks.refuse_deeply_nested_request"]
# Security headers on the app's own pages, API and private files where nothing set them before
# (http_headers.py; what nginx adds in production: docs/security.md).
after_request = ["ita_tracker.http_headers.add_security_headers"]

jinja = {
	"methods": [
		"ita_tracker.printing.th",
		"ita_tracker.printing.ita_date",
		"ita_tracker.printing.ita_number",
		"ita_tracker.printing.ita_text",
		"ita_tracker.printing.o25",
		"ita_tracker.printing.o26",
	]
}

# A published plan's stable public address: /ita-plans/<plan name> (www/ita-plans/plan.py).
# An agency's public index of its plans: /ita-plans/agency/<agency ID> (www/ita-plans/agency.py).
website_route_rules = [
	{"from_route": "/ita-plans/agency/<path:agency>", "to_route": "ita-plans/agency"},
	{"from_route": "/ita-plans/<plan>", "to_route": "ita-plans/plan"},
]

# The summary first: the reminders' national counts read it.
scheduler_events = {
	"daily": ["ita_tracker.step_summary.refresh_all", "ita_tracker.reminders.send_daily_reminders"]
}

# Cancel for Revision: the plan's work goes on in its revision (revisions.py).
# Tenancy is checked at every save, whoever makes it; Frappe runs no validate on a submitted plan's update
# or cancel.
_TENANCY = "ita_tracker.tenancy.validate_tenancy"
_TEXT_LENGTHS = "ita_tracker.findings.validate_text_lengths"
_RECORD_EVENTS = {"before_validate": _TENANCY, "validate_share": "ita_tracker.references.validate_share"}
doc_events = {
	**{doctype: _RECORD_EVENTS for doctype in _tenancy.AGENCY_DOCTYPES},
	**{
		doctype: {"validate": "ita_tracker.references.validate_reference"}
		for doctype in _tenancy.WRITTEN_ON_REQUEST
	},
	"File": {"validate": "ita_tracker.files.validate_file", "on_trash": "ita_tracker.files.on_trash_file"},
	"ITA Plan": {
		**_RECORD_EVENTS,
		"before_update_after_submit": _TENANCY,
		"before_cancel": _TENANCY,
		"on_cancel": [
			"ita_tracker.revisions.close_assignments_of_cancelled_plan",
			"ita_tracker.step_summary.refresh_plan",
			"ita_tracker.publishing.clear_listing_choices",
		],
		"on_submit": "ita_tracker.step_summary.refresh_plan",
		"on_update_after_submit": "ita_tracker.publishing.clear_listing_choices",
	},
	"ITA Agency": {
		**_RECORD_EVENTS,
		"on_update": [
			"ita_tracker.publishing.clear_listing_choices",
			"ita_tracker.plan_checks.clear_agency_names",
		],
		"on_trash": "ita_tracker.plan_checks.clear_agency_names",
	},
}
# Every text of the app's records fits its column (child rows with their parent), checked after the
# DocType's own validate events: for the app's DocTypes only, so that no other app's save runs anything of
# the app (as doc_events["*"] would).
for _doctype in _definitions.parent_doctypes():
	_events = doc_events.get(_doctype, {})
	_validate = _events.get("validate", [])
	doc_events[_doctype] = {
		**_events,
		"validate": [*([_validate] if isinstance(_validate, str) else _validate), _TEXT_LENGTHS],
	}

after_install = ["ita_tracker.install.after_install", "ita_tracker.home.install_my_steps_block"]
# The documents' font, installed for the bench's user where fontconfig finds it (fonts.py).
after_migrate = ["ita_tracker.fonts.install_fonts", "ita_tracker.home.install_my_steps_block"]
before_uninstall = ["ita_tracker.install.before_uninstall", "ita_tracker.home.remove_my_steps_block"]

# Each role lands on its own page: ITA Tracker for the office, My Steps for a step owner (home.py).
boot_session = "ita_tracker.home.set_home"

# `bench run-tests` prepares the site as conftest.py does for pytest (setup wizard done, a second admin).
before_tests = "ita_tracker.tests.site.prepare_site"

# Roles and workflows have no module home, so they ship as fixtures, filtered to ours; migrate resets them.
ITA_ROLES = ["ITA Administrator", "ITA Manager", "ITA Executive", "ITA Division Head", "ITA User"]
ITA_WORKFLOWS = ["ITA Plan Approval", "ITA Action Step Progress"]
ITA_WORKFLOW_STATES = [
	"Draft",
	"Pending Approval",
	"Approved",
	"Rejected",
	"Published",
	"Cancelled",
	"Not Started",
	"In Progress",
	"Done",
	"Verified",
]
ITA_WORKFLOW_ACTIONS = [
	"Submit for Approval",
	"Approve",
	"Reject",
	"Revise",
	"Publish",
	"Cancel for Revision",
	"Start Work",
	"Report Done",
	"Verify Work",
	"Reopen",
]
fixtures = [
	{"dt": "Role", "filters": [["name", "in", ITA_ROLES]]},
	{"dt": "Workflow State", "filters": [["name", "in", ITA_WORKFLOW_STATES]]},
	{"dt": "Workflow Action Master", "filters": [["name", "in", ITA_WORKFLOW_ACTIONS]]},
	{"dt": "Workflow", "filters": [["name", "in", ITA_WORKFLOWS]]},
]
