"""The composite indexes fitted to the queries a person's page runs at national scale (docs/benchmarks.md):
the list's default sort, the permission query of a division head, an owner's and an agency's open steps
by due date, an agency's plans by state, and the national sums of the step summary. Single-field indexes stay in the DocTypes' `search_index`.

Each DocType's `on_doctype_update` adds its own; the patches `add_scale_indexes`,
`add_step_summary_indexes` and `add_listing_indexes` add them on sites installed before them (migrate re-runs `on_doctype_update` only when a DocType's JSON changes)."""

import frappe

INDEXES = {
	"ITA Action Step": (
		# The list's default sort (`creation desc`): without it every list page sorts the whole table.
		("creation",),
		# An owner's open steps by due date: "My Steps" and the reminders' due-soon rows.
		("responsible_user", "status", "due_date"),
		# An agency's steps by status and due date: the cards and the overdue filter of an agency user.
		("agency", "status", "due_date"),
		# Overdue rows of the whole site for the reminder job, read by due date first.
		("due_date", "status"),
	),
	# A division head's steps: from the divisions they head straight to the steps, no table scan.
	"ITA Step Division": (("effective_division", "parent"),),
	"ITA Measure Division": (("division", "parent"),),
	# An agency's plans by state; the few plans not approved (the national card's link); the public
	# plans of a fiscal year in the order /ita-plans lists them (publishing.published_plans).
	"ITA Plan": (
		("agency", "docstatus", "status"),
		("docstatus",),
		("is_public", "fiscal_year", "agency"),
	),
	# The measure list's default sort, as for steps.
	"ITA Measure": (("creation",),),
	"ITA Division": (("head",),),
	# The summary read by a national user: the plans' rows summed for the cards (covering), and the
	# division rows grouped by agency and division for the national reminder digest (covering, in order).
	"ITA Step Summary": (
		("approved", "division", "total", "done", "overdue", "as_of"),
		("approved", "agency", "division", "overdue"),
	),
}


def add_indexes(doctype: str | None = None) -> None:
	for name, indexes in INDEXES.items():
		if doctype and name != doctype:
			continue
		for fields in indexes:
			# Frappe may have indexed the column itself (`creation` as a sort field), under its own name.
			if len(fields) == 1 and frappe.db.get_column_index(f"tab{name}", fields[0]):
				continue
			frappe.db.add_index(name, list(fields), index_name="ita_" + "_".join(fields))
