"""Benchmark of what each person opens, per role, at national scale (not a test).

Run on a site filled by benchmark_reports.py (8,300 agencies x 5 years, 1.66M steps). It makes four bench
users: an ITA Manager who sees the whole country, an ITA Manager restricted to one agency (User
Permission), the head of two divisions of that agency and an ITA User of that agency who owns some of its
steps. For each case it times what the desk calls as that user (the card's method, the list's get_list
with the permission query and its count as the list view asks for it, a report through
frappe.desk.query_report.run, the reminder job) against the best raw SQL for the same answer in the same
run, median of 3 (a case slower than 5 s runs once), on 15 Jun 2026. A national user's step reports are
prepared reports: their background job is timed once, then the desk's read of the kept result.

	cd /opt/frappe-bench/sites
	PYTHONPATH=/path/to/app ../env/bin/python /path/to/scripts/benchmark_pages.py --site h6.localhost

Everything the app writes while timed (reminders, their logs) is rolled back after each run.
"""

import argparse
import json
import os
import platform
import statistics
import time
from datetime import date

import frappe

PREFIX = "BENCH-"
SLOW = 5.0
NATIONAL, ONE_AGENCY, HEAD, OWNER = (
	"bench-manager@example.org",
	"bench-agency-manager@example.org",
	"bench-head@example.org",
	"bench-owner@example.org",
)
ROLES = {
	NATIONAL: "manager, national",
	ONE_AGENCY: "manager, one agency",
	HEAD: "division head",
	OWNER: "ITA User",
}
FINISHED = "('Done', 'Verified')"
MEASURE_FIELDS = ["name", "measure_title", "plan", "status", "period_start", "period_end", "modified"]
LIST_FIELDS = [
	"name",
	"description",
	"measure",
	"plan",
	"status",
	"responsible_user",
	"division",
	"due_date",
	"modified",
]


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--only", help="run the cases whose label contains this text")
	parser.add_argument("--skip-reminders", action="store_true")
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	try:
		agency = f"{PREFIX}{4150:05d}"
		divisions = make_users(agency)
		frappe.db.commit()
		run(agency, divisions, args.only, args.skip_reminders)
	finally:
		frappe.destroy()


def make_users(agency: str) -> list[str]:
	frappe.set_user("Administrator")
	roles = {
		NATIONAL: ["ITA Manager"],
		ONE_AGENCY: ["ITA Manager"],
		HEAD: ["ITA Division Head"],
		OWNER: ["ITA User"],
	}
	for email, user_roles in roles.items():
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": ROLES[email],
					"send_welcome_email": 0,
					"roles": [{"role": role} for role in user_roles],
				}
			).insert(ignore_permissions=True)
		if email != NATIONAL and not frappe.db.exists(
			"User Permission", {"user": email, "allow": "ITA Agency", "for_value": agency}
		):
			frappe.get_doc(
				{"doctype": "User Permission", "user": email, "allow": "ITA Agency", "for_value": agency}
			).insert(ignore_permissions=True)
	divisions = sorted(frappe.get_all("ITA Division", filters={"agency": agency}, pluck="name"))[:2]
	for division in divisions:
		frappe.db.set_value("ITA Division", division, "head", HEAD, update_modified=False)
	# The owner's steps: every fourth step of the agency's plans.
	frappe.db.sql(
		"""update `tabITA Action Step` set responsible_user = %s
		where agency = %s and sequence %% 4 = 0""",
		(OWNER, agency),
	)
	return divisions


class SQLClock:
	"""Sums the time of the SQL statements a call sends: every query of Frappe and of the app goes through
	frappe.db.sql, so this is the part of a call's time its queries take, the rest being Python."""

	def __init__(self):
		self.seconds = 0.0

	def __enter__(self):
		self.db = frappe.local.db
		send = self.db.sql

		def sql(*args, **kwargs):
			started = time.perf_counter()
			try:
				return send(*args, **kwargs)
			finally:
				self.seconds += time.perf_counter() - started

		self.db.sql = sql
		return self

	def __exit__(self, *exc):
		del self.db.sql


def timed(function) -> tuple[float, float]:
	"""The median time of a call and the median time its SQL statements took."""
	times, sql_times = [], []
	for _ in range(3):
		started = time.perf_counter()
		with SQLClock() as clock:
			function()
		times.append(time.perf_counter() - started)
		sql_times.append(clock.seconds)
		frappe.db.rollback()
		if times[-1] > SLOW:
			break
	return statistics.median(times), statistics.median(sql_times)


def as_user(user, function):
	def call():
		frappe.set_user(user)
		try:
			return function()
		finally:
			frappe.set_user("Administrator")

	return call


def raw(sql: str, values: dict):
	return lambda: frappe.db.sql(sql, values)


def raw_plan(values: dict):
	"""A plan with its measures and steps, each table read by its indexed key."""
	tables = (("ITA Plan", "name"), ("ITA Measure", "plan"), ("ITA Action Step", "plan"))
	return lambda: [
		frappe.db.sql(f"select * from `tab{doctype}` where {field} = %(plan)s", values)
		for doctype, field in tables
	]


def cases(agency: str, divisions: list[str], cutoff: date):
	from ita_tracker import dashboards

	values = {
		"agency": agency,
		"divisions": divisions,
		"cutoff": cutoff,
		"owner": OWNER,
		# The agency's plan of the fiscal year being worked on, with its 40 steps.
		"plan": frappe.get_all(
			"ITA Plan", {"agency": agency}, pluck="name", order_by="fiscal_year desc", limit=1
		)[0],
		"province": frappe.db.get_value("ITA Agency", agency, "province"),
	}
	overdue = f"s.status not in {FINISHED} and s.due_date is not null and s.due_date < %(cutoff)s"
	# The best raw SQL per role for "the steps of approved plans this user sees".
	scope = {
		NATIONAL: ("`tabITA Action Step` s join `tabITA Plan` p on p.name = s.plan", "p.docstatus = 1"),
		ONE_AGENCY: (
			"`tabITA Plan` p join `tabITA Action Step` s on s.plan = p.name",
			"p.agency = %(agency)s and p.docstatus = 1",
		),
		HEAD: (
			"`tabITA Step Division` sd join `tabITA Action Step` s on s.name = sd.parent "
			"join `tabITA Plan` p on p.name = s.plan",
			"sd.effective_division in %(divisions)s and p.docstatus = 1",
		),
	}
	scope[OWNER] = scope[ONE_AGENCY]
	# The lists: no plan state, the user's permission scope only.
	list_scope = list_scopes("ITA Action Step", "s", "ITA Step Division", "effective_division")
	measure_scope = list_scopes("ITA Measure", "m", "ITA Measure Division", "division")
	overdue_filters = [
		["ITA Action Step", "status", "not in", ["Done", "Verified"]],
		["ITA Action Step", "due_date", "is", "set"],
		["ITA Action Step", "due_date", "<", str(cutoff)],
	]
	for user, role in ROLES.items():
		tables, where = scope[user]
		yield (
			f"Overdue Steps card, {role}",
			as_user(user, dashboards.overdue_steps),
			raw(f"select count(distinct s.name) from {tables} where {where} and {overdue}", values),
		)
		yield (
			f"% of Steps Done card, {role}",
			as_user(user, dashboards.percent_steps_done),
			raw(
				f"select count(distinct s.name), count(distinct case when s.status in {FINISHED} then s.name end) "
				f"from {tables} where {where}",
				values,
			),
		)
		yield (
			f"Latest Overall Score card, {role}",
			as_user(user, dashboards.latest_overall_score),
			raw(
				"select overall_score from `tabITA Assessment` where agency = %(agency)s "
				"order by fiscal_year desc limit 1",
				values,
			),
		)
		yield from list_cases(
			"Step list", "ITA Action Step", LIST_FIELDS, "s", list_scope[user], user, values
		)
		yield from list_cases(
			"Step list, overdue filter",
			"ITA Action Step",
			LIST_FIELDS,
			"s",
			list_scope[user],
			user,
			values,
			filters=(overdue_filters, overdue),
		)
		yield (
			f"Plan form (the form and its Measures and Steps), {role}",
			as_user(user, lambda: plan_form(values["plan"])),
			raw_plan(values),
		)
		yield from list_cases(
			"Measure list", "ITA Measure", MEASURE_FIELDS, "m", measure_scope[user], user, values
		)
		report_filters = {} if user in (NATIONAL, HEAD) else {"agency": agency}
		for report, label, sql in (
			(
				"ITA Overdue Action Steps",
				"Overdue report",
				f"select s.name, s.due_date from {tables} where {where} and {overdue} order by s.due_date limit 500",
			),
			(
				"ITA Implementation Status by Division",
				"Status report",
				f"select s.status, count(*) from {tables} where {where} group by s.status",
			),
		):
			if user == NATIONAL:
				# Served as a prepared report: the background job that keeps the result, then the desk's read.
				yield (
					f"{label}, {role}: background job (prepared report, not a page)",
					as_user(user, lambda report=report, filters=report_filters: prepare(report, filters)),
					raw(sql, values),
				)
			yield (
				f"{label}, {role}",
				as_user(user, lambda report=report, filters=report_filters: desk_report(report, filters)),
				raw(sql, values),
			)
	yield from rollup_cases(values)
	yield from public_cases(values)


def rollup_cases(values: dict):
	"""The roll-ups a provincial or national office opens, as the national manager: a province live, the
	whole country as a prepared report (its background job, then the desk's read of the kept result)."""
	values = {
		**values,
		"fiscal_year": frappe.db.sql("select max(fiscal_year) from `tabITA Assessment`")[0][0],
	}
	rollup = f"""select ag.name, max(asm.overall_score), max(asm.rating), max(p.name), max(p.status),
		count(s.name), sum(s.status in {FINISHED}),
		sum(s.status not in {FINISHED} and s.due_date < %(cutoff)s)
		from `tabITA Agency` ag
		left join `tabITA Assessment` asm on asm.agency = ag.name and asm.fiscal_year = %(fiscal_year)s
		left join `tabITA Plan` p on p.live_assessment = asm.name and p.docstatus < 2
		left join `tabITA Action Step` s on s.plan = p.name"""
	province = {"fiscal_year": values["fiscal_year"], "province": values["province"]}
	yield (
		"Provincial roll-up (one province, live), manager, national",
		as_user(NATIONAL, lambda: desk_report("ITA Provincial Roll-up", province)),
		raw(f"{rollup} where ag.province = %(province)s group by ag.name", values),
	)
	country = {"fiscal_year": values["fiscal_year"]}
	yield (
		"National roll-up, manager, national: background job (prepared report, not a page)",
		as_user(NATIONAL, lambda: prepare("ITA National Roll-up", country)),
		raw(f"{rollup} group by ag.name", values),
	)
	yield (
		"National roll-up, manager, national",
		as_user(NATIONAL, lambda: desk_report("ITA National Roll-up", country)),
		raw(f"{rollup} group by ag.name", values),
	)


def public_cases(values: dict):
	"""The public pages of published plans, as Guest."""
	published = """select p.name, p.title, p.agency, p.fiscal_year, ag.agency_name, ag.province
		from `tabITA Plan` p join `tabITA Agency` ag on ag.name = p.agency
		where p.status = 'Published' and p.docstatus = 1"""
	page = "order by p.fiscal_year desc, p.agency, p.name limit 20"
	# The whole country's first page: how many plans, and the newest year's first 20 through the index.
	newest_year = """select p.fiscal_year, count(*) from `tabITA Plan` p
		where p.status = 'Published' and p.docstatus = 1 group by p.fiscal_year"""
	yield (
		"/ita-plans, first page (20 of 41,500), guest",
		lambda: public_page("ita-plans"),
		lambda: (
			frappe.db.sql(newest_year),
			frappe.db.sql(
				f"""{published} and p.fiscal_year = (select max(fiscal_year) from `tabITA Plan`)
				order by p.agency, p.name limit 20"""
			),
		),
	)
	yield (
		"/ita-plans, one province, guest",
		lambda: public_page("ita-plans", province=values["province"]),
		raw(f"{published} and ag.province = %(province)s {page}", values),
	)
	yield (
		"/ita-plans/agency/<agency>, guest",
		lambda: public_page(f"ita-plans/agency/{values['agency']}"),
		raw(f"{published} and p.agency = %(agency)s order by p.fiscal_year desc", values),
	)
	yield (
		"/ita-plans/<plan>, guest",
		lambda: public_page(f"ita-plans/{values['plan']}"),
		raw_plan(values),
	)


def list_cases(label, doctype, fields, alias, scope, user, values, filters=([], "1 = 1")):
	"""A list of `doctype` as the desk shows it to `user` (its newest 20, then its count as the list view
	asks for it), each against the best raw SQL within the user's `scope`; `filters` are the desk's
	filters and the same condition in SQL."""
	role, (tables, where), (desk_filters, condition) = ROLES[user], scope, filters
	columns = ", ".join(f"{alias}.{field}" for field in fields)
	yield (
		f"{label} (20, newest), {role}",
		as_user(
			user,
			lambda: frappe.get_list(
				doctype, fields=fields, filters=desk_filters, order_by="creation desc", limit_page_length=20
			),
		),
		raw(
			f"select {columns} from {tables} where {where} and {condition} "
			f"order by {alias}.creation desc limit 20",
			values,
		),
	)
	yield (
		f"{label} count (as the desk asks, up to 1,001), {role}",
		as_user(user, lambda: desk_count(desk_filters, doctype)),
		raw(
			f"select count(*) from (select {alias}.name from {tables} where {where} and {condition} "
			"limit 1001) p",
			values,
		),
	)


def list_scopes(doctype: str, alias: str, divisions: str, division_field: str) -> dict:
	"""(tables, condition) per role for the best raw SQL of a list of `doctype`: the whole table, one
	agency's rows, or the rows of the head's divisions through the `divisions` child table."""
	table = f"`tab{doctype}` {alias}"
	agency = (table, f"{alias}.agency = %(agency)s")
	return {
		NATIONAL: (table, "1 = 1"),
		ONE_AGENCY: agency,
		HEAD: (
			f"`tab{divisions}` d join {table} on {alias}.name = d.parent",
			f"d.{division_field} in %(divisions)s",
		),
		OWNER: agency,
	}


def desk_count(filters=None, doctype="ITA Action Step") -> int:
	"""The list's count, as the desk's list view asks for it (frappe.db.count with limit 1001: it shows
	"1,000+" beyond)."""
	from frappe.desk.reportview import get_count

	frappe.local.form_dict = frappe._dict(
		doctype=doctype,
		filters=json.dumps(filters or []),
		fields="[]",
		distinct="false",
		limit=1001,
	)
	return get_count()


def plan_form(plan: str) -> None:
	"""What opening a plan's form loads: the document (frappe.desk.form.load.getdoc, with its onload and
	permissions), then what the form's script asks for: the checks' findings and the Measures and Steps
	(planning.plan_overview)."""
	from frappe.desk.form.load import getdoc

	from ita_tracker.ita_tracker.doctype.ita_plan.ita_plan import get_findings
	from ita_tracker.planning import plan_overview

	getdoc("ITA Plan", plan)
	assert frappe.response.docs, "no plan"
	get_findings(plan)
	overview = plan_overview(plan)
	assert overview["steps"], "no steps"
	frappe.response.docs = []


def public_page(path: str, **params) -> None:
	"""A public page as Guest, rendered by Frappe's website router with its GET parameters."""
	from frappe.website.serve import get_response
	from werkzeug.test import EnvironBuilder
	from werkzeug.wrappers import Request

	frappe.set_user("Guest")
	try:
		frappe.local.request = Request(EnvironBuilder(path=f"/{path}", query_string=params).get_environ())
		frappe.local.form_dict = frappe._dict(params)
		response = get_response(path)
		assert response.status_code == 200, f"{path}: {response.status_code}"
	finally:
		frappe.set_user("Administrator")


def desk_report(report: str, filters: dict) -> dict:
	"""A report as the desk runs it (frappe.desk.query_report.run, the app's override)."""
	from ita_tracker.permissions import run_report

	result = run_report(report, json.dumps(filters))
	assert result.get("result") is not None, f"{report}: no result"
	return result


def prepare(report: str, filters: dict) -> None:
	"""What the desk's "Generate New Report" queues, run here as the worker would (it commits)."""
	from frappe.core.doctype.prepared_report.prepared_report import generate_report, make_prepared_report

	name = make_prepared_report(report, filters)["name"]
	generate_report(name)
	frappe.db.commit()
	status = frappe.db.get_value("Prepared Report", name, "status")
	assert status == "Completed", f"{report}: prepared report {status}"


def reminder_case(cutoff: date):
	from ita_tracker.reminders import send_daily_reminders

	values = {"today": date(2026, 6, 15), "until": date(2026, 6, 22), "cutoff": cutoff}
	due_soon = """select s.name, s.responsible_user from `tabITA Action Step` s
		join `tabITA Plan` p on p.name = s.plan
		where p.docstatus = 1 and s.status not in ('Done', 'Verified') and s.responsible_user is not null
		and s.due_date between %(today)s and %(until)s"""
	heads = """select d.head, count(distinct s.name) from `tabITA Division` d
		join `tabITA Step Division` sd on sd.effective_division = d.name
		join `tabITA Action Step` s on s.name = sd.parent join `tabITA Plan` p on p.name = s.plan
		where d.head is not null and p.docstatus = 1 and s.status not in ('Done', 'Verified')
		and s.due_date < %(cutoff)s group by d.head"""
	return (
		"Daily reminder job (all recipients)",
		lambda: send_daily_reminders(date(2026, 6, 15)),
		lambda: (frappe.db.sql(due_soon, values), frappe.db.sql(heads, values)),
	)


def run(agency: str, divisions: list[str], only: str | None, skip_reminders: bool):
	from freezegun import freeze_time

	from ita_tracker.rules.deadlines import overdue_cutoff

	cutoff = overdue_cutoff(date(2026, 6, 15))
	load = os.getloadavg()
	print(
		f"machine: {platform.machine()}, {os.cpu_count()} cores, MariaDB {frappe.db.sql('select version()')[0][0]}, "
		f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at start; median of 3 (once above {SLOW:.0f} s)"
	)
	print(
		"| case | app (what the desk calls) | its SQL | raw SQL | app / raw | its SQL / raw |\n"
		"| --- | ---: | ---: | ---: | ---: | ---: |"
	)
	with freeze_time("2026-06-15 12:00", ignore=[__name__]):
		all_cases = list(cases(agency, divisions, cutoff))
		if not skip_reminders:
			try:
				from ita_tracker.step_summary import refresh_all

				started = time.perf_counter()
				refresh_all(date(2026, 6, 15))
				frappe.db.commit()
				print(
					f"| Step summary rebuild (daily job, not a page) | {1000 * (time.perf_counter() - started):,.0f} ms "
					"| | | | |"
				)
			except ImportError:
				pass
			all_cases.append(reminder_case(cutoff))
		for label, app, sql in all_cases:
			if only and only not in label:
				continue
			try:
				app_time, app_sql = timed(app)
			except Exception as error:
				print(f"| {label} | failed: {type(error).__name__}: {error} | | | | |")
				frappe.db.rollback()
				continue
			raw_time, _raw_sql = timed(sql)
			print(
				f"| {label} | {app_time * 1000:,.1f} ms | {app_sql * 1000:,.1f} ms | {raw_time * 1000:,.1f} ms "
				f"| {app_time / raw_time:.2f} | {app_sql / raw_time:.2f} |"
			)
		print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
	main()
