"""Who hears of a step's hand-offs, and whose ToDo list holds it meanwhile.

*Report Done* hands the step to those who verify it: the heads of its divisions (permissions.step_divisions),
or, where none may (no head, or the head owns the step), the ITA Managers of its agency. They get the
Notification "ITA Step Reported Done" (the desk's bell, and e-mail where the site has an outgoing account)
and the step in their ToDo list until it is verified or reopened. *Verify Work* tells the owner
("ITA Step Verified"); *Reopen* tells the owner ("ITA Step Reopened") and gives the step back to their
ToDo list. Every recipient is one of the people of the step's agency (a user who may read that agency:
tenancy.sees_agency), never someone of another agency, and never the user who acted.

The ToDos are Frappe's assignment records, written without the "assigned you a new task" notification of
`assign_to.add`: the hand-off's own Notification already says what to do, in one message rather than two.
"""

import frappe
from frappe import _
from frappe.desk.form import assign_to
from frappe.utils import get_url_to_form, nowdate
from frappe.utils.user import get_users_with_role

from ita_tracker.permissions import step_divisions
from ita_tracker.rules.checks import shortened
from ita_tracker.rules.deadlines import FINISHED
from ita_tracker.tenancy import allowed_agencies, sees_agency

DONE = "Done"
MANAGER = "ITA Manager"


def people_of_agency(users, agency: str | None) -> list[str]:
	"""The enabled users among `users` who belong with `agency`: restricted to it, or to no agency at all."""
	enabled = frappe.get_all(
		"User", filters={"name": ("in", sorted(set(users) - {None, ""}) or [""]), "enabled": 1}, pluck="name"
	)
	return sorted(user for user in enabled if sees_agency(user, agency))


def step_verifiers(step) -> list[str]:
	"""Who may verify `step` and is asked to: the heads of its divisions but its owner; else the agency's
	ITA Managers but its owner (those restricted to the agency when there are any, else the unrestricted
	ones of a site without agency restrictions). Only users who may read the step."""
	return [
		user for user in _verifiers(step) if frappe.has_permission(step.doctype, "read", step.name, user=user)
	]


def _verifiers(step) -> list[str]:
	divisions = step_divisions(step.get("division"), step.get("measure"))
	heads = frappe.get_all(
		"ITA Division",
		filters={"name": ("in", sorted(divisions) or [""]), "agency": step.get("agency")},
		pluck="head",
	)
	owner = {step.get("responsible_user")}
	if verifiers := people_of_agency(set(heads) - owner, step.get("agency")):
		return verifiers
	managers = set(get_users_with_role(MANAGER)) - owner
	restricted = {user for user in managers if step.get("agency") in (allowed_agencies(user) or [])}
	return people_of_agency(restricted or managers, step.get("agency"))


def step_owner(step) -> list[str]:
	"""The owner of `step`, to be told of what someone else did with it."""
	owner = step.get("responsible_user")
	if not owner or owner == frappe.session.user:
		return []
	return people_of_agency([owner], step.get("agency"))


def notification_context(step, recipients: list[str]) -> dict:
	"""What the step's Notifications render: the recipients (one a line, for the recipient row's cc), the
	step as people read it and a link to it. Nobody is told of what they did themselves."""
	return {
		"recipients": "\n".join(user for user in recipients if user != frappe.session.user),
		"step_text": shortened(step.get("description"), 80) or step.name,
		"step_url": get_url_to_form(step.doctype, step.name),
		"actor": frappe.utils.get_fullname(frappe.session.user),
	}


def was_reopened(step) -> bool:
	before = step.get_doc_before_save()
	return bool(before) and before.status in FINISHED and step.status not in FINISHED


def hand_off(step) -> None:
	"""on_update of a step, after its owner's assignment (assignments.sync_assignment): the verifiers get
	the step on Report Done; on Reopen their ToDos close and the owner gets it back."""
	before = step.get_doc_before_save()
	if not before or before.status == step.status or frappe.flags.ita_assignments_deferred:
		return
	if step.status == DONE:
		assign_quietly(step, step_verifiers(step), lambda lang: _("Verify step: {0}", lang=lang))
	elif was_reopened(step):
		owner = step.get("responsible_user")
		for todo in open_todos(step):
			if todo.allocated_to != owner:
				assign_to.set_status(
					step.doctype, step.name, todo.name, todo.allocated_to, "Closed", ignore_permissions=True
				)
		if owner:
			assign_quietly(step, [owner], lambda lang: _("Step returned to you: {0}", lang=lang))


def open_todos(doc) -> list:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": doc.doctype, "reference_name": doc.name, "status": "Open"},
		fields=["name", "allocated_to"],
	)


def assign_quietly(doc, users: list[str], description) -> None:
	"""A ToDo for each of `users` about `doc` (none twice), as Frappe's assignment writes it, without a
	notification of its own; `description(lang)` gives its text in each user's language."""
	assigned = {todo.allocated_to for todo in open_todos(doc)}
	for user in users:
		if user in assigned:
			continue
		language = frappe.db.get_value("User", user, "language") or frappe.local.lang
		frappe.get_doc(
			{
				"doctype": "ToDo",
				"allocated_to": user,
				"reference_type": doc.doctype,
				"reference_name": doc.name,
				"description": frappe.utils.escape_html(
					description(language).format(shortened(doc.get("description"), 140))
				),
				"priority": "Medium",
				"status": "Open",
				"date": nowdate(),
				"assigned_by": frappe.session.user,
			}
		).insert(ignore_permissions=True)
