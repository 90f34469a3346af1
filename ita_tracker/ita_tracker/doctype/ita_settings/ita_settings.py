import frappe
from frappe.model.document import Document
from frappe.utils import flt

from ita_tracker.findings import throw_errors
from ita_tracker.numbers import normalize_numbers
from ita_tracker.rules.checks import check_score


class ITASettings(Document):
	def before_validate(self):
		normalize_numbers(self)

	def validate(self):
		throw_errors([check_score(self.meta.get_label("target_score"), self.target_score)])


def get_setting(fieldname: str):
	return frappe.get_cached_doc("ITA Settings").get(fieldname)


def get_target_score() -> float:
	return flt(get_setting("target_score"))
