"""ITA Step Summary: the steps of each plan not cancelled (`approved` once submitted) counted once per
plan (no division) and once per effective division (total, done, overdue as of a day), so that a card
for the whole country sums some 200,000 small rows instead of counting 1.7 million steps on each load.

A plan's rows are rebuilt by the save path of its steps, of its measures' divisions and of the plan
itself (`refresh_plans`); `refresh_all` (daily, before the reminders) rebuilds every row, so that
"overdue" follows the calendar. Each row keeps its `as_of` time, which the cards return."""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count, Min, Sum
from frappe.utils import getdate, now_datetime
from pypika.terms import PseudoColumn

from ita_tracker.reporting import STEP, Plan, Step, StepDivision, count_where, is_overdue_term
from ita_tracker.rules.deadlines import FINISHED

SUMMARY = "ITA Step Summary"
Summary = DocType(SUMMARY)
COLUMNS = (
	"name, creation, modified, owner, modified_by, plan, agency, division, approved, total, done, overdue, "
	"overdue_on, as_of"
)


def refresh_plans(plans, today=None) -> None:
	"""Rebuilds the rows of `plans` (names; None for every plan), overdue as of `today`."""
	plans = None if plans is None else sorted({plan for plan in plans if plan})
	if plans == []:
		return
	delete = frappe.qb.from_(Summary).delete()
	frappe.db.sql((delete if plans is None else delete.where(Summary.plan.isin(plans))).get_sql())
	as_of, today = now_datetime(), getdate(today)
	for per_division in (False, True):
		frappe.db.sql(f"insert into `tab{SUMMARY}` ({COLUMNS}) {_counts(plans, per_division, as_of, today)}")


def refresh_all(today=None) -> None:
	"""The scheduled rebuild (hooks.py: daily)."""
	refresh_plans(None, today)


def ensure_fresh(today) -> None:
	"""Rebuilds every row unless all of them already count today's overdue steps (for the reminders)."""
	stale = frappe.db.exists(SUMMARY, {"overdue_on": ("!=", getdate(today))})
	if stale or not frappe.db.exists(SUMMARY, {"name": ("is", "set")}):
		refresh_all(today)


def _counts(plans, per_division: bool, as_of, today) -> str:
	division = StepDivision.effective_division if per_division else None
	query = (
		frappe.qb.from_(Plan)
		.join(Step)
		.on(Step.plan == Plan.name)
		.where(Plan.docstatus < 2)
		.groupby(Plan.name, *([division] if per_division else []))
	)
	if per_division:
		query = query.join(StepDivision).on(
			(StepDivision.parent == Step.name) & (StepDivision.parenttype == STEP)
		)
	if plans is not None:
		query = query.where(Plan.name.isin(plans))
	second = "`tabITA Step Division`.effective_division" if per_division else "''"
	key = f"md5(concat(`tabITA Plan`.name, '|', {second}))"
	stamp = frappe.db.escape(str(as_of))
	return query.select(
		PseudoColumn(key),
		PseudoColumn(stamp),
		PseudoColumn(stamp),
		PseudoColumn("'Administrator'"),
		PseudoColumn("'Administrator'"),
		Plan.name,
		Plan.agency,
		division if per_division else PseudoColumn("null"),
		count_where(Plan.docstatus == 1),
		Count("*"),
		Sum(count_where(Step.status.isin(FINISHED))),
		Sum(count_where(is_overdue_term(today))),
		PseudoColumn(frappe.db.escape(str(today))),
		PseudoColumn(stamp),
	).get_sql()


def national_counts() -> frappe._dict:
	"""Steps of approved plans in the whole country: total, done, overdue, and the oldest `as_of`."""
	row = (
		frappe.qb.from_(Summary)
		.select(
			Sum(Summary.total).as_("total"),
			Sum(Summary.done).as_("done"),
			Sum(Summary.overdue).as_("overdue"),
			Min(Summary.as_of).as_("as_of"),
		)
		.where(Summary.division.isnull())
		.where(Summary.approved == 1)
		.run(as_dict=True)[0]
	)
	return frappe._dict(
		total=int(row.total or 0), done=int(row.done or 0), overdue=int(row.overdue or 0), as_of=row.as_of
	)


def refresh_plan(doc, method=None) -> None:
	"""doc_events of ITA Plan: submitting or cancelling changes which plans count."""
	refresh_plans([doc.name])
