"""Bench commands of the app: `bench --site SITE ita load-demo` and `bench --site SITE ita check [PLAN]`."""

import sys
from contextlib import contextmanager

import click
from frappe.commands import get_site, pass_context


@click.group("ita", help="ITA Tracker: demo data and plan checks.")
def ita():
	pass


@ita.command("load-demo", help="Load the reference municipality's 2568 assessment and 2569 plan.")
@pass_context
def load_demo(context):
	import frappe

	from ita_tracker.demo.loader import load_demo

	with site_connection(get_site(context)):
		plan = load_demo()
		frappe.db.commit()
		click.echo(f"Loaded the demo assessment and plan {plan}.")


@ita.command("check", help="List the findings of the consistency checks; exit 1 when one is an error.")
@click.argument("plan", required=False)
@pass_context
def check(context, plan=None):
	import frappe

	from ita_tracker.findings import render
	from ita_tracker.plan_checks import check_plan

	with site_connection(get_site(context)):
		if plan and not frappe.db.exists("ITA Plan", plan):
			click.secho(f"No ITA Plan is named {plan!r}. Plans on this site:", fg="red", err=True)
			for name in frappe.get_all("ITA Plan", pluck="name", order_by="name"):
				click.echo(f"  {name}", err=True)
			sys.exit(2)
		plans = [plan] if plan else frappe.get_all("ITA Plan", filters={"docstatus": ("<", 2)}, pluck="name")
		errors = 0
		for name in plans:
			findings = check_plan(name)
			click.secho(f"{name}: {len(findings) or 'no'} finding(s)", bold=True)
			for finding in findings:
				click.secho(
					f"  {finding.severity.upper()} {finding.code} [{finding.subject}]: {render(finding)}",
					fg="red" if finding.is_error else "yellow",
				)
			errors += sum(finding.is_error for finding in findings)
		if not plans:
			click.echo("No plans to check.")
		sys.exit(1 if errors else 0)


@contextmanager
def site_connection(site: str):
	import frappe

	frappe.init(site=site)
	frappe.connect()
	try:
		yield
	finally:
		frappe.destroy()


commands = [ita]
