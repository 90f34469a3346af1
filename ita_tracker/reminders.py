"""The daily reminders: each owner hears once about their steps due soon, and each division head and
ITA Manager once about the overdue steps they answer for. A log makes a second run that day send nothing.

At national scale (1.7 million steps, 700,000 of them overdue) the job reads only what it sends, in a
fixed number of queries whatever the size of the country: the rows due soon (through the due-date
index), the overdue counts per head, agency and division and each head's first steps (from the divisions
that have a head), and for the ITA Managers the summary per plan and division (step_summary.py) or, for
a manager restricted to some agencies, those agencies' rows. Each recipient gets a bounded digest: the
total, the largest counts per agency and division, the first steps by due date and a link to the list
filtered to all of them. One recipient whose reminder fails is logged and the others still get theirs."""

import json
from datetime import date
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days, cint, escape_html, get_url, get_url_to_form, getdate
from pypika.analytics import RowNumber

from ita_tracker.ita_tracker.doctype.ita_settings.ita_settings import get_setting
from ita_tracker.reporting import STEP, Division, Plan, Step, StepDivision, is_overdue_term, overdue_filters
from ita_tracker.rules.deadlines import FINISHED
from ita_tracker.step_summary import Summary, ensure_fresh
from ita_tracker.tenancy import allowed_agencies
from ita_tracker.utils import reader_date

DUE_SOON = "Due Soon"
OVERDUE = "Overdue"
# What one digest lists at most: its size does not grow with the country.
FIRST_STEPS = 10
FIRST_LINES = 10


def send_daily_reminders(today: date | None = None) -> dict[str, list[str]]:
	"""Sends today's reminders; returns the recipients of each kind that were notified in this run."""
	today = getdate(today)
	days_before_due, send_email = cint(get_setting("days_before_due")), cint(get_setting("send_email"))
	digests = {
		DUE_SOON: due_soon_digests(today, days_before_due),
		OVERDUE: {**head_digests(today), **manager_digests(today)},
	}
	sent = {DUE_SOON: [], OVERDUE: []}
	for kind, by_user in digests.items():
		for user, digest in by_user.items():
			digest = within_agencies(user, digest)
			if digest.total and notify_isolated(user, kind, digest, today, send_email):
				sent[kind].append(user)
	return sent


# Digests ------------------------------------------------------------------------------------------


def new_digest(link_filters: list[list]) -> frappe._dict:
	"""`counts` are all the counts per (agency, division); `lines` the largest of them, as sent."""
	return frappe._dict(total=0, counts={}, lines=[], steps=[], link_filters=link_filters)


def _open_steps_of_approved_plans():
	return (
		frappe.qb.from_(Step)
		.join(Plan)
		.on(Plan.name == Step.plan)
		.where(Plan.docstatus == 1)
		.where(Step.status.notin(FINISHED))
	)


def due_soon_digests(today: date, days: int) -> dict[str, frappe._dict]:
	"""One query: the unfinished steps due from today to `days` ahead, read by due date (a few days of
	the country's steps), grouped per owner."""
	rows = (
		_open_steps_of_approved_plans()
		.select(Step.name, Step.description, Step.due_date, Step.responsible_user, Step.agency)
		.where(Step.responsible_user.isnotnull())
		.where(Step.due_date[today : add_days(today, days)])
		.orderby(Step.due_date)
		.orderby(Step.name)
		.run(as_dict=True)
	)
	digests = {}
	for row in rows:
		digest = digests.setdefault(
			row.responsible_user,
			new_digest(
				[
					[STEP, "responsible_user", "=", row.responsible_user],
					[STEP, "status", "not in", list(FINISHED)],
					[STEP, "due_date", "between", [str(today), str(add_days(today, days))]],
				]
			),
		)
		digest.total += 1
		digest.counts[(row.agency, None)] = digest.counts.get((row.agency, None), 0) + 1
		if len(digest.steps) < FIRST_STEPS:
			digest.steps.append(row)
	for digest in digests.values():
		digest.lines = _top_lines(digest.counts)
	return digests


def head_digests(today: date) -> dict[str, frappe._dict]:
	"""Three queries, all starting from the divisions that have a head: each head's overdue steps, their
	counts per agency and division, and each head's first steps (a window over each head's rows)."""
	headed = (
		_open_steps_of_approved_plans()
		.join(StepDivision)
		.on((StepDivision.parent == Step.name) & (StepDivision.parenttype == STEP))
		.join(Division)
		.on(Division.name == StepDivision.effective_division)
		.where(Division.head.isnotnull())
		.where(is_overdue_term(today))
	)
	digests = {}
	# A step of two divisions that one person heads counts once for them.
	for head, total in headed.select(Division.head, Count(Step.name).distinct()).groupby(Division.head).run():
		digests[head] = new_digest(overdue_filters(today))
		digests[head].total = total
	for row in (
		headed.select(Division.head, Step.agency, Division.name.as_("division"), Count("*").as_("count"))
		.groupby(Division.head, Step.agency, Division.name)
		.run(as_dict=True)
	):
		digests[row.head].counts[(row.agency, row.division)] = row.count
	position = RowNumber().over(Division.head).orderby(Step.due_date).orderby(Step.name)
	ranked = headed.select(
		Division.head, Step.name, Step.description, Step.due_date, Step.agency, position.as_("position")
	).as_("ranked")
	for row in (
		frappe.qb.from_(ranked)
		.select("*")
		.where(ranked.position <= FIRST_STEPS)
		.orderby(ranked.head)
		.orderby(ranked.position)
		.run(as_dict=True)
	):
		steps = digests[row.head].steps
		if len(steps) < FIRST_STEPS and not any(step.name == row.name for step in steps):
			steps.append(row)
	for digest in digests.values():
		digest.lines = _top_lines(digest.counts)
	return digests


def manager_digests(today: date) -> dict[str, frappe._dict]:
	"""The ITA Managers: one digest for those who see the whole country, read from the summary (made
	fresh for today first), and one per set of agencies for those restricted to some."""
	managers = ita_managers()
	if not managers:
		return {}
	scopes = {user: allowed_agencies(user, STEP) for user in managers}
	digests = {}
	if any(scope is None for scope in scopes.values()):
		national = _national_digest(today)
		digests.update({user: national for user, scope in scopes.items() if scope is None})
	for agencies in {tuple(sorted(scope)) for scope in scopes.values() if scope is not None}:
		digest = _agencies_digest(today, list(agencies))
		digests.update({user: digest for user, scope in scopes.items() if scope == list(agencies)})
	return digests


def _national_digest(today: date) -> frappe._dict:
	ensure_fresh(today)
	digest = new_digest(overdue_filters(today))
	lines = (
		frappe.qb.from_(Summary)
		.select(Summary.agency, Summary.division, Sum(Summary.overdue).as_("count"))
		.where(Summary.division.isnotnull())
		.where(Summary.approved == 1)
		.where(Summary.overdue > 0)
		.groupby(Summary.agency, Summary.division)
		.orderby(Sum(Summary.overdue), order=frappe.qb.desc)
		.limit(FIRST_LINES)
		.run(as_dict=True)
	)
	digest.lines = [(row.agency, row.division, int(row.count)) for row in lines]
	digest.total = int(
		frappe.qb.from_(Summary)
		.select(Sum(Summary.overdue))
		.where(Summary.division.isnull())
		.where(Summary.approved == 1)
		.run()[0][0]
		or 0
	)
	digest.steps = _first_overdue_steps(today)
	return digest


def _agencies_digest(today: date, agencies: list[str]) -> frappe._dict:
	digest = new_digest([*overdue_filters(today), [STEP, "agency", "in", agencies]])
	steps = _open_steps_of_approved_plans().where(Plan.agency.isin(agencies)).where(is_overdue_term(today))
	digest.counts = {
		(row.agency, row.division): row.count
		for row in steps.join(StepDivision)
		.on((StepDivision.parent == Step.name) & (StepDivision.parenttype == STEP))
		.select(Step.agency, StepDivision.effective_division.as_("division"), Count("*").as_("count"))
		.groupby(Step.agency, StepDivision.effective_division)
		.run(as_dict=True)
	}
	digest.total = steps.select(Count("*")).run()[0][0]
	digest.lines = _top_lines(digest.counts)
	digest.steps = _first_overdue_steps(today, agencies)
	return digest


def _first_overdue_steps(today: date, agencies: list[str] | None = None) -> list[frappe._dict]:
	"""The oldest overdue steps, read in due-date order until FIRST_STEPS are found."""
	query = _open_steps_of_approved_plans().where(is_overdue_term(today))
	if agencies is not None:
		query = query.where(Plan.agency.isin(agencies))
	else:
		# Read the country's steps in due-date order (the DocType's index on due_date, which ends in the
		# name) until FIRST_STEPS are found: MariaDB's own plan starts from every approved plan and sorts
		# 700,000 overdue steps (4.8 s at national scale, 6 ms this way). Frappe names that index
		# `due_date` when it creates the table and `due_date_index` when it adds it later: found by column.
		index = frappe.db.get_column_index(f"tab{STEP}", "due_date")
		query = query.force_index(index.Key_name)
	return (
		query.select(Step.name, Step.description, Step.due_date, Step.agency)
		.orderby(Step.due_date)
		.orderby(Step.name)
		.limit(FIRST_STEPS)
		.run(as_dict=True)
	)


def _top_lines(counts: dict) -> list[tuple]:
	ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][0] or "", item[0][1] or ""))
	return [(agency, division, count) for (agency, division), count in ranked[:FIRST_LINES]]


def within_agencies(user: str, digest: frappe._dict) -> frappe._dict:
	"""A recipient hears only of the agencies their User Permissions allow."""
	allowed = allowed_agencies(user, STEP)
	outside = {
		key: count for key, count in digest.counts.items() if allowed is not None and key[0] not in allowed
	}
	if allowed is None or not (outside or any(step.agency not in allowed for step in digest.steps)):
		return digest
	kept = frappe._dict(digest)
	kept.counts = {key: count for key, count in digest.counts.items() if key not in outside}
	kept.lines = _top_lines(kept.counts)
	kept.steps = [step for step in digest.steps if step.agency in allowed]
	kept.total = max(digest.total - sum(outside.values()), 0)
	kept.link_filters = [*digest.link_filters, [STEP, "agency", "in", allowed]]
	return kept


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


# Sending --------------------------------------------------------------------------------------------


def notify_isolated(user: str, kind: str, digest, today: date, send_email: bool) -> bool:
	"""Sends one recipient's reminder; a failure is logged and undone without touching the others'."""
	savepoint = f"ita_reminder_{frappe.generate_hash(length=8)}"
	frappe.db.savepoint(savepoint)
	try:
		return notify_once(user, kind, digest, today, send_email)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		frappe.log_error(_("ITA reminder to {0} not sent").format(user), reference_doctype="User")
		return False


def list_url(filters: list[list]) -> str:
	"""The step list filtered as the digest counts (each filter as the desk's route reads it)."""
	query = {fieldname: json.dumps([operator, value]) for _doctype, fieldname, operator, value in filters}
	return get_url("/app/ita-action-step?" + urlencode(query))


def digest_html(digest, lang: str) -> str:
	lines = "".join(
		f"<li>{escape_html(agency or '')}{' / ' + escape_html(division) if division else ''}: {count}</li>"
		for agency, division, count in digest.lines
	)
	steps = "".join(
		f'<li><a href="{escape_html(get_url_to_form(STEP, step.name))}">{escape_html(step.description)}</a>'
		f" ({escape_html(reader_date(step.due_date, lang))})</li>"
		for step in digest.steps
	)
	more = digest.total - len(digest.steps)
	link = escape_html(list_url(digest.link_filters))
	footer = _("and {0} more", lang=lang).format(more) + " · " if more > 0 else ""
	return (
		(f"<ul>{lines}</ul>" if len(digest.lines) > 1 else "")
		+ f"<ul>{steps}</ul>"
		+ f'<p>{footer}<a href="{link}">{escape_html(_("Open the list of these steps", lang=lang))}</a></p>'
	)


def notify_once(user: str, kind: str, digest, today: date, send_email: bool) -> bool:
	if frappe.db.exists("ITA Reminder Log", {"recipient": user, "kind": kind, "sent_on": today}):
		return False
	# In the recipient's language; a Thai reader gets Buddhist Era dates, as in the app's documents.
	lang = frappe.db.get_value("User", user, "language") or frappe.db.get_default("lang") or "en"
	subject = (
		_("{0} ITA action steps are due soon", lang=lang).format(digest.total)
		if kind == DUE_SOON
		else _("{0} ITA action steps are overdue", lang=lang).format(digest.total)
	)
	content = digest_html(digest, lang)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": subject,
			"email_content": content,
			"document_type": STEP,
			"document_name": digest.steps[0].name if digest.steps else None,
		}
	).insert(ignore_permissions=True)
	if send_email:
		try:
			frappe.sendmail(recipients=[user], subject=subject, message=content)
		except frappe.OutgoingEmailError:
			# A site without an outgoing e-mail account still gets the reminder in the desk.
			frappe.log_error(_("ITA reminder e-mail not sent"))
	frappe.get_doc(
		{
			"doctype": "ITA Reminder Log",
			"recipient": user,
			"kind": kind,
			"sent_on": today,
			# The first steps only, as the digest lists them: the log does not grow with the country.
			"steps": "\n".join(step.name for step in digest.steps),
		}
	).insert(ignore_permissions=True)
	return True
