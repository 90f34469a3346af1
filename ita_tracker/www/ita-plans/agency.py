"""/ita-plans/agency/<agency ID>: an agency's public index of its published plans by fiscal year
(hooks.website_route_rules; the ID never changes, see publishing.agency_plans)."""

import frappe
from frappe import _

from ita_tracker.publishing import agency_plans

no_cache = 1


def get_context(context):
	context.plans = agency_plans(frappe.form_dict.agency)
	context.agency = frappe._dict(
		name=frappe.form_dict.agency,
		agency_name=context.plans[0].agency_name,
		province=context.plans[0].province,
	)
	context.title = _("Published ITA Plans of {0}").format(context.agency.agency_name)
	context.no_breadcrumbs = 1
