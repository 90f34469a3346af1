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
]
app_include_css = ["/assets/ita_tracker/css/desk.css"]

has_permission = {
	"ITA Plan": "ita_tracker.permissions.plan_has_permission",
	"ITA Measure": "ita_tracker.permissions.measure_has_permission",
	"ITA Action Step": "ita_tracker.permissions.step_has_permission",
	"Prepared Report": "ita_tracker.permissions.prepared_report_has_permission",
}
permission_query_conditions = {
	"ITA Measure": "ita_tracker.permissions.measure_query_conditions",
	"ITA Action Step": "ita_tracker.permissions.step_query_conditions",
	"Prepared Report": "ita_tracker.permissions.prepared_report_query_conditions",
}

# Frappe's own get_count counts every row of a DocType; ours applies the user's permissions to ITA DocTypes.
# and Frappe's report run would read another user's prepared result (see permissions.run_report).
override_whitelisted_methods = {
	"frappe.client.get_count": "ita_tracker.permissions.get_count",
	"frappe.desk.query_report.run": "ita_tracker.permissions.run_report",
}

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
doc_events = {
	"*": {"validate": "ita_tracker.findings.validate_text_lengths"},
	"ITA Plan": {
		"on_cancel": [
			"ita_tracker.revisions.close_assignments_of_cancelled_plan",
			"ita_tracker.step_summary.refresh_plan",
			"ita_tracker.publishing.clear_listing_choices",
		],
		"on_submit": "ita_tracker.step_summary.refresh_plan",
		"on_update_after_submit": "ita_tracker.publishing.clear_listing_choices",
	},
	"ITA Agency": {
		"on_update": [
			"ita_tracker.publishing.clear_listing_choices",
			"ita_tracker.plan_checks.clear_agency_names",
		],
		"on_trash": "ita_tracker.plan_checks.clear_agency_names",
	},
}

after_install = "ita_tracker.install.after_install"
# The documents' font, installed for the bench's user where fontconfig finds it (fonts.py).
after_migrate = ["ita_tracker.fonts.install_fonts"]
before_uninstall = "ita_tracker.install.before_uninstall"

# `bench run-tests` prepares the site as conftest.py does for pytest (setup wizard done, a second admin).
before_tests = "ita_tracker.tests.site.prepare_site"

# Roles and workflows have no module home, so they ship as fixtures, filtered to ours; migrate resets them.
ITA_ROLES = ["ITA Manager", "ITA Executive", "ITA Division Head", "ITA User"]
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
