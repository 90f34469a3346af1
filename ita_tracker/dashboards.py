"""The figures of the ITA Tracker workspace's number cards, read with the user's permissions."""

import frappe
from frappe import _

from ita_tracker.reporting import overdue_filters, route_options
from ita_tracker.rules.deadlines import FINISHED


@frappe.whitelist()
@frappe.read_only()
def latest_overall_score() -> dict:
	latest = _latest_assessment()
	return {
		"value": latest.overall_score if latest else 0,
		"fieldtype": "Float",
		"precision": 2,
		"route": _route(latest),
	}


@frappe.whitelist()
@frappe.read_only()
def latest_rating() -> str:
	"""A text: the desk shows a custom card's plain string as it is."""
	latest = _latest_assessment()
	return _(latest.rating) if latest and latest.rating else "-"


@frappe.whitelist()
@frappe.read_only()
def overdue_steps() -> dict:
	"""Opens the list of exactly the steps it counts."""
	filters = [_approved_plans(), *overdue_filters()]
	return {
		"value": sum(_steps_by_status(filters).values()),
		"fieldtype": "Int",
		"route": ["List", "ITA Action Step"],
		"route_options": route_options(filters),
	}


@frappe.whitelist()
@frappe.read_only()
def percent_steps_done() -> dict:
	counts = _steps_by_status([_approved_plans()])
	total = sum(counts.values())
	done = sum(count for status, count in counts.items() if status in FINISHED)
	return {
		"value": 100 * done / total if total else 0,
		"fieldtype": "Percent",
		"route": ["query-report", "ITA Implementation Status by Division"],
	}


def _approved_plans() -> list:
	approved = frappe.get_list("ITA Plan", filters={"docstatus": 1}, pluck="name") or [""]
	return ["ITA Action Step", "plan", "in", approved]


def _steps_by_status(filters: list) -> dict[str, int]:
	"""Steps that the user may see, counted by status in one query."""
	rows = frappe.get_list(
		"ITA Action Step",
		filters=filters,
		fields=["status", "count(name) as count"],
		group_by="status",
	)
	return {row.status: row.count for row in rows}


def _latest_assessment():
	latest = frappe.get_list(
		"ITA Assessment", fields=["name", "overall_score", "rating"], order_by="fiscal_year desc", limit=1
	)
	return latest[0] if latest else None


def _route(assessment) -> list[str]:
	return ["Form", "ITA Assessment", assessment.name] if assessment else ["List", "ITA Assessment"]
