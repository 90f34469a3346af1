"""Agencies are the tenants of a site: which agency each record belongs to, which agencies a user reaches,
and the checks that keep the users of one agency out of another's records, whatever door of Frappe a
request comes through.

Every record of the app that holds an agency's work belongs to one agency: the one its `agency` field names,
which for most DocTypes Frappe fetches from the record it belongs to (AGENCY_SOURCE). A user with User
Permissions on ITA Agency reaches the records of those agencies only. Frappe checks User Permissions on the
values a request sends, before `fetch_from` restores the agency, and a value left out or set to null passes;
so the app judges a record by the agency it has as stored *and* the one it would have after the change,
read through its links, never by what the request says its agency is:

- `has_permission` (deny-only) for every agency-scoped DocType: `agency_denies`;
- `permission_query_conditions` for every agency-scoped DocType and each of their child DocTypes (whose
  rows Frappe lists by the child DocType's conditions alone): `query_conditions`;
- at save, whoever saves (the app's own flows included): a record never changes agency, links only to
  records of its own agency, and keeps only child rows that are its own (`validate_tenancy`).
"""

import frappe
from frappe import _
from frappe.permissions import get_user_permissions

from ita_tracker.exceptions import AgencyNotPermittedError, CrossAgencyLinkError, ForeignChildRowError
from ita_tracker.input_checks import ITADocument
from ita_tracker.rules.tenancy import AGENCY, AGENCY_CHILDREN, AGENCY_DOCTYPES, AGENCY_SOURCE
from ita_tracker.utils import quoted


def is_agency_scoped(doctype: str | None) -> bool:
	return doctype in AGENCY_DOCTYPES


# The user's agencies -------------------------------------------------------------------------------


def allowed_agencies(user: str | None = None, doctype: str = "ITA Plan") -> list[str] | None:
	"""The agencies `user` is restricted to by Frappe User Permissions, or None when unrestricted."""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	entries = get_user_permissions(user).get(AGENCY) or []
	applicable = [
		e.get("doc") for e in entries if not e.get("applicable_for") or e.get("applicable_for") == doctype
	]
	return applicable or None


def agency_scope(
	agency: str | None = None, user: str | None = None, doctype: str = "ITA Plan"
) -> list[str] | None:
	"""The agencies a query of `user` may read: None for all. Asking for an agency outside the user's is
	refused, so that a filter cannot widen what the user sees."""
	allowed = allowed_agencies(user, doctype)
	if agency and allowed is not None and agency not in allowed:
		frappe.throw(
			_("You are not permitted to see agency {0}.").format(frappe.bold(agency)),
			exc=AgencyNotPermittedError,
			title=_("Not Permitted"),
		)
	if agency:
		return [agency]
	return allowed


def sees_agency(user: str, agency: str | None) -> bool:
	allowed = allowed_agencies(user)
	return allowed is None or agency in allowed


# A record's agency -----------------------------------------------------------------------------------


def stored_agency(doctype: str, name: str | None) -> str | None:
	"""The agency of a stored record (an agency is its own), None for a record not stored."""
	if not name:
		return None
	if doctype == AGENCY:
		return frappe.db.exists(AGENCY, name) or None
	return frappe.db.get_value(doctype, name, "agency")


def agency_after_change(doc) -> str | None:
	"""The agency `doc` belongs to with its values as they are now: read through the link `agency` is
	fetched from, whatever the request put in `agency` itself."""
	if doc.doctype == AGENCY:
		return doc.get("name")
	source = AGENCY_SOURCE[doc.doctype]
	if source is None:
		return doc.get("agency")
	fieldname, linked = source
	return stored_agency(linked, doc.get(fieldname))


def record_agencies(doc) -> set[str]:
	"""Every agency `doc` touches: the one it has as stored (also when a request sends a stored record's
	name in a document of its own making) and the one its values would give it."""
	return {stored_agency(doc.doctype, doc.get("name")), agency_after_change(doc)} - {None}


def agency_denies(doc, user: str) -> bool:
	"""Whether `doc` belongs, as stored or as changed, to an agency outside `user`'s."""
	allowed = allowed_agencies(user, doc.doctype)
	return allowed is not None and bool(record_agencies(doc) - set(allowed))


class ITAChildDocument(ITADocument):
	"""The controller of a row of an agency record's table. Frappe handles a row as a document of its own
	when a request names it (frappe.client.get, getdoc, save, tags, shares, comments, deletion), and then
	judges it by its parent DocType's roles alone: `has_child_permission` finds no parent document for a
	row loaded on its own. Such a row answers as the record it belongs to, as stored and as sent."""

	def load_from_db(self):
		super().load_from_db()
		# The parent document Frappe's has_child_permission judges (it reads `parent_doc`).
		if self.parenttype and frappe.db.exists(self.parenttype, self.parent):
			self.parent_doc = frappe.get_doc(self.parenttype, self.parent)

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if self.flags.ignore_permissions:
			return True
		needed = "read" if permtype in ("read", "select", "print", "email", "report", "export") else "write"
		stored = frappe.db.get_value(self.doctype, self.name, ["parenttype", "parent"]) if self.name else None
		parents = {stored, (self.parenttype, self.parent)} - {None, (None, None)}
		return all(
			frappe.db.exists(doctype, name) and frappe.has_permission(doctype, needed, name, user=user)
			for doctype, name in parents
		) and super().has_permission(permtype, debug=debug, user=user)


# Queries -------------------------------------------------------------------------------------------


def agency_condition(doctype: str, user: str) -> str:
	"""The user's agencies as a plain `in` on the DocType's agency. Frappe's own User Permission condition
	(`ifnull(agency, '') = '' or agency in ...`) cannot use the index (an agency user's step list sorted by
	creation read the whole country: 3.5 s at 1.66M steps), lets a record without agency through, and a
	search with ignore_user_permissions leaves it out altogether."""
	agencies = allowed_agencies(user, doctype)
	if agencies is None:
		return ""
	column = "name" if doctype == AGENCY else "agency"
	values = ", ".join(frappe.db.escape(agency) for agency in agencies)
	return f"`tab{doctype}`.`{column}` in ({values})"


def child_condition(child_doctype: str, parent_condition: str) -> str:
	"""A child row is seen where its parent is (`parent_condition`, the parent's own conditions)."""
	if not parent_condition:
		return ""
	parent, table = AGENCY_CHILDREN[child_doctype], f"`tab{child_doctype}`"
	return (
		f"({table}.parenttype = {frappe.db.escape(parent)}"
		f" and {table}.parent in (select name from `tab{parent}` where {parent_condition}))"
	)


# People ----------------------------------------------------------------------------------------------
# An agency's people are the users restricted to it and the heads and members of its divisions. A user
# restricted to agencies sees only the people of theirs (and themselves) among users and reminder logs;
# everyone else sees every user, as Frappe shows them.
PEOPLE_COLUMNS = {"User": "`tabUser`.`name`", "ITA Reminder Log": "`tabITA Reminder Log`.`recipient`"}


def people_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions of User and ITA Reminder Log."""
	user = user or frappe.session.user
	agencies = allowed_agencies(user)
	if agencies is None:
		return ""
	column, values = PEOPLE_COLUMNS[doctype], ", ".join(frappe.db.escape(agency) for agency in agencies)
	return f"""({column} = {frappe.db.escape(user)}
		or {column} in (select `user` from `tabUser Permission`
			where allow = {frappe.db.escape(AGENCY)} and for_value in ({values}))
		or {column} in (select head from `tabITA Division` where agency in ({values}))
		or {column} in (select member.`user` from `tabITA Division Member` member
			join `tabITA Division` division on division.name = member.parent
			where member.parenttype = 'ITA Division' and division.agency in ({values})))"""


def people_has_permission(doc, ptype: str, user: str) -> bool | None:
	"""has_permission of User and ITA Reminder Log (deny-only): the people of the user's agencies."""
	condition = people_query_conditions(user, doc.doctype)
	if not condition or not doc.get("name"):
		return None
	# An agency's name may hold a % sign, which the driver would read as a placeholder.
	condition = condition.replace("%", "%%")
	found = frappe.db.sql(f"select 1 from `tab{doc.doctype}` where name = %s and {condition}", doc.name)
	return None if found else False


# At save -------------------------------------------------------------------------------------------


def validate_tenancy(doc, method=None) -> None:
	"""doc_events of every agency-scoped DocType, run for every save whoever makes it."""
	validate_agency_kept(doc)
	validate_links_within_agency(doc)
	validate_own_child_rows(doc)


def validate_agency_kept(doc) -> None:
	"""A record never moves to another agency: not by its `agency`, not by the record it belongs to."""
	if doc.doctype == AGENCY:
		return
	stored, after = stored_agency(doc.doctype, doc.get("name")), agency_after_change(doc)
	if after:
		doc.agency = after
	if stored and doc.agency != stored:
		frappe.throw(
			_("{0} belongs to agency {1} and cannot be moved to agency {2}.").format(
				doc.name, quoted(stored), quoted(doc.agency)
			),
			exc=CrossAgencyLinkError,
			title=_("Another Agency"),
		)


def validate_links_within_agency(doc) -> None:
	"""Every record `doc` (and its child rows) links to that belongs to an agency belongs to `doc`'s."""
	agency = doc.agency if doc.doctype != AGENCY else doc.name
	for doctype, names in _linked_records(doc).items():
		foreign = frappe.get_all(
			doctype,
			filters={"name": ("in", list(names)), "agency" if doctype != AGENCY else "name": ("!=", agency)},
			pluck="name",
		)
		if foreign:
			frappe.throw(
				_("{0} cannot refer to {1} {2}, which belongs to another agency.").format(
					doc.name or _("A new record"), _(doctype), quoted(foreign[0])
				),
				exc=CrossAgencyLinkError,
				title=_("Another Agency"),
			)


def _linked_records(doc) -> dict[str, set[str]]:
	"""{DocType: names} of the agency-scoped records `doc` and its child rows link to, its own agency
	excepted (checked by validate_agency_kept)."""
	linked = {}
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get_link_fields():
			value = row.get(df.fieldname)
			if value and is_agency_scoped(df.options) and not (row is doc and df.options == AGENCY):
				linked.setdefault(df.options, set()).add(value)
	return linked


def validate_own_child_rows(doc) -> None:
	"""Frappe updates a child row by its name alone, so a row of another record sent in this record's table
	would be moved here: every stored row sent must be this record's own."""
	for row in doc.get_all_children():
		if row.is_new() or not row.name:
			continue
		stored_parent = frappe.db.get_value(row.doctype, row.name, ["parent", "parenttype"], as_dict=True)
		if stored_parent and (stored_parent.parent, stored_parent.parenttype) != (doc.name, doc.doctype):
			frappe.throw(
				_("Row {0} of {1} belongs to another record.").format(quoted(row.name), _(row.doctype)),
				exc=ForeignChildRowError,
				title=_("Not Permitted"),
			)
