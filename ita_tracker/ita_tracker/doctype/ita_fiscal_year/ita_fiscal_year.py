import frappe
from frappe import _

from ita_tracker.exceptions import InvalidFiscalYearError
from ita_tracker.findings import throw_errors
from ita_tracker.input_checks import ITADocument
from ita_tracker.rules.checks import check_score
from ita_tracker.rules.fiscal import fiscal_year_bounds
from ita_tracker.rules.rating import uses_letter_scale
from ita_tracker.rules.thai import ThaiParseError, parse_be_year
from ita_tracker.utils import quoted

TOOLS = ("iit", "eit", "oit")


class ITAFiscalYear(ITADocument):
	def before_naming(self):
		self.normalize_year()

	def before_validate(self):
		self.normalize_year()

	def validate(self):
		self.set_bounds()
		self.set_rating_scale()
		self.validate_weights()

	def normalize_year(self):
		try:
			self.fiscal_year = str(parse_be_year(self.fiscal_year))
		except ThaiParseError:
			frappe.throw(
				_("{0} is not a fiscal year in the Buddhist Era, such as 2569.").format(
					quoted(self.fiscal_year)
				),
				exc=InvalidFiscalYearError,
				title=_("Not a Fiscal Year"),
			)

	def set_bounds(self):
		self.year_start_date, self.year_end_date = fiscal_year_bounds(int(self.fiscal_year))

	def set_rating_scale(self):
		self.rating_scale = (
			"Letter (AA-F)" if uses_letter_scale(int(self.fiscal_year)) else "Current (2566 onwards)"
		)

	def validate_weights(self):
		throw_errors(
			check_score(self.meta.get_label(f"{tool}_weight"), self.get(f"{tool}_weight")) for tool in TOOLS
		)

	@property
	def tool_weights(self) -> dict[str, float] | None:
		"""The weights of IIT, EIT and OIT, or None while they are not known."""
		weights = {tool.upper(): self.get(f"{tool}_weight") for tool in TOOLS}
		return weights if all(weights.values()) else None


def ensure_fiscal_year(fiscal_year: int) -> str:
	"""The ITA Fiscal Year record of `fiscal_year`, created when the site has none yet. Fiscal years are
	shared master data that only a site-wide role edits, but the year itself (its bounds and rating scale)
	follows from its number, so an agency's officer who needs it for a plan gets it made; its weights are
	left for the administrator to enter."""
	name = str(fiscal_year)
	if not frappe.db.exists("ITA Fiscal Year", name):
		frappe.get_doc(doctype="ITA Fiscal Year", fiscal_year=name).insert(ignore_permissions=True)
	return name
