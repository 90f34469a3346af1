"""Who may read and change what, enforced on the server for the desk, the REST API and reports alike.

- ITA Manager (and System Manager): everything.
- ITA Executive: reads everything; writes a plan only to approve or reject it.
- ITA Division Head: reads the plans; reads and updates the measures and steps of the divisions they head.
- ITA User: reads the plan with its measures and steps; updates only the steps they own.

Frappe's DocPerm grants the roles; the hooks below only narrow them (a has_permission hook can only deny).
"""

import frappe

MANAGER_ROLES = {"ITA Manager", "System Manager"}
READ_EVERYTHING_ROLES = MANAGER_ROLES | {"ITA Executive", "ITA User"}
READ_PTYPES = {"read", "select", "report", "print", "export", "email", "share"}


def is_manager(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(MANAGER_ROLES & set(frappe.get_roles(user)))


def divisions_headed_by(user: str) -> list[str]:
	return frappe.get_all("ITA Division", filters={"head": user}, pluck="name")


def measure_divisions(measure: str) -> set[str]:
	return set(
		frappe.get_all(
			"ITA Measure Division", filters={"parenttype": "ITA Measure", "parent": measure}, pluck="division"
		)
	)


def step_divisions(step) -> set[str]:
	"""A step belongs to its own division, or else to every division responsible for its measure."""
	return {step.division} if step.division else measure_divisions(step.measure)


def heads_division_of_step(step, user: str) -> bool:
	return bool(step_divisions(step) & set(divisions_headed_by(user)))


def heads_division_of_measure(measure, user: str) -> bool:
	return bool({row.division for row in measure.responsible_divisions} & set(divisions_headed_by(user)))


def plan_has_permission(doc, ptype: str, user: str) -> bool | None:
	if ptype in READ_PTYPES or is_manager(user):
		return None
	roles = set(frappe.get_roles(user))
	# An executive writes to a plan only to decide on it (the workflow lets them do nothing else).
	if ptype in ("write", "submit") and "ITA Executive" in roles:
		# The stored status: during the Approve action the document already reads "Approved".
		return frappe.db.get_value("ITA Plan", doc.name, "status") == "Pending Approval"
	return False


def measure_has_permission(doc, ptype: str, user: str) -> bool | None:
	if is_manager(user):
		return None
	roles = set(frappe.get_roles(user))
	if ptype in READ_PTYPES and READ_EVERYTHING_ROLES & roles:
		return None
	if "ITA Division Head" in roles and ptype in READ_PTYPES | {"write"}:
		return heads_division_of_measure(doc, user)
	return False


def step_has_permission(doc, ptype: str, user: str) -> bool | None:
	if is_manager(user):
		return None
	roles = set(frappe.get_roles(user))
	if ptype in READ_PTYPES and READ_EVERYTHING_ROLES & roles:
		return None
	if (
		"ITA Division Head" in roles
		and ptype in READ_PTYPES | {"write"}
		and heads_division_of_step(doc, user)
	):
		return True
	if "ITA User" in roles and ptype == "write":
		return doc.responsible_user == user
	return False


def division_head_only(user: str) -> bool:
	"""Sees only the work of the divisions they head: no role that reads everything."""
	return not (READ_EVERYTHING_ROLES & set(frappe.get_roles(user))) and user != "Administrator"


def measure_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if not division_head_only(user):
		return ""
	return f"""`tabITA Measure`.name in (
		select parent from `tabITA Measure Division`
		where parenttype = 'ITA Measure' and division in ({_headed_sql(user)}))"""


def step_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if not division_head_only(user):
		return ""
	headed = _headed_sql(user)
	return f"""(`tabITA Action Step`.division in ({headed})
		or (ifnull(`tabITA Action Step`.division, '') = '' and `tabITA Action Step`.measure in (
			select parent from `tabITA Measure Division`
			where parenttype = 'ITA Measure' and division in ({headed}))))"""


def _headed_sql(user: str) -> str:
	return f"select name from `tabITA Division` where head = {frappe.db.escape(user)}"
