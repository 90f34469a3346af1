import frappe
from frappe.model.document import Document

from ita_tracker.findings import show_warnings, throw_errors
from ita_tracker.numbers import normalize_numbers
from ita_tracker.rules import checks
from ita_tracker.rules.rating import rate

TOOL_FIELDS = {"IIT": "iit_score", "EIT": "eit_score", "OIT": "oit_score"}


class ITAAssessment(Document):
	def before_validate(self):
		normalize_numbers(self)

	def validate(self):
		self.validate_scores()
		self.validate_one_per_agency_and_year()
		self.set_rating()
		self.set_title()
		show_warnings([checks.check_overall_score(self.as_check_input())])

	def validate_scores(self):
		throw_errors(
			checks.check_score(self.meta.get_label(fieldname), self.get(fieldname))
			for fieldname in ("overall_score", *TOOL_FIELDS.values())
		)

	def validate_one_per_agency_and_year(self):
		existing = frappe.db.exists(
			"ITA Assessment",
			{"agency": self.agency, "fiscal_year": self.fiscal_year, "name": ("!=", self.name)},
		)
		throw_errors([checks.check_duplicate_assessment(self.agency, self.fiscal_year, existing)])

	def set_rating(self):
		year = frappe.get_cached_doc("ITA Fiscal Year", self.fiscal_year)
		self.rating = rate(
			int(self.fiscal_year),
			self.overall_score,
			self.entered_tool_scores().values(),
			excellent_requires_every_tool=year.excellent_requires_every_tool,
		)

	def set_title(self):
		# Stored, so it must not depend on the language of whoever saved it last.
		self.title = f"{self.agency} ITA {self.fiscal_year}"

	def entered_tool_scores(self) -> dict[str, float]:
		"""Tool scores that were entered; 0 means not known (no tool of a rated agency scores 0)."""
		scores = {tool: self.get(fieldname) for tool, fieldname in TOOL_FIELDS.items()}
		return scores if all(scores.values()) else {}

	def as_check_input(self) -> checks.Assessment:
		return checks.Assessment(
			name=self.name,
			fiscal_year=int(self.fiscal_year),
			overall=self.overall_score,
			tool_scores={tool: self.get(fieldname) for tool, fieldname in TOOL_FIELDS.items()},
			tool_weights=frappe.get_cached_doc("ITA Fiscal Year", self.fiscal_year).tool_weights,
		)
