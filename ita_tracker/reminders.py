"""The daily reminders: each owner hears once about their steps due soon, and each division head and
ITA Manager once about the overdue steps they answer for. A log makes a second run that day send nothing."""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.utils import cint, escape_html, get_url_to_form, getdate

from ita_tracker.ita_tracker.doctype.ita_settings.ita_settings import get_setting
from ita_tracker.permissions import allowed_agencies
from ita_tracker.rules.deadlines import FINISHED, is_due_within, is_overdue
from ita_tracker.rules.thai import format_thai_date
from ita_tracker.step_divisions import TABLE as STEP_DIVISION

DUE_SOON = "Due Soon"
OVERDUE = "Overdue"


def send_daily_reminders(today: date | None = None) -> dict[str, list[str]]:
	"""Sends today's reminders; returns the recipients of each kind that were notified in this run."""
	today = getdate(today)
	days_before_due, send_email = cint(get_setting("days_before_due")), cint(get_setting("send_email"))
	steps = open_steps_of_approved_plans()

	due_soon = defaultdict(list)
	for step in steps:
		if step.responsible_user and is_due_within(step.due_date, step.status, today, days_before_due):
			due_soon[step.responsible_user].append(step)

	overdue_steps = [step for step in steps if is_overdue(step.due_date, step.status, today)]
	overdue = defaultdict(list)
	heads = heads_of_steps(overdue_steps)
	managers = ita_managers()
	for step in overdue_steps:
		for user in heads[step.name] | managers:
			overdue[user].append(step)

	sent = {DUE_SOON: [], OVERDUE: []}
	for kind, by_user in ((DUE_SOON, due_soon), (OVERDUE, overdue)):
		for user, user_steps in by_user.items():
			user_steps = within_agencies(user, user_steps)
			if user_steps and notify_once(user, kind, user_steps, today, send_email):
				sent[kind].append(user)
	return sent


def open_steps_of_approved_plans() -> list[frappe._dict]:
	step, plan = DocType("ITA Action Step"), DocType("ITA Plan")
	return (
		frappe.qb.from_(step)
		.join(plan)
		.on(plan.name == step.plan)
		.select(
			step.name,
			step.description,
			step.due_date,
			step.status,
			step.responsible_user,
			plan.agency,
		)
		.where(plan.docstatus == 1)
		.where(step.status.notin(FINISHED))
		.where(step.due_date.isnotnull())
		.orderby(step.due_date)
		.run(as_dict=True)
	)


def within_agencies(user: str, steps: list[frappe._dict]) -> list[frappe._dict]:
	"""A recipient hears only of the agencies their User Permissions allow."""
	allowed = allowed_agencies(user, "ITA Action Step")
	return steps if allowed is None else [step for step in steps if step.agency in allowed]


def heads_of_steps(steps: list[frappe._dict]) -> dict[str, set[str]]:
	"""The heads of each step's effective divisions (its division, or else its measure's)."""
	head_of = dict(
		frappe.get_all("ITA Division", filters={"head": ("is", "set")}, fields=["name", "head"], as_list=True)
	)
	heads = {step.name: set() for step in steps}
	for row in frappe.get_all(
		STEP_DIVISION,
		filters={"parenttype": "ITA Action Step", "parent": ("in", list(heads) or [""])},
		fields=["parent", "effective_division"],
	):
		if row.effective_division in head_of:
			heads[row.parent].add(head_of[row.effective_division])
	return heads


def ita_managers() -> set[str]:
	has_role, user = DocType("Has Role"), DocType("User")
	return set(
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.where(has_role.role == "ITA Manager")
		.where(has_role.parenttype == "User")
		.where(user.enabled == 1)
		.run(pluck=True)
	)


def _reminder_date(day, lang: str) -> str:
	return format_thai_date(getdate(day)) if lang == "th" else frappe.format(day, "Date")


def notify_once(user: str, kind: str, steps: list, today: date, send_email: bool) -> bool:
	if frappe.db.exists("ITA Reminder Log", {"recipient": user, "kind": kind, "sent_on": today}):
		return False
	# In the recipient's language; a Thai reader gets Buddhist Era dates, as in the app's documents.
	lang = frappe.db.get_value("User", user, "language") or frappe.db.get_default("lang") or "en"
	subject = (
		_("{0} ITA action steps are due soon", lang=lang).format(len(steps))
		if kind == DUE_SOON
		else _("{0} ITA action steps are overdue", lang=lang).format(len(steps))
	)
	content = "".join(
		f'<li><a href="{escape_html(get_url_to_form("ITA Action Step", step.name))}">{escape_html(step.description)}</a>'
		f" ({escape_html(_reminder_date(step.due_date, lang))})</li>"
		for step in steps
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": subject,
			"email_content": f"<ul>{content}</ul>",
			"document_type": "ITA Action Step",
			"document_name": steps[0].name,
		}
	).insert(ignore_permissions=True)
	if send_email:
		try:
			frappe.sendmail(recipients=[user], subject=subject, message=f"<ul>{content}</ul>")
		except frappe.OutgoingEmailError:
			# A site without an outgoing e-mail account still gets the reminder in the desk.
			frappe.log_error(_("ITA reminder e-mail not sent"))
	frappe.get_doc(
		{
			"doctype": "ITA Reminder Log",
			"recipient": user,
			"kind": kind,
			"sent_on": today,
			"steps": "\n".join(step.name for step in steps),
		}
	).insert(ignore_permissions=True)
	return True
