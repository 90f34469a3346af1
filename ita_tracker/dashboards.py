"""The figures of the ITA Tracker workspace's number cards, read with the user's permissions."""

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count
from frappe.utils import now_datetime

from ita_tracker.permissions import division_head_only, divisions_headed_by, is_manager
from ita_tracker.reporting import (
	STEP,
	STEP_DIVISION,
	Plan,
	Step,
	StepDivision,
	is_overdue_term,
	overdue_filters,
	route_options,
)
from ita_tracker.rules.deadlines import FINISHED
from ita_tracker.step_summary import national_counts
from ita_tracker.tenancy import agency_scope, allowed_agencies


@frappe.whitelist()
@frappe.read_only()
def latest_overall_score(filters=None) -> dict:
	latest = _latest_assessment(filters)
	return {
		"value": latest.overall_score if latest else 0,
		"fieldtype": "Float",
		"precision": 2,
		"route": _route(latest),
	}


@frappe.whitelist()
@frappe.read_only()
def latest_rating(filters=None) -> str:
	"""A text: the desk shows a custom card's plain string as it is."""
	latest = _latest_assessment(filters)
	return _(latest.rating) if latest and latest.rating else "-"


@frappe.whitelist()
@frappe.read_only()
def overdue_steps() -> dict:
	"""Opens the list of exactly the steps it counts."""
	counts = step_counts()
	return {
		"value": counts.overdue,
		"fieldtype": "Int",
		"route": ["List", "ITA Action Step"],
		"route_options": route_options([*counts.scope, *overdue_filters()]),
		"as_of": counts.as_of,
	}


@frappe.whitelist()
@frappe.read_only()
def percent_steps_done() -> dict:
	counts = step_counts()
	return {
		"value": 100 * counts.done / counts.total if counts.total else 0,
		"fieldtype": "Percent",
		"route": ["query-report", "ITA Implementation Status by Division"],
		"as_of": counts.as_of,
	}


@frappe.whitelist()
@frappe.read_only()
def steps_awaiting_verification() -> dict:
	"""The steps reported done that the user is to verify, counted as the list it opens shows them: the
	division head's one click from the workspace to what waits for them."""
	filters = awaiting_verification_filters(frappe.session.user)
	return {
		"value": len(set(frappe.get_list(STEP, filters=filters, pluck="name"))),
		"fieldtype": "Int",
		"route": ["List", STEP],
		"route_options": route_options(filters),
	}


def awaiting_verification_filters(user: str) -> list[list]:
	"""Done, owned by someone else (nobody verifies their own step), in a plan that is not cancelled (its
	revision carries the step on), and, for anyone but an ITA Manager, in a division the user heads. The
	user's agencies are Frappe's list conditions (permissions.query_conditions)."""
	filters = [[STEP, "status", "=", "Done"], [STEP, "responsible_user", "!=", user]]
	if cancelled := frappe.get_list("ITA Plan", filters={"docstatus": 2}, pluck="name"):
		filters.append([STEP, "plan", "not in", cancelled])
	if not is_manager(user):
		filters.append([STEP_DIVISION, "effective_division", "in", divisions_headed_by(user) or [""]])
	return filters


def step_counts() -> frappe._dict:
	"""Steps of approved plans that the user may see (total, done, overdue), read from what the user may
	see: the divisions they head, else the agencies they are restricted to, both live through indexes;
	a user who sees the whole country reads the summary (step_summary.py) and its `as_of` time.
	`scope` is the same set of steps as list filters, for the card's link."""
	user = frappe.session.user
	agencies = allowed_agencies(user, STEP)
	if division_head_only(user):
		divisions = divisions_headed_by(user) or [""]
		query = (
			frappe.qb.from_(StepDivision)
			.join(Step)
			.on((Step.name == StepDivision.parent) & (StepDivision.parenttype == STEP))
			.join(Plan)
			.on(Plan.name == Step.plan)
			.where(StepDivision.effective_division.isin(divisions))
		)
		agencies = frappe.get_all("ITA Division", filters={"name": ("in", divisions)}, pluck="agency")
	elif agencies is not None:
		query = frappe.qb.from_(Plan).join(Step).on(Step.plan == Plan.name).where(Plan.agency.isin(agencies))
	else:
		counts = national_counts()
		counts.scope = [[STEP, "plan", "not in", _unapproved_plans() or [""]]]
		return counts
	row = (
		query.where(Plan.docstatus == 1)
		.select(
			Count(Step.name).distinct().as_("total"),
			Count(Case().when(Step.status.isin(FINISHED), Step.name)).distinct().as_("done"),
			Count(Case().when(is_overdue_term(), Step.name)).distinct().as_("overdue"),
		)
		.run(as_dict=True)[0]
	)
	return frappe._dict(
		total=row.total or 0,
		done=row.done or 0,
		overdue=row.overdue or 0,
		as_of=now_datetime(),
		scope=[[STEP, "plan", "in", _approved_plans_of(agencies) or [""]]],
	)


def _approved_plans_of(agencies: list[str]) -> list[str]:
	"""The approved plans of a few agencies (5 a year each): the list filter of a card's link."""
	return frappe.get_all(
		"ITA Plan", filters={"agency": ("in", agencies or [""]), "docstatus": 1}, pluck="name"
	)


def _unapproved_plans() -> list[str]:
	"""Plans not counted nationally (drafts and cancelled ones): fewer than the approved ones."""
	return frappe.get_all("ITA Plan", filters={"docstatus": ("!=", 1)}, pluck="name")


def card_agency(filters=None) -> str | None:
	"""The agency a score card shows: the one chosen in the card's filters, else the user's own (their one
	agency by User Permission); None on a many-agency site for a user who has chosen none."""
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	if isinstance(filters, list):
		filters = {row[1]: row[3] for row in filters if len(row) >= 4 and row[2] == "="}
	chosen = (filters or {}).get("agency")
	if chosen:
		return agency_scope(chosen, doctype="ITA Assessment")[0]
	agencies = allowed_agencies(frappe.session.user, "ITA Assessment")
	if agencies is None:
		agencies = frappe.get_all("ITA Agency", pluck="name", limit=2)
	return agencies[0] if len(agencies) == 1 else None


def _latest_assessment(filters=None):
	agency = card_agency(filters)
	if not agency:
		return None
	latest = frappe.get_list(
		"ITA Assessment",
		filters={"agency": agency},
		fields=["name", "overall_score", "rating"],
		order_by="fiscal_year desc",
		limit=1,
	)
	return latest[0] if latest else None


def _route(assessment) -> list[str]:
	return ["Form", "ITA Assessment", assessment.name] if assessment else ["List", "ITA Assessment"]
