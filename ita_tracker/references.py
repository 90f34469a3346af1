"""Frappe's own records about an app record (comments and likes, assignments, follows, shares, tags,
workflow actions, versions, e-mails) belong to that record: they are read and written only by someone who
may read the record.

Frappe lists these DocTypes by role alone (a Workflow Action shows every pending document of the roles'
DocTypes, a Tag Link the title of every tagged record) and writes several of them without looking at the
record (likes, comments through the website, follows, ToDos). For records of the app's agency-scoped
DocTypes, this module adds the record's permission to those DocTypes' own: a query condition and a
deny-only has_permission for reading, a validate for writing. Other apps' records are left exactly as
Frappe treats them.
"""

import frappe
from frappe import _

from ita_tracker.exceptions import AgencyNotPermittedError, ShareNotPermittedError
from ita_tracker.permissions import query_conditions as record_conditions
from ita_tracker.rules.tenancy import AGENCY_DOCTYPES, REFERENCE_FIELDS
from ita_tracker.tenancy import allowed_agencies, is_agency_scoped, sees_agency, stored_agency
from ita_tracker.utils import quoted


def referenced_record(doc) -> tuple[str, str] | None:
	"""The app record `doc` (of one of REFERENCE_FIELDS' DocTypes) refers to, if any."""
	doctype_field, name_field = REFERENCE_FIELDS[doc.doctype]
	doctype, name = doc.get(doctype_field), doc.get(name_field)
	return (doctype, str(name)) if is_agency_scoped(doctype) and name else None


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of REFERENCE_FIELDS' DocTypes: rows about app records the user may not
	read are left out; every other row is as Frappe lists it."""
	user = user or frappe.session.user
	if allowed_agencies(user) is None:
		return ""
	doctype_field, name_field = REFERENCE_FIELDS[doctype]
	table = f"`tab{doctype}`"
	ours = ", ".join(frappe.db.escape(name) for name in AGENCY_DOCTYPES)
	clauses = [f"ifnull({table}.`{doctype_field}`, '') not in ({ours})"]
	for reference in AGENCY_DOCTYPES:
		of_reference = f"{table}.`{doctype_field}` = {frappe.db.escape(reference)}"
		clauses.append(
			f"({of_reference} and {table}.`{name_field}` in "
			f"(select name from `tab{reference}` where {record_conditions(user, reference) or '1=1'}))"
		)
	return f"({' or '.join(clauses)})"


def has_permission(doc, ptype: str, user: str) -> bool | None:
	"""has_permission of REFERENCE_FIELDS' DocTypes (deny-only, so Frappe's own hook still decides)."""
	reference = referenced_record(doc)
	if not reference or user == "Administrator":
		return None
	return None if frappe.has_permission(reference[0], "read", reference[1], user=user) else False


def validate_reference(doc, method=None) -> None:
	"""doc_events (validate) of Comment, Communication, ToDo and Document Follow: written about an app
	record only by someone who may read it, for someone who may."""
	reference = referenced_record(doc)
	if not reference or not frappe.db.exists(*reference):
		return
	for user in {frappe.session.user, *_people_concerned(doc)} - {None, "", "Administrator", "Guest"}:
		if not frappe.has_permission(reference[0], "read", reference[1], user=user):
			frappe.throw(
				_("{0} may not read {1} {2}.").format(quoted(user), _(reference[0]), quoted(reference[1])),
				exc=AgencyNotPermittedError,
				title=_("Not Permitted"),
			)
	if frappe.session.user == "Guest":
		frappe.throw(
			_("Sign in to write about {0} {1}.").format(_(reference[0]), quoted(reference[1])),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)


def _people_concerned(doc) -> set[str]:
	"""Who else a record about an app record reaches: the assignee of a ToDo, the follower of a Document
	Follow."""
	if doc.doctype == "ToDo":
		return {doc.allocated_to}
	if doc.doctype == "Document Follow":
		return {doc.user}
	return set()


def validate_share(doc, method=None, share=None) -> None:
	"""doc_events (validate_share) of the agency-scoped DocTypes. A share grants what it shares whatever
	the has_permission hooks and query conditions say, so an agency's record is shared only for reading,
	and only with a user of its agency."""
	agency = stored_agency(doc.doctype, doc.name)
	if share.everyone or share.write or share.submit or share.share or not sees_agency(share.user, agency):
		frappe.throw(
			_("{0} {1} can be shared only for reading, with a user of its agency.").format(
				_(doc.doctype), quoted(doc.name)
			),
			exc=ShareNotPermittedError,
			title=_("Not Permitted"),
		)
