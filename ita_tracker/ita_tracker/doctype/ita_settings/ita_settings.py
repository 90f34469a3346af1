import frappe
from frappe.utils import flt

from ita_tracker.findings import throw_errors
from ita_tracker.input_checks import ITADocument
from ita_tracker.rules.checks import check_score


class ITASettings(ITADocument):
	def validate(self):
		throw_errors([check_score(self.meta.get_label("target_score"), self.target_score)])


def get_setting(fieldname: str):
	return frappe.get_cached_doc("ITA Settings").get(fieldname)


def get_target_score() -> float:
	return flt(get_setting("target_score"))
