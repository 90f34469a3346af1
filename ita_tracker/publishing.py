"""The public side: a published plan (and its progress report) at a stable URL, with PDFs, for
anyone; drafts, rejected plans and internal notes never.

What is public is the plan's `is_public`, set here alone (`set_public`): on publishing, and kept when the
plan is cancelled for revision, so that the agency's O25 stays on the site while its revision is drafted,
approved and published. Publishing the revision takes the plans it revises off the site
(`replace_earlier_revisions`); their addresses then lead to it (`public_revision_of`). See
docs/revisions.md."""

import json
from urllib.parse import quote

import frappe
from frappe.query_builder import DocType, Order
from frappe.query_builder.functions import Count
from frappe.utils import cint
from frappe.utils.caching import redis_cache
from pypika.terms import ExistsCriterion

from ita_tracker.evidence import EVIDENCE_METHOD
from ita_tracker.exceptions import InvalidListingParameterError
from ita_tracker.pdf import html_to_pdf
from ita_tracker.printing import O25_FORMAT, O26_FORMAT
from ita_tracker.rules.thai import ThaiParseError, parse_be_year

PRINT_FORMATS = {"o25": O25_FORMAT, "o26": O26_FORMAT}
Plan = DocType("ITA Plan")
Agency = DocType("ITA Agency")
O25_TEMPLATE = "ita_tracker/ita_tracker/print_format/{0}/{0}.html".format(frappe.scrub(O25_FORMAT))


def published_plan(name: str | None) -> str:
	"""The plan named `name` if it is public; a guest learns nothing else, not even that it exists."""
	if (
		not name
		or not isinstance(name, str)
		or not frappe.db.exists("ITA Plan", {"name": name, "is_public": 1})
	):
		raise frappe.PageDoesNotExistError
	return name


def set_public(plan) -> None:
	"""A plan is public from its publishing on, also once cancelled for revision; a request cannot set it
	(the stored value is kept, whatever was sent). Called from the plan's validate, before_cancel and
	before_update_after_submit."""
	before = plan.get_doc_before_save()
	plan.is_public = cint(before.is_public) if before else 0
	if plan.status == "Published" and plan.docstatus == 1:
		plan.is_public = 1


def replace_earlier_revisions(plan) -> None:
	"""A revision published replaces on the public site every plan it revises."""
	name = plan.amended_from
	while name:
		frappe.db.set_value("ITA Plan", name, "is_public", 0, update_modified=False)
		name = frappe.db.get_value("ITA Plan", name, "amended_from")


def public_revision_of(name: str | None) -> str | None:
	"""The public plan that replaced plan `name` through its revisions (revisions of revisions too)."""
	seen, frontier = {name}, [name] if name and isinstance(name, str) else []
	while frontier:
		later = frappe.get_all(
			"ITA Plan", filters={"amended_from": ("in", frontier)}, fields=["name", "is_public"]
		)
		for row in later:
			if row.is_public:
				return row.name
		frontier = [row.name for row in later if row.name not in seen]
		seen.update(frontier)
	return None


@frappe.whitelist(allow_guest=True)
def download_pdf(plan: str, document: str = "o25"):
	if document not in PRINT_FORMATS:
		raise frappe.PageDoesNotExistError
	if newer := not_public_but_replaced_by(plan):
		frappe.local.response.type = "redirect"
		frappe.local.response.location = (
			f"/api/method/ita_tracker.publishing.download_pdf?plan={quote(newer)}&document={document}"
		)
		return
	plan = published_plan(plan)
	# The plan is public once published; Frappe's print view would otherwise ask the guest for read access.
	frappe.flags.ignore_print_permissions = True
	# A plan cancelled for revision stays public until its revision is published: its print is asked for
	# as the form's Documents menu asks (per-request settings; Print Settings keep Frappe's default). Set
	# here whatever the request sent.
	frappe.local.form_dict.settings = json.dumps({"allow_print_for_cancelled": 1})
	try:
		pdf = html_to_pdf(frappe.get_print("ITA Plan", plan, PRINT_FORMATS[document]))
	finally:
		frappe.flags.ignore_print_permissions = False
	frappe.local.response.filename = f"{plan}-{document.upper()}.pdf"
	frappe.local.response.filecontent = pdf
	frappe.local.response.type = "pdf"


@frappe.whitelist(allow_guest=True, methods=["GET"])
def evidence(step: str):
	"""The stable public address of a step's evidence file, printed in the O26: redirects to the file
	when the step's plan is published and the step's evidence is a public file attached to that step.
	Anything else (an unpublished plan, a private file kept by the agency, a file of another record) is
	not found, so a guest learns nothing of it."""
	row = (
		frappe.db.get_value("ITA Action Step", step, ["plan", "evidence_file"], as_dict=True)
		if step
		else None
	)
	if row and (later := later_public_copy(step)):
		frappe.local.response.type = "redirect"
		frappe.local.response.location = f"{EVIDENCE_METHOD}?step={quote(later)}"
		return
	if not row or not row.evidence_file:
		raise frappe.PageDoesNotExistError
	published_plan(row.plan)
	if not frappe.db.exists(
		"File",
		{
			"attached_to_doctype": "ITA Action Step",
			"attached_to_name": step,
			"file_url": row.evidence_file,
			"is_private": 0,
		},
	):
		raise frappe.PageDoesNotExistError
	frappe.local.response.type = "redirect"
	frappe.local.response.location = row.evidence_file


def not_public_but_replaced_by(plan: str | None) -> str | None:
	"""The public revision that replaced `plan`, when `plan` itself is no longer public."""
	if not plan or not isinstance(plan, str) or frappe.db.get_value("ITA Plan", plan, "is_public"):
		return None
	return public_revision_of(plan)


def later_public_copy(step: str) -> str | None:
	"""The copy of `step` on the public revision that replaced the step's plan: the O26 printed before a
	revision links the step's evidence, which then opens the evidence of the step as revised."""
	plan = frappe.db.get_value("ITA Action Step", step, "plan")
	if not (newer := not_public_but_replaced_by(plan)):
		return None
	copies = [step]
	while copies:
		if found := frappe.db.get_value(
			"ITA Action Step", {"revised_from": ("in", copies), "plan": newer}, "name"
		):
			return found
		copies = frappe.get_all("ITA Action Step", filters={"revised_from": ("in", copies)}, pluck="name")
	return None


PAGE_SIZE = 20
MAX_PAGE = 10_000
MAX_VALUE_LENGTH = 140  # a Data field's length: longer is no province or agency of the site


def listing_filters(form: dict) -> frappe._dict:
	"""The filters of /ita-plans from its GET parameters: each a single short value, the page a number
	from 1 and the fiscal year a BE year (Thai digits read). An unknown province or agency is a filter
	that matches nothing, not an error."""
	filters = frappe._dict(page=1)
	for key in ("province", "agency", "fiscal_year", "page"):
		value = form.get(key)
		if value in (None, ""):
			continue
		if not isinstance(value, str) or len(value) > MAX_VALUE_LENGTH:
			raise InvalidListingParameterError(key)
		filters[key] = value.strip()
	if filters.fiscal_year:
		try:
			filters.fiscal_year = str(parse_be_year(filters.fiscal_year))
		except ThaiParseError:
			raise InvalidListingParameterError("fiscal_year") from None
	if not str(filters.page).isdigit() or not 1 <= int(filters.page) <= MAX_PAGE:
		raise InvalidListingParameterError("page")
	filters.page = int(filters.page)
	return filters


def published(query):
	return query.where(Plan.is_public == 1)


def published_plans(filters: dict) -> tuple[list[dict], int]:
	"""One page of the published plans matching `filters`, newest fiscal year first, then by agency (its
	ID, the name it was created with), and how many match. The plans are counted per fiscal year, and the
	page read within its year(s) through the index (status, docstatus, fiscal_year, agency): ordering the
	whole country's plans by year down and agency up would sort them all on every page."""
	query = published(frappe.qb.from_(Plan))
	if filters.get("province"):
		in_province = frappe.qb.from_(Agency).select(Agency.name).where(Agency.province == filters.province)
		query = query.where(Plan.agency.isin(in_province))
	for fieldname in ("agency", "fiscal_year"):
		if filters.get(fieldname):
			query = query.where(Plan[fieldname] == filters[fieldname])
	per_year = (
		query.select(Plan.fiscal_year, Count("*"))
		.groupby(Plan.fiscal_year)
		.orderby(Plan.fiscal_year, order=Order.desc)
		.run()
	)
	rows, skip = [], (filters.get("page", 1) - 1) * PAGE_SIZE
	for fiscal_year, count in per_year:
		if skip >= count:
			skip -= count
			continue
		rows += (
			query.where(Plan.fiscal_year == fiscal_year)
			.select(Plan.name, Plan.title, Plan.agency, Plan.fiscal_year)
			.orderby(Plan.agency)
			.orderby(Plan.name)
			.limit(PAGE_SIZE - len(rows))
			.offset(skip)
			.run(as_dict=True)
		)
		skip = 0
		if len(rows) == PAGE_SIZE:
			break
	agencies = {
		agency.name: agency
		for agency in frappe.get_all(
			"ITA Agency",
			filters={"name": ("in", {row.agency for row in rows} or {""})},
			fields=["name", "agency_name", "province"],
		)
	}
	for row in rows:
		row.update(agency_name=agencies[row.agency].agency_name, province=agencies[row.agency].province)
	return rows, sum(count for _, count in per_year)


def listing_choices(province: str | None) -> frappe._dict:
	"""What the filters of /ita-plans offer: the fiscal years and provinces that have published plans
	(kept in the cache: published_years_and_provinces), and the agencies of the chosen province that have
	(8,300 agencies are too many for one list)."""
	choices = frappe._dict(published_years_and_provinces(), agencies=[])
	if province:
		choices.agencies = (
			published(frappe.qb.from_(Plan).join(Agency).on(Agency.name == Plan.agency))
			.where(Agency.province == province)
			.select(Agency.name, Agency.agency_name)
			.distinct()
			.orderby(Agency.agency_name)
			.run(as_dict=True)
		)
	return choices


# Until a plan is published or cancelled or an agency saved (clear_listing_choices), and for 10 minutes at
# most, for plans published by other means than the workflow (an import, a patch).
@redis_cache(ttl=600)
def published_years_and_provinces() -> dict:
	has_published_plan = published(
		frappe.qb.from_(Plan).select(Plan.name).where(Plan.agency == Agency.name)
	).limit(1)
	return {
		"fiscal_years": published(frappe.qb.from_(Plan))
		.select(Plan.fiscal_year)
		.distinct()
		.orderby(Plan.fiscal_year, order=Order.desc)
		.run(pluck=True),
		"provinces": frappe.qb.from_(Agency)
		.select(Agency.province)
		.distinct()
		.where(Agency.province.isnotnull() & (Agency.province != ""))
		.where(ExistsCriterion(has_published_plan))
		.orderby(Agency.province)
		.run(pluck=True),
	}


def clear_listing_choices(doc=None, method=None) -> None:
	"""doc_events of ITA Plan (published or cancelled) and ITA Agency (a province changed)."""
	published_years_and_provinces.clear_cache()


def agency_plans(agency: str | None) -> list[dict]:
	"""An agency's published plans by fiscal year, newest first, for its public index at
	/ita-plans/agency/<agency ID>: the ID is the name the agency was created with and never changes
	(ITA Agency cannot be renamed), so the address stays when its displayed name is edited. An agency
	without a published plan is not found, as a draft plan is not."""
	if not agency or len(agency) > MAX_VALUE_LENGTH:
		raise frappe.PageDoesNotExistError
	rows = (
		published(frappe.qb.from_(Plan).join(Agency).on(Agency.name == Plan.agency))
		.where(Plan.agency == agency)
		.select(Plan.name, Plan.title, Plan.fiscal_year, Agency.agency_name, Agency.province)
		.orderby(Plan.fiscal_year, order=Order.desc)
		.orderby(Plan.name)
		.run(as_dict=True)
	)
	if not rows:
		raise frappe.PageDoesNotExistError
	return rows


def render_plan(plan: str) -> str:
	return frappe.render_template(O25_TEMPLATE, {"doc": frappe.get_doc("ITA Plan", plan)})
