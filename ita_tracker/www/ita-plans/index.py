"""/ita-plans: the published plans, 20 a page (?page=N), filtered by province, agency and fiscal year
(GET parameters, checked by publishing.listing_filters: a malformed one answers 400, an unknown one
lists nothing)."""

from math import ceil
from urllib.parse import urlencode

import frappe
from frappe import _

from ita_tracker.exceptions import InvalidListingParameterError
from ita_tracker.publishing import PAGE_SIZE, listing_choices, listing_filters, published_plans

no_cache = 1


def get_context(context):
	context.title = _("Published ITA Plans")
	context.no_breadcrumbs = 1
	try:
		filters = listing_filters(frappe.form_dict)
	except InvalidListingParameterError:
		context.http_status_code = 400
		context.invalid = True
		filters = frappe._dict(page=1)
	context.filters = filters
	context.choices = listing_choices(filters.province)
	if context.invalid:
		context.plans, context.total = [], 0
	else:
		context.plans, context.total = published_plans(filters)
	context.pages = max(1, ceil(context.total / PAGE_SIZE))
	context.first_number = (filters.page - 1) * PAGE_SIZE + 1
	context.previous_url = page_url(filters, filters.page - 1) if filters.page > 1 else None
	context.next_url = page_url(filters, filters.page + 1) if filters.page < context.pages else None


def page_url(filters: dict, page: int) -> str:
	"""The address of another page of the same selection."""
	params = {key: filters[key] for key in ("province", "agency", "fiscal_year") if filters.get(key)}
	if page > 1:
		params["page"] = page
	return "/ita-plans" + (f"?{urlencode(params)}" if params else "")
