from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document

from ita_tracker.findings import render, show_warnings, throw_errors
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.plan_checks import check_plan
from ita_tracker.rules import checks
from ita_tracker.rules.fiscal import fiscal_year_bounds
from ita_tracker.utils import to_date


class ITAPlan(Document):
	def before_naming(self):
		self.set_fiscal_year()

	def validate(self):
		self.set_fiscal_year()
		self.set_period()
		self.set_title()
		throw_errors([checks.check_period(_("Plan"), *self.period(), self.name)])
		show_warnings([checks.check_plan_period(self.as_check_input())])

	def set_fiscal_year(self):
		"""A plan answers last year's assessment, so it runs in the fiscal year after it."""
		if not self.fiscal_year and self.assessment:
			assessed_in = frappe.db.get_value("ITA Assessment", self.assessment, "fiscal_year")
			self.fiscal_year = ensure_fiscal_year(int(assessed_in) + 1)

	def set_period(self):
		start, end = fiscal_year_bounds(int(self.fiscal_year))
		self.period_start = self.period_start or start
		self.period_end = self.period_end or end

	def set_title(self):
		# Stored, so it must not depend on the language of whoever saved it last.
		self.title = f"ITA {self.fiscal_year} {self.agency}"

	def period(self) -> tuple[date, date]:
		return to_date(self.period_start), to_date(self.period_end)

	def as_check_input(self) -> checks.Plan:
		return checks.Plan(self.name, int(self.fiscal_year), *self.period())

	@frappe.whitelist()
	def get_findings(self) -> list[dict]:
		"""Every finding of the checks on this plan, for the form to show."""
		return [
			{"severity": finding.severity, "code": finding.code, "message": render(finding)}
			for finding in check_plan(self.name)
		]
