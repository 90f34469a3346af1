"""Bench commands of the app: `bench --site SITE ita load-demo` and `bench --site SITE ita check [PLAN]`."""

import sys
from contextlib import contextmanager

import click
from frappe.commands import get_site, pass_context


@click.group("ita", help="ITA Tracker: demo data and plan checks.")
def ita():
	pass


@ita.command(
	"load-demo",
	help="Load the reference municipality's 2568 assessment and 2569 plan. Records changed since they were "
	"loaded are left as they are and listed; exits 1 when a record could not be loaded.",
)
@pass_context
def load_demo(context):
	import frappe

	from ita_tracker.demo.loader import DemoLoader

	with site_connection(get_site(context)):
		report = DemoLoader().load()
		frappe.db.commit()
		echo_demo_load(report)
		sys.exit(1 if report.failed else 0)


def bilingual_label(doctype: str, fieldname: str) -> str:
	import frappe
	from frappe import _

	label = frappe.get_meta(doctype).get_label(fieldname)
	return " / ".join(dict.fromkeys(_(label, lang=lang) for lang in ("en", "th")))


def in_both(translate) -> str:
	"""A message in English, then in Thai: a bench command has no user language."""
	return "\n".join(translate(lang) for lang in ("en", "th"))


def echo_demo_load(report) -> None:
	from frappe import _

	if report.plan:
		click.echo(
			in_both(
				lambda lang: _("Demo plan {0}: {1} records created, {2} already loaded.", lang=lang).format(
					report.plan, len(report.created), report.unchanged
				)
			)
		)
	if report.frozen:
		plan, status = report.frozen
		click.secho(
			in_both(
				lambda lang: _(
					"Plan {0} is {1}: load-demo leaves the plan, its measures and steps, and the assessment and results it answers as they are.",
					lang=lang,
				).format(plan, _(status, lang=lang))
			),
			fg="yellow",
		)
	if report.kept:
		click.secho(
			in_both(
				lambda lang: _(
					"Changed since the demo was loaded, so not overwritten (the fields that differ from the demo, who changed the record last and when):",
					lang=lang,
				)
			),
			fg="yellow",
		)
		for kept in report.kept:
			labels = ", ".join(bilingual_label(kept.doctype, fieldname) for fieldname in kept.fields)
			click.echo(
				f"  {kept.doctype} {kept.name}: {labels}; {kept.modified_by}, {kept.modified:%Y-%m-%d %H:%M}"
			)
	if report.failed:
		click.secho(
			in_both(lambda lang: _("Could not be loaded (each rolled back on its own):", lang=lang)),
			fg="red",
			err=True,
		)
		for doctype, record, message in report.failed:
			click.echo(f"  {doctype} {record}: {message}", err=True)


@ita.command("check", help="List the findings of the consistency checks; exit 1 when one is an error.")
@click.argument("plan", required=False)
@pass_context
def check(context, plan=None):
	import frappe

	from ita_tracker.findings import render
	from ita_tracker.plan_checks import plan_findings

	with site_connection(get_site(context)):
		if plan and not frappe.db.exists("ITA Plan", plan):
			click.secho(f"No ITA Plan is named {plan!r}. Plans on this site:", fg="red", err=True)
			for name in frappe.get_all("ITA Plan", pluck="name", order_by="name"):
				click.echo(f"  {name}", err=True)
			sys.exit(2)
		plans = [plan] if plan else frappe.get_all("ITA Plan", filters={"docstatus": ("<", 2)}, pluck="name")
		errors = 0
		for name in plans:
			findings = plan_findings(name)
			click.secho(f"{name}: {len(findings) or 'no'} finding(s)", bold=True)
			for finding in findings:
				click.secho(
					f"  {finding.severity.upper()} {finding.code} [{', '.join(finding.records) or finding.subject}]:"
					f" {render(finding)}",
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
