"""Who may read, write, transition, delete and verify what: the whole permission model of ITA Tracker.

The README's "Permissions" table is this module in prose, and tests/test_permission_model.py walks it.
Every path (desk, REST API, reports, cards, jobs) goes through the functions here, in four layers:

1. Roles: each DocType's DocPerm grants the most a role may ever do (Frappe checks it first).
2. Agencies (tenants): Frappe User Permissions on ITA Agency restrict a user to their agencies, judged on
   the stored record and on its links whatever a request sends (tenancy.py), for every agency-scoped
   DocType and their child DocTypes; the paths that bypass Frappe's list machinery (script reports, cards,
   counts, reminders) call `agency_scope`.
3. Reach: a division head reaches the measures and steps of the divisions they head; an ITA User writes
   only the steps they own. A write is judged on the stored record and again on the new values, so it can
   neither reach a record the user could not write nor move one out of their reach.
4. State: the plan's workflow state decides what may change at all (`PLAN_STATES`), for every role:
   content only while the plan is open, progress only once it is approved, nothing once it is cancelled.
   A Verified step is read-only until reopened.

Frappe's `has_permission` hooks can only deny; the controllers call `validate_*_change` from validate
(and the plan from before_update_after_submit, where Frappe runs no validate).
"""

import frappe
from frappe import _
from frappe.model import no_value_fields
from frappe.utils import cstr

from ita_tracker.exceptions import (
	ApprovalRequiredError,
	InvalidReportFilterError,
	PlanFrozenError,
	PlanLockedError,
	RestrictedFieldError,
	SelfVerificationError,
	VerifiedStepLockedError,
)
from ita_tracker.rules.tenancy import AGENCY_CHILDREN
from ita_tracker.tenancy import (
	agency_condition,
	agency_denies,
	child_condition,
	sees_agency,
)

MANAGER_ROLES = {"ITA Manager", "System Manager"}
EXECUTIVE, HEAD, USER = "ITA Executive", "ITA Division Head", "ITA User"
READ_EVERYTHING_ROLES = MANAGER_ROLES | {EXECUTIVE, USER}
READ_PTYPES = {"read", "select", "report", "print", "export", "email", "share"}

# What each state of the plan lets change: "content" is the plan itself and its measures and steps (the
# planning), "progress" is what owners report on steps (a step leaves Not Started only once the plan is
# approved: WORK_STATES). Pending Approval freezes everything, so that the executive approves exactly
# what was submitted; a cancelled plan keeps what was approved.
OPEN, PENDING, APPROVED, PUBLISHED, CANCELLED = (
	"Draft",
	"Pending Approval",
	"Approved",
	"Published",
	"Cancelled",
)
REJECTED = "Rejected"
PLAN_STATES = {
	OPEN: {"content", "progress"},
	REJECTED: {"content", "progress"},
	PENDING: set(),
	APPROVED: {"progress"},
	PUBLISHED: {"progress"},
	CANCELLED: set(),
}
WORK_STATES = {APPROVED, PUBLISHED}

# Fields only the workflow writes: who submitted and approved, and the state itself.
PLAN_WORKFLOW_FIELDS = {
	"status",
	"submitted_by",
	"approved_by",
	"approved_on",
	"approver_position",
	"rejection_reason",
}
MEASURE_CONTENT_FIELDS = (
	"plan",
	"measure_title",
	"indicator_results",
	"questions",
	"analysis",
	"period_start",
	"period_end",
	"responsible_divisions",
	"responsible_user",
	"sequence",
)
STEP_CONTENT_FIELDS = (
	"measure",
	"sequence",
	"description",
	"responsible_user",
	"division",
	"start_date",
	"due_date",
)
STEP_PROGRESS_FIELDS = ("status", "progress", "completion_date", "evidence_file", "evidence_url", "remarks")
VERIFIED = "Verified"
# Transitions that judge someone else's work: never the step's own owner.
REVIEW_STATUSES = {VERIFIED}


def roles_of(user: str) -> set[str]:
	return set(frappe.get_roles(user))


def is_manager(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user == "Administrator" or bool(MANAGER_ROLES & roles_of(user))


# Reach ---------------------------------------------------------------------------------------------


def divisions_headed_by(user: str) -> list[str]:
	return frappe.get_all("ITA Division", filters={"head": user}, pluck="name")


def measure_divisions(measure: str | None) -> set[str]:
	if not measure:
		return set()
	return set(
		frappe.get_all(
			"ITA Measure Division", filters={"parenttype": "ITA Measure", "parent": measure}, pluck="division"
		)
	)


def step_divisions(division: str | None, measure: str | None, of_measures: dict | None = None) -> set[str]:
	"""A step belongs to its own division, or else to every division responsible for its measure (looked up
	in `of_measures`, measure -> divisions, when the caller has read them all at once): the one definition
	of a step's divisions. Steps store it (`effective_divisions`, step_divisions.py) for the queries:
	reports, list filters, `query_conditions`, reminders and cards."""
	if division:
		return {division}
	return of_measures.get(measure, set()) if of_measures is not None else measure_divisions(measure)


def division_head_only(user: str) -> bool:
	"""Sees only the work of the divisions they head: no role that reads everything."""
	return user != "Administrator" and not (READ_EVERYTHING_ROLES & roles_of(user))


def _stored(doc, fieldnames: list[str]) -> frappe._dict | None:
	"""The stored values of an existing record, whatever the request changed in `doc`."""
	if doc.get("__islocal") or not doc.get("name"):
		return None
	return frappe.db.get_value(doc.doctype, doc.name, fieldnames, as_dict=True)


def _heads(user: str, divisions: set[str]) -> bool:
	return bool(divisions & set(divisions_headed_by(user)))


def heads_step(doc, user: str) -> bool:
	"""Heads the step's division as stored and as it would be after the change."""
	new = step_divisions(doc.get("division"), doc.get("measure"))
	stored = _stored(doc, ["division", "measure"])
	return _heads(user, new) and (
		stored is None or _heads(user, step_divisions(stored.division, stored.measure))
	)


def heads_measure(doc, user: str) -> bool:
	new = {row.division for row in doc.get("responsible_divisions") or []}
	stored = None if doc.get("__islocal") or not doc.get("name") else measure_divisions(doc.name)
	return _heads(user, new) and (stored is None or _heads(user, stored))


def owns_step(doc, user: str) -> bool:
	stored = _stored(doc, ["responsible_user"])
	return doc.get("responsible_user") == user and (stored is None or stored.responsible_user == user)


# State ---------------------------------------------------------------------------------------------


def plan_status(plan: str | None, lock: bool = False) -> str | None:
	"""The plan's workflow state. With `lock`, read under a shared lock of the plan's row, which a change of
	the plan's state waits for (Frappe's save reads the row FOR UPDATE) and which waits for that change in
	turn: a change of the plan's content or progress checked under it cannot land in a plan that a
	concurrent request has just submitted, approved or cancelled. Shared, so that changes of one plan's
	measures and steps do not wait for each other. Every later read of the state in the same check must
	lock too: a plain read would see the transaction's older snapshot."""
	if not plan:
		return None
	if not lock:
		return frappe.db.get_value("ITA Plan", plan, "status")
	rows = frappe.db.sql("select status from `tabITA Plan` where name = %s lock in share mode", plan)
	return rows[0][0] if rows else None


def plan_allows(plan: str | None, change: str, lock: bool = False) -> bool:
	return change in PLAN_STATES.get(plan_status(plan, lock), set())


def plan_is_approved(plan: str | None, lock: bool = False) -> bool:
	return plan_status(plan, lock) in WORK_STATES


def plan_approvers(plan) -> list[str]:
	"""Who decides on `plan` once it is submitted: the enabled ITA Executives whose agencies include the
	plan's (unrestricted ones see every agency), never the user who submitted it (no self-approval)."""
	from frappe.utils.user import get_users_with_role

	return sorted(
		user
		for user in get_users_with_role(EXECUTIVE)
		if user != plan.get("submitted_by") and sees_agency(user, plan.get("agency"))
	)


# Frappe hooks: has_permission (deny-only) and permission_query_conditions -----------------------------


def has_permission(doc, ptype: str, user: str) -> bool | None:
	"""The has_permission hook of every agency-scoped DocType: False denies, None leaves the decision to
	Frappe's roles and User Permissions (returning True would skip other apps' hooks)."""
	if agency_denies(doc, user):
		return False
	decide = DOCTYPE_PERMISSIONS.get(doc.doctype)
	return None if decide is None or decide(doc, ptype, user) else False


def plan_permits(doc, ptype: str, user: str) -> bool:
	if ptype in READ_PTYPES:
		return True
	stored_status = plan_status(doc.name) if doc.get("name") else None
	if ptype == "delete":
		return is_manager(user) and stored_status in (OPEN, REJECTED)
	if ptype == "submit":
		# Draft to submitted is the executive's Approve alone (validate_approval); a submitted plan is
		# updated (published) by the officer.
		if stored_status == PENDING:
			return EXECUTIVE in roles_of(user)
		return stored_status in WORK_STATES and is_manager(user)
	if ptype == "cancel":
		return stored_status in WORK_STATES and is_manager(user)
	if is_manager(user):
		return True
	# An executive writes to a plan only to decide on it, while it waits for a decision.
	return ptype == "write" and EXECUTIVE in roles_of(user) and stored_status == PENDING


def measure_permits(doc, ptype: str, user: str) -> bool:
	if ptype == "delete":
		return is_manager(user) and plan_allows(_stored_plan(doc), "content")
	if is_manager(user):
		return True
	roles = roles_of(user)
	if ptype in READ_PTYPES and READ_EVERYTHING_ROLES & roles:
		return True
	return HEAD in roles and ptype in READ_PTYPES | {"write"} and heads_measure(doc, user)


def step_permits(doc, ptype: str, user: str) -> bool:
	if ptype == "delete":
		return is_manager(user) and plan_allows(_stored_plan(doc), "content")
	if is_manager(user):
		return True
	roles = roles_of(user)
	if ptype in READ_PTYPES and READ_EVERYTHING_ROLES & roles:
		return True
	if HEAD in roles and ptype in READ_PTYPES | {"write"} and heads_step(doc, user):
		return True
	return USER in roles and ptype == "write" and owns_step(doc, user)


DOCTYPE_PERMISSIONS = {
	"ITA Plan": plan_permits,
	"ITA Measure": measure_permits,
	"ITA Action Step": step_permits,
}


def _stored_plan(doc) -> str | None:
	stored = _stored(doc, ["plan"])
	return stored.plan if stored else doc.get("plan")


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""The permission_query_conditions of every agency-scoped DocType and of their child DocTypes."""
	user = user or frappe.session.user
	if doctype in AGENCY_CHILDREN:
		return child_condition(doctype, query_conditions(user, AGENCY_CHILDREN[doctype]))
	conditions = [agency_condition(doctype, user)]
	if doctype in REACH_CONDITIONS and division_head_only(user):
		conditions.append(REACH_CONDITIONS[doctype].format(headed=_headed_sql(user)))
	return " and ".join(filter(None, conditions))


# What a division head alone reaches: the measures of the divisions they head, and the steps whose
# effective divisions (step_divisions.py) include one. The divisions are read first and written out, so
# that MariaDB starts from their few rows in the index (effective_division, parent) instead of probing a
# subquery for each of the country's steps.
REACH_CONDITIONS = {
	"ITA Measure": """`tabITA Measure`.name in (
		select parent from `tabITA Measure Division`
		where parenttype = 'ITA Measure' and division in ({headed}))""",
	"ITA Action Step": """`tabITA Action Step`.name in (
		select parent from `tabITA Step Division`
		where parenttype = 'ITA Action Step' and effective_division in ({headed}))""",
}


def _headed_sql(user: str) -> str:
	"""The divisions `user` heads, as an SQL list of values (one that matches nothing when they head none)."""
	return ", ".join(frappe.db.escape(division) for division in divisions_headed_by(user)) or "''"


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` with the user's permissions for ITA DocTypes: Frappe's own counts every
	row of any DocType the user may read at all, across divisions and agencies. Any other DocType (or a
	name that is none) goes to Frappe's own, as it is, so that the app changes nothing for other apps."""
	if frappe.db.get_value("DocType", doctype, "module") != "ITA Tracker":
		from frappe.client import get_count as frappe_get_count

		return frappe_get_count(doctype, filters, debug, cache)
	return _ita_count(doctype, filters)


@frappe.read_only()
def _ita_count(doctype: str, filters) -> int:
	frappe.has_permission(doctype, "read", throw=True)
	rows = frappe.get_list(
		doctype, filters=frappe.parse_json(filters) if filters else None, fields=["count(*) as count"]
	)
	return rows[0].count if rows else 0


# Prepared reports: a kept result is its preparer's --------------------------------------------------
# A prepared report (the national roll-up) keeps the result of one user's run, computed in that user's
# agency scope. Frappe lets anyone with the report read every kept result of it (the Prepared Report list,
# its download, and `run` given another result's name or another `user`); for the app's reports only the
# user who prepared a result reads it.


def ita_reports() -> list[str]:
	return frappe.get_all("Report", filters={"module": "ITA Tracker"}, pluck="name")


def prepared_report_query_conditions(user: str | None = None) -> str:
	user = user or frappe.session.user
	if user == "Administrator":
		return ""
	reports = ", ".join(frappe.db.escape(report) for report in ita_reports()) or "''"
	return (
		f"(`tabPrepared Report`.report_name not in ({reports})"
		f" or `tabPrepared Report`.owner = {frappe.db.escape(user)})"
	)


def prepared_report_has_permission(doc, ptype=None, user=None) -> bool | None:
	"""Denies another user's kept result of an ITA report; None otherwise, so that Frappe's own hook of
	Prepared Report still decides for every report."""
	user = user or frappe.session.user
	if user == "Administrator" or doc.owner == user or doc.report_name not in ita_reports():
		return None
	return False


@frappe.whitelist()
@frappe.read_only()
def run_report(report_name: str, filters=None, user=None, **kwargs):
	"""Frappe's `frappe.desk.query_report.run` for the session's user only, reading a kept prepared
	result only when the user may read it (see above); a step report over the whole country is served
	as a prepared report (reporting.runs_prepared), the workspace chart's run included. Another app's
	report goes to Frappe's run with the request's arguments as they are (its `user` included): the app
	changes nothing for other apps."""
	from frappe.desk.query_report import run

	from ita_tracker.reporting import runs_prepared

	if frappe.get_cached_value("Report", report_name, "module") != "ITA Tracker":
		return run(report_name, filters, user, **kwargs)
	filters = _filters_mapping(frappe.parse_json(filters) if isinstance(filters, str) else filters)
	kept = filters.get("prepared_report_name")
	if kept and prepared_report_has_permission(frappe.get_doc("Prepared Report", str(kept))) is False:
		frappe.throw(
			_("You are not permitted to see this prepared report."),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if runs_prepared(report_name, filters):
		return _prepared_result(report_name, dict(filters))
	return run(report_name, filters, frappe.session.user, **kwargs)


def _filters_mapping(filters) -> dict:
	"""An ITA report's filters as a mapping: none is an empty one; a list or a text is refused, before it
	reaches a report that would read it as no filter at all (every step in the country)."""
	if not filters:
		return {}
	if not isinstance(filters, dict):
		frappe.throw(
			_("The report filters must name each filter with its value."),
			exc=InvalidReportFilterError,
			title=_("Invalid Report Filter"),
		)
	return filters


def _prepared_result(report_name: str, filters: dict) -> dict:
	"""What `run` answers for a prepared report: the user's latest kept result for these filters, or
	none yet (the desk then offers to generate it), with an empty chart for the workspace's chart."""
	from frappe.desk.query_report import get_prepared_report_result, get_report_doc

	from ita_tracker.report_filters import checked_filters

	# Refused now, as a live run refuses them, rather than in a background job.
	checked_filters({key: value for key, value in filters.items() if key != "prepared_report_name"})
	report = get_report_doc(report_name)
	frappe.has_permission(report.ref_doctype, "report", throw=True)
	kept = filters.pop("prepared_report_name", None)
	result = get_prepared_report_result(report, filters, kept, frappe.session.user)
	if not result.get("doc"):
		# Frappe's chart widget draws its "no data" state for a chart without labels.
		result["chart"] = {"data": {}}
	result["add_total_row"] = report.add_total_row and not result.get("skip_total_row", False)
	return result


# Controllers: what a change may touch, judged on the stored record and on the new values -------------


def changed_fields(doc, fieldnames) -> list[str]:
	"""The fieldnames in `fieldnames` whose value differs from what is stored (all of them for a new doc)."""
	before = doc.get_doc_before_save()
	return [
		fieldname
		for fieldname in fieldnames
		if not before or _value(doc, fieldname) != _value(before, fieldname)
	]


def _value(doc, fieldname):
	value = doc.get(fieldname)
	if isinstance(value, list):
		return [tuple(cstr(row.get(df.fieldname)) for df in row.meta.fields) for row in value]
	return cstr(value)


def _labels(doc, fieldnames) -> str:
	return ", ".join(_(doc.meta.get_label(fieldname)) for fieldname in fieldnames)


def _refuse_frozen(doc, plan: str, changed: list[str], status: str | None = None) -> None:
	status = status or plan_status(plan, lock=True)
	if status in (APPROVED, PUBLISHED):
		frappe.throw(
			_("Plan {0} is approved: {1} of {2} can only change in a revision of the plan.").format(
				plan, _labels(doc, changed), doc.name or _("a new record")
			),
			exc=PlanLockedError,
			title=_("Plan Approved"),
		)
	frappe.throw(
		_("Plan {0} is {1}: {2} of {3} cannot change now.").format(
			plan, _(status), _labels(doc, changed), doc.name or _("a new record")
		),
		exc=PlanFrozenError,
		title=_("Plan Frozen"),
	)


def validate_plan_change(plan) -> None:
	"""Only an ITA Manager plans, and only while the plan is open; an executive changes its status and
	reason alone; nobody writes who submitted or approved it (the workflow does)."""
	before = plan.get_doc_before_save()
	if not before:
		return
	content = [
		df.fieldname
		for df in plan.meta.fields
		if df.fieldname not in PLAN_WORKFLOW_FIELDS
		and _value(plan, df.fieldname) != _value(before, df.fieldname)
	]
	if content and not is_manager():
		frappe.throw(
			_("Only an ITA Manager may change {0} of plan {1}.").format(_labels(plan, content), plan.name),
			exc=RestrictedFieldError,
			title=_("Not Permitted"),
		)
	if content and "content" not in PLAN_STATES.get(before.status, set()):
		_refuse_frozen(plan, plan.name, content)


def validate_approval(plan) -> None:
	"""A plan reaches docstatus 1 in one way only, whatever the door (the workflow, a PUT of docstatus,
	frappe.client.submit, savedocs): the workflow's Approve, by an ITA Executive, of the plan as it was
	submitted for approval. Who submitted it may not approve it (ITAPlan.record_approval_step)."""
	stored = plan_status(plan.name, lock=True)
	if stored != PENDING or plan.status != APPROVED or EXECUTIVE not in roles_of(frappe.session.user):
		frappe.throw(
			_(
				"Plan {0} is {1}: only an ITA Executive approves a plan, with Approve, once it is submitted for approval."
			).format(plan.name, _(stored)),
			exc=ApprovalRequiredError,
			title=_("Approval Required"),
		)


def validate_plan_cancel(plan) -> None:
	"""Frappe cancels without validate, link checks or the workflow, after writing whatever fields the
	request set (frappe.desk.form.save.cancel and savedocs take any field): a cancelled plan is the approved
	plan as it was, in the Cancelled state."""
	before = plan.get_doc_before_save()
	changed = [
		df.fieldname
		for df in plan.meta.fields
		if df.fieldname not in ("status", "live_assessment")
		and df.fieldtype not in no_value_fields
		and before
		and _value(plan, df.fieldname) != _value(before, df.fieldname)
	]
	if changed:
		frappe.throw(
			_("Cancelling plan {0} cannot also change {1}.").format(plan.name, _labels(plan, changed)),
			exc=RestrictedFieldError,
			title=_("Not Permitted"),
		)
	plan.status = CANCELLED


def answering_plan(assessment: str | None) -> frappe._dict | None:
	"""The live plan that answers `assessment`: the one whose O25 prints its scores and results."""
	if not assessment:
		return None
	return frappe.db.get_value("ITA Plan", {"live_assessment": assessment}, ["name", "status"], as_dict=True)


def _frozen_plans_of_results(doc) -> list[frappe._dict]:
	before = doc.get_doc_before_save()
	assessments = {doc.name if doc.doctype == "ITA Assessment" else doc.assessment}
	if before and before.doctype == "ITA Indicator Result":
		assessments.add(before.assessment)
	plans = (answering_plan(assessment) for assessment in assessments)
	return [plan for plan in plans if plan and "content" not in PLAN_STATES.get(plan.status, set())]


def validate_result_change(doc) -> None:
	"""An assessment and its indicator results are what the O25 prints: once the plan answering them is
	submitted, they change only with a revision of that plan (while the revision is open)."""
	changed = changed_fields(
		doc, [df.fieldname for df in doc.meta.fields if df.fieldtype not in no_value_fields]
	)
	for plan in _frozen_plans_of_results(doc) if changed else ():
		_refuse_frozen(doc, plan.name, changed)


def validate_result_delete(doc) -> None:
	for plan in _frozen_plans_of_results(doc):
		frappe.throw(
			_("Plan {0} is {1} and prints {2}: it cannot be deleted now.").format(
				plan.name, _(plan.status), doc.name
			),
			exc=PlanFrozenError if plan.status not in WORK_STATES else PlanLockedError,
			title=_("Plan Frozen"),
		)


def validate_measure_change(measure) -> None:
	changed = changed_fields(measure, MEASURE_CONTENT_FIELDS)
	before = measure.get_doc_before_save()
	for plan in sorted({measure.plan, before.plan if before else None} - {None}):
		if changed and not plan_allows(plan, "content", lock=True):
			_refuse_frozen(measure, plan, changed)


def validate_content_delete(doc) -> None:
	"""A measure or step leaves its plan only while the plan's content may change (under the plan's lock,
	see plan_status), whoever deletes it."""
	status = plan_status(doc.plan, lock=True)
	if "content" not in PLAN_STATES.get(status, set()):
		frappe.throw(
			_("Plan {0} is {1}: {2} cannot be deleted now.").format(doc.plan, _(status), doc.name),
			exc=PlanFrozenError if status not in WORK_STATES else PlanLockedError,
			title=_("Plan Frozen"),
		)


def validate_proposing(plan) -> None:
	"""Adding measures proposed by the library to a plan is planning: for an ITA Manager, while the plan (as
	stored) is open."""
	if not is_manager():
		frappe.throw(
			_("Only an ITA Manager may add proposed measures to plan {0}.").format(plan.name),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	if not plan_allows(plan.name, "content"):
		_refuse_frozen(plan, plan.name, ["proposals"])


def steps_open_to_planning(plan: str, steps: list[dict], user: str | None = None) -> set[str]:
	"""The names of `steps` (rows with name, division and measure, all of `plan`) whose planning `user` may
	change now: what validate_step_change would let through, read in two queries for the whole plan."""
	user = user or frappe.session.user
	if not plan_allows(plan, "content"):
		return set()
	if is_manager(user):
		return {step["name"] for step in steps}
	headed = set(divisions_headed_by(user))
	if not headed:
		return set()
	of_measures = {}
	for row in frappe.get_all(
		"ITA Measure Division",
		filters={"parenttype": "ITA Measure", "parent": ("in", {s["measure"] for s in steps} or [""])},
		fields=["parent", "division"],
	):
		of_measures.setdefault(row.parent, set()).add(row.division)
	return {
		step["name"]
		for step in steps
		if headed & step_divisions(step.get("division"), step["measure"], of_measures)
	}


def refuse_planning_above_level(step, fieldnames) -> None:
	"""The plan form's editor names a planning field the user may not write (its permission level), where
	Frappe's save would quietly keep the stored value of what they typed."""
	writable = step.get_permlevel_access("write")
	if locked := [name for name in fieldnames if step.meta.get_field(name).permlevel not in writable]:
		frappe.throw(
			_("As the owner of step {0} you may report its progress, but not change {1}.").format(
				step.name, _labels(step, locked)
			),
			exc=RestrictedFieldError,
			title=_("Not Permitted"),
		)


def validate_step_change(step) -> None:
	"""Planning a step is for an ITA Manager or the head of its division, while the plan is open; its owner
	(and they) report progress once it is approved; verifying is never for the owner."""
	user = frappe.session.user
	before = step.get_doc_before_save()
	content = changed_fields(step, STEP_CONTENT_FIELDS)
	if before and content and not (is_manager(user) or heads_step(step, user)):
		frappe.throw(
			_("As the owner of step {0} you may report its progress, but not change {1}.").format(
				step.name, _labels(step, content)
			),
			exc=RestrictedFieldError,
			title=_("Not Permitted"),
		)
	for plan in sorted({step.plan, before.plan if before else None} - {None}):
		if content and not plan_allows(plan, "content", lock=True):
			_refuse_frozen(step, plan, content)
	if not before:
		return
	progress = changed_fields(step, STEP_PROGRESS_FIELDS)
	if before.status == VERIFIED and step.status == VERIFIED and progress:
		frappe.throw(
			_("Step {0} is verified: reopen it before changing {1}.").format(
				step.name, _labels(step, progress)
			),
			exc=VerifiedStepLockedError,
			title=_("Step Verified"),
		)
	if step.status != before.status and (step.status in REVIEW_STATUSES or before.status in REVIEW_STATUSES):
		validate_reviewer(step, user)
	if progress and not (plan_allows(step.plan, "progress", lock=True) or _started_before_revision(step)):
		_refuse_frozen(step, step.plan, progress)


def _started_before_revision(step) -> bool:
	# Imported here: revisions.py reads the step's content fields from this module.
	from ita_tracker.revisions import approved_in_an_earlier_revision

	return plan_status(step.plan, lock=True) != CANCELLED and approved_in_an_earlier_revision(step)


def validate_reviewer(step, user: str) -> None:
	"""Verifying (and reopening a verified step) judges someone else's work: the head of the step's
	division or an ITA Manager, never the step's own owner."""
	stored_owner = (step.get_doc_before_save() or step).responsible_user
	if user in (stored_owner, step.responsible_user):
		frappe.throw(
			_("{0} owns step {1} and cannot also verify it.").format(user, step.name),
			exc=SelfVerificationError,
			title=_("No Self-Verification"),
		)
	if not (is_manager(user) or heads_step(step, user)):
		frappe.throw(
			_("Only an ITA Manager or the head of the division of step {0} may verify it.").format(step.name),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
