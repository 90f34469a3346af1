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


def timed(function) -> float:
	times = []
	for _ in range(3):
		started = time.perf_counter()
		function()
		times.append(time.perf_counter() - started)
		frappe.db.rollback()
		if times[-1] > SLOW:
			break
	return statistics.median(times)


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


def cases(agency: str, divisions: list[str], cutoff: date):
	from ita_tracker import dashboards

	values = {"agency": agency, "divisions": divisions, "cutoff": cutoff, "owner": OWNER}
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
	list_scope = {
		NATIONAL: ("`tabITA Action Step` s", "1 = 1"),
		ONE_AGENCY: ("`tabITA Action Step` s", "s.agency = %(agency)s"),
		HEAD: (
			"`tabITA Step Division` sd join `tabITA Action Step` s on s.name = sd.parent",
			"sd.effective_division in %(divisions)s",
		),
	}
	list_scope[OWNER] = list_scope[ONE_AGENCY]
	overdue_filters = [
		["ITA Action Step", "status", "not in", ["Done", "Verified"]],
		["ITA Action Step", "due_date", "is", "set"],
		["ITA Action Step", "due_date", "<", str(cutoff)],
	]
	for user, role in ROLES.items():
		tables, where = scope[user]
		list_tables, list_where = list_scope[user]
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
		columns = ", ".join(f"s.{field}" for field in LIST_FIELDS)
		yield (
			f"Step list (20, newest), {role}",
			as_user(
				user,
				lambda: frappe.get_list(
					"ITA Action Step", fields=LIST_FIELDS, order_by="creation desc", limit_page_length=20
				),
			),
			raw(
				f"select {columns} from {list_tables} where {list_where} order by s.creation desc limit 20",
				values,
			),
		)
		yield (
			f"Step list count (as the desk asks, up to 1,001), {role}",
			as_user(user, lambda: desk_count()),
			raw(
				f"select count(*) from (select s.name from {list_tables} where {list_where} limit 1001) p",
				values,
			),
		)
		yield (
			f"Step list, overdue filter, {role}",
			as_user(
				user,
				lambda: frappe.get_list(
					"ITA Action Step",
					fields=LIST_FIELDS,
					filters=overdue_filters,
					order_by="creation desc",
					limit_page_length=20,
				),
			),
			raw(
				f"select {columns} from {list_tables} where {list_where} and {overdue} "
				"order by s.creation desc limit 20",
				values,
			),
		)
		yield (
			f"Step list count, overdue filter, {role}",
			as_user(user, lambda: desk_count(overdue_filters)),
			raw(
				f"select count(*) from (select s.name from {list_tables} where {list_where} and {overdue} "
				"limit 1001) p",
				values,
			),
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


def desk_count(filters=None) -> int:
	"""The list's count, as the desk's list view asks for it (frappe.db.count with limit 1001: it shows
	"1,000+" beyond)."""
	from frappe.desk.reportview import get_count

	frappe.local.form_dict = frappe._dict(
		doctype="ITA Action Step",
		filters=json.dumps(filters or []),
		fields="[]",
		distinct="false",
		limit=1001,
	)
	return get_count()


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
	print("| case | app | raw SQL | ratio |\n| --- | ---: | ---: | ---: |")
	with freeze_time("2026-06-15 12:00", ignore=[__name__]):
		all_cases = list(cases(agency, divisions, cutoff))
		if not skip_reminders:
			try:
				from ita_tracker.step_summary import refresh_all

				started = time.perf_counter()
				refresh_all(date(2026, 6, 15))
				frappe.db.commit()
				print(
					f"| Step summary rebuild (daily job, not a page) | {1000 * (time.perf_counter() - started):,.0f} ms | | |"
				)
			except ImportError:
				pass
			all_cases.append(reminder_case(cutoff))
		for label, app, sql in all_cases:
			if only and only not in label:
				continue
			try:
				app_time = timed(app)
			except Exception as error:
				print(f"| {label} | failed: {type(error).__name__} | | |")
				frappe.db.rollback()
				continue
			raw_time = timed(sql)
			print(
				f"| {label} | {app_time * 1000:,.1f} ms | {raw_time * 1000:,.1f} ms | {app_time / raw_time:.2f} |"
			)
		print(f"load average {os.getloadavg()[0]:.1f} at end")


if __name__ == "__main__":
	main()
