"""Doors of Frappe that read or count an app record without asking for its permission, as no hook of
Frappe's can make them: a search told to ignore user permissions skips every query condition, a link
title or a link check reads the record straight from the database, a count of assignees runs its own
query. For the app's agency-scoped DocTypes each asks for the record's permission first; for every other
DocType each is Frappe's own method, called unchanged."""

import frappe
from frappe.client import validate_link as frappe_validate_link
from frappe.core.api.file import unzip_file as frappe_unzip_file
from frappe.desk import search
from frappe.desk.doctype.notification_log.notification_log import mark_as_read as frappe_mark_as_read
from frappe.desk.form.load import get_user_info_for_viewers as frappe_get_user_info_for_viewers
from frappe.desk.like import toggle_like as frappe_toggle_like
from frappe.desk.listview import get_group_by_count as frappe_get_group_by_count
from frappe.desk.query_report import export_query as frappe_export_query

from ita_tracker.permissions import prepared_report_has_permission
from ita_tracker.tenancy import allowed_agencies, is_agency_scoped, people_query_conditions


def _guards(doctype: str | None) -> bool:
	"""Whether a door must keep to the record's permission for `doctype`: always for the app's records,
	and for every DocType for a user restricted to agencies (users, files, comments, notifications and
	the like hold other agencies' people and texts)."""
	return is_agency_scoped(doctype) or allowed_agencies() is not None


@frappe.whitelist()
def search_link(
	doctype: str,
	txt: str,
	query: str | None = None,
	filters: str | dict | list | None = None,
	page_length: int = 10,
	searchfield: str | None = None,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""Frappe's search_link; `ignore_user_permissions` would skip every query condition (Frappe then lists
	with ignore_permissions), so it is not honoured for the app's records."""
	return search.search_link(
		doctype,
		txt,
		query,
		filters,
		page_length,
		searchfield,
		reference_doctype,
		ignore_user_permissions=ignore_user_permissions and not _guards(doctype),
	)


@frappe.whitelist()
def search_widget(
	doctype: str,
	txt: str,
	query: str | None = None,
	searchfield: str | None = None,
	start: int = 0,
	page_length: int = 10,
	filters: str | dict | list | None = None,
	filter_fields=None,
	as_dict: bool = False,
	reference_doctype: str | None = None,
	ignore_user_permissions: bool = False,
):
	"""Frappe's search_widget, as search_link."""
	return search.search_widget(
		doctype,
		txt,
		query,
		searchfield,
		start,
		page_length,
		filters,
		filter_fields,
		as_dict,
		reference_doctype,
		ignore_user_permissions=ignore_user_permissions and not _guards(doctype),
	)


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""Frappe's get_link_title reads the title of any record; an app record's title only for who may read
	it (the desk shows the name instead)."""
	if is_agency_scoped(doctype) and not frappe.has_permission(doctype, "read", docname):
		return docname
	return search.get_link_title(doctype, docname)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""Frappe's validate_link tells whether any record exists and returns its name; an app record is found
	only by who may read it."""
	if is_agency_scoped(doctype) and not (
		frappe.db.exists(doctype, docname) and frappe.has_permission(doctype, "read", docname)
	):
		return frappe._dict()
	return frappe_validate_link(doctype, docname, fields)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""Frappe's sidebar count of assignees queries the DocType with no permission at all; for the app's
	records it counts the ToDos of the records the user may list."""
	if field != "assigned_to" or not is_agency_scoped(doctype):
		return frappe_get_group_by_count(doctype, current_filters, field)
	listed = frappe.get_list(
		doctype, filters=frappe.parse_json(current_filters), fields=["name"], order_by="", run=False
	)
	# The listing's conditions may hold a LIKE's % signs, which the driver would read as placeholders.
	listed = listed.replace("%", "%%")
	return frappe.db.sql(
		f"""select todo.allocated_to as name, count(*) as count
		from `tabToDo` todo join `tabUser` user on user.name = todo.allocated_to
		where todo.status != 'Cancelled' and user.user_type = 'System User'
			and todo.reference_type = %(doctype)s and todo.reference_name in ({listed})
		group by todo.allocated_to order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)


@frappe.whitelist()
def export_query():
	"""Frappe's report export runs the report itself, past the override of `run`: a kept result named in
	its filters is read only by who may read it (permissions.prepared_report_has_permission)."""
	filters = frappe.parse_json(frappe.form_dict.get("filters")) or {}
	kept = filters.get("prepared_report_name") if isinstance(filters, dict) else None
	if kept and prepared_report_has_permission(frappe.get_doc("Prepared Report", str(kept))) is False:
		raise frappe.PermissionError
	return frappe_export_query()


@frappe.whitelist()
def toggle_like(doctype: str, name: str, add=False):
	"""Frappe's like writes into any record, asking for no permission at all: a record is liked only by
	who may read it."""
	if _guards(doctype) and not (
		frappe.db.exists(doctype, name) and frappe.has_permission(doctype, "read", name)
	):
		raise frappe.PermissionError
	return frappe_toggle_like(doctype, name, add)


@frappe.whitelist()
def get_user_info_for_viewers(users: str):
	"""Frappe's names and pictures of any users the desk names: a user restricted to agencies learns those
	of the people of their agencies only (tenancy.people_query_conditions)."""
	if condition := people_query_conditions(doctype="User"):
		named = frappe.parse_json(users) or []
		seen = frappe.db.sql(
			f"select name from `tabUser` where name in %(named)s and {condition.replace('%', '%%')}",
			{"named": tuple(named) or ("",)},
			pluck=True,
		)
		users = frappe.as_json([user for user in named if user in seen])
	return frappe_get_user_info_for_viewers(users)


@frappe.whitelist()
def unzip_file(name: str):
	"""Frappe unzips any File named, and only then finds it may not delete it: a file of an app record, or
	any file for a user restricted to agencies, is unzipped only by who may change it."""
	file = frappe.get_doc("File", name)
	if _guards(file.attached_to_doctype):
		file.check_permission("write")
	return frappe_unzip_file(name)


@frappe.whitelist()
def mark_as_read(docname: str):
	"""Frappe marks any user's notification read: a user restricted to agencies marks their own only."""
	if (
		allowed_agencies() is not None
		and frappe.db.get_value("Notification Log", docname, "for_user") != frappe.session.user
	):
		raise frappe.PermissionError
	return frappe_mark_as_read(docname)
