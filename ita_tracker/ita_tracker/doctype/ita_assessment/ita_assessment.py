import frappe

from ita_tracker.findings import show_warnings, throw_errors
from ita_tracker.input_checks import ITADocument
from ita_tracker.permissions import validate_result_change, validate_result_delete
from ita_tracker.rules import checks
from ita_tracker.rules.rating import rate
from ita_tracker.utils import committed_name, violated_key

TOOL_FIELDS = {"IIT": "iit_score", "EIT": "eit_score", "OIT": "oit_score"}
ONE_PER_AGENCY_AND_YEAR = "unique_agency_fiscal_year"


def on_doctype_update():
	"""Requests saving one agency and year at the same moment all pass validate; the index lets one in."""
	frappe.db.add_unique("ITA Assessment", ["agency", "fiscal_year"], constraint_name=ONE_PER_AGENCY_AND_YEAR)


class ITAAssessment(ITADocument):
	def validate(self):
		self.validate_scores()
		self.validate_one_per_agency_and_year()
		self.set_rating()
		self.set_title()
		validate_result_change(self)
		show_warnings([checks.check_overall_score(self.as_check_input())])

	def on_trash(self):
		validate_result_delete(self)

	def validate_scores(self):
		throw_errors(
			checks.check_score(self.meta.get_label(fieldname), self.get(fieldname))
			for fieldname in ("overall_score", *TOOL_FIELDS.values())
		)

	def validate_one_per_agency_and_year(self):
		self.refuse_duplicate_of(
			frappe.db.exists(
				"ITA Assessment",
				{"agency": self.agency, "fiscal_year": self.fiscal_year, "name": ("!=", self.name)},
			)
		)

	def refuse_duplicate_of(self, existing: str | None):
		throw_errors([checks.check_duplicate_assessment(self.agency, self.fiscal_year, existing)])

	def show_unique_validation_message(self, e):
		"""The request that loses the race past validate gets the message validate gives, not Frappe's."""
		if violated_key(e) == ONE_PER_AGENCY_AND_YEAR:
			self.refuse_duplicate_of(
				committed_name("ITA Assessment", {"agency": self.agency, "fiscal_year": self.fiscal_year})
			)
		super().show_unique_validation_message(e)

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
