"""Revisions of an approved plan keep its history.

An approved or published plan changes only through *Cancel for Revision* and amending it. Amending copies
every measure of the cancelled plan (with its child tables) and every step into the revision as new
documents, each linked to its original by `revised_from`, with the status, progress, completion date,
evidence (the evidence files attached to the copy too), remarks, owner, division, dates and sequence its
original had. The cancelled plan keeps its own measures and steps untouched, so its O25 and O26 still print
what was approved; each copy starts its history with a Version naming the revision.

Work goes on during a revision. A step copy whose planning content (`permissions.STEP_CONTENT_FIELDS`, its
measure counting as unchanged while it is the copy of the original's measure) is the same as its
original's was approved once, in the original: its owner may report progress on it while the revision
waits for approval (Draft, Pending Approval, or Rejected and being revised). A new step, or a copy whose
content the revision changed, waits for the revision's approval like any step of a draft plan.

Assignments follow the work: cancelling a plan closes the open ToDos of its measures and steps, and each
copy that is not finished is assigned to its owner as the revision is committed (`assign_copies`), so that
a revision that fails half-way is rolled back whole and tells nobody of copies that do not exist. Carrying
a copy's status is no hand-off either: it fires none of the step's Notifications of a status change.

A copy's evidence file is the File attached to the copy: Frappe's File may store the copy under another
address (with "strip EXIF metadata from uploaded images" on it re-encodes a JPEG; a storage app may move
it), so the copy points at what its own attachment holds (`attach_files_of`).
"""

from collections import defaultdict

import frappe
from frappe.desk.form import assign_to
from frappe.utils import cint, cstr, getdate

from ita_tracker.assignments import assignments_deferred, sync_assignment, when_committed
from ita_tracker.input_checks import set_by_the_app
from ita_tracker.ita_tracker.doctype.ita_measure.ita_measure import update_measure_status
from ita_tracker.permissions import STEP_CONTENT_FIELDS
from ita_tracker.rules.deadlines import FINISHED, NOT_STARTED


def copy_work_of_amended_plan(plan) -> None:
	"""A revision (amendment) starts with copies of the measures and steps of the plan it revises."""
	if not plan.amended_from:
		return
	with assignments_deferred():
		copy_measures_and_steps(plan)
	when_committed(lambda: assign_copies(plan.name))


def copy_measures_and_steps(plan) -> None:
	steps = defaultdict(list)
	for step in frappe.get_all(
		"ITA Action Step",
		filters={"plan": plan.amended_from},
		fields=["name", "measure"],
		order_by="sequence, creation",
	):
		steps[step.measure].append(step.name)
	for name in frappe.get_all(
		"ITA Measure", filters={"plan": plan.amended_from}, pluck="name", order_by="sequence, creation"
	):
		measure = copy_measure(frappe.get_doc("ITA Measure", name), plan)
		for step in steps[name]:
			copy_step(frappe.get_doc("ITA Action Step", step), measure, plan)
		update_measure_status(measure.name)


def copy_measure(original, plan):
	measure = frappe.copy_doc(original)
	measure.update({"plan": plan.name, "revised_from": original.name})
	measure.flags.updater_reference = {"doctype": plan.doctype, "docname": plan.name}
	return set_by_the_app(measure).insert()


def copy_step(original, measure, plan):
	step = frappe.copy_doc(original)
	# The workflow lets a new document start only in its first state; the state the original reached
	# through the workflow is carried once the copy exists.
	step.update(
		{"measure": measure.name, "plan": plan.name, "revised_from": original.name, "status": NOT_STARTED}
	)
	step.flags.updater_reference = {"doctype": plan.doctype, "docname": plan.name}
	# Named first, so that its evidence files are attached to it before it is validated.
	step.set_new_name()
	copied = attach_files_of(original, step.name)
	if original.evidence_file:
		step.evidence_file = copied[original.evidence_file]
	set_by_the_app(step).insert()
	if original.status != NOT_STARTED:
		# Carried from the original, not a hand-off: stored without the step's change events, so that no
		# Notification of a status change (reported done, verified, reopened) fires for the copy.
		frappe.db.set_value(step.doctype, step.name, "status", original.status, update_modified=False)
		step.status = original.status
	return step


def assign_copies(plan: str) -> None:
	"""The unfinished copies of a committed revision, each assigned to its owner."""
	for doctype in ("ITA Measure", "ITA Action Step"):
		for row in frappe.get_all(doctype, filters={"plan": plan}, fields=["name", "status"]):
			if row.status not in FINISHED:
				sync_assignment(frappe.get_doc(doctype, row.name))


def attach_files_of(original, name: str) -> dict[str, str]:
	"""The files attached to `original`, and its evidence file, attached to the document `name` as well:
	{the original's file_url: the copy's}. Frappe's File decides what it stores for the copy (the same
	file when its content is unchanged; a new one when it transforms it, as stripping EXIF does)."""
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": original.doctype, "attached_to_name": original.name},
		fields=["file_url", "file_name", "is_private", "attached_to_field"],
		order_by="creation",
	)
	if original.evidence_file and original.evidence_file not in {file.file_url for file in files}:
		files.append(frappe._dict(file_url=original.evidence_file, attached_to_field="evidence_file"))
	copied = {}
	for file in files:
		# Attached before the copy is inserted, which the app alone may do (files.validate_attaching).
		copy = set_by_the_app(
			frappe.get_doc(
				{
					"doctype": "File",
					**file,
					"attached_to_doctype": original.doctype,
					"attached_to_name": name,
				}
			)
		).insert()
		copied.setdefault(file.file_url, copy.file_url)
	return copied


def approved_in_an_earlier_revision(step) -> bool:
	"""Whether `step`, on a revision waiting for approval, is a copy of a step of the plan the revision
	amends with the same planning content: that content was approved in the original."""
	if not step.revised_from:
		return False
	plan = frappe.db.get_value("ITA Plan", step.plan, ["docstatus", "amended_from"], as_dict=True)
	original = frappe.db.get_value(
		"ITA Action Step", step.revised_from, ["plan", *STEP_CONTENT_FIELDS], as_dict=True
	)
	if not (plan and original) or plan.docstatus != 0 or original.plan != plan.amended_from:
		return False
	under_the_same_measure = (
		frappe.db.get_value("ITA Measure", step.measure, "revised_from") == original.measure
	)
	return under_the_same_measure and all(
		_planned(step, fieldname, step.get(fieldname)) == _planned(step, fieldname, original[fieldname])
		for fieldname in STEP_CONTENT_FIELDS
		if fieldname != "measure"
	)


def _planned(step, fieldname: str, value):
	"""A value as planned, whether it came from the database or from a request."""
	fieldtype = step.meta.get_field(fieldname).fieldtype
	if fieldtype == "Date":
		return getdate(value) if value else None
	return cint(value) if fieldtype == "Int" else cstr(value)


def close_assignments_of_cancelled_plan(plan, method=None) -> None:
	"""Hooked to the plan's cancel: its work goes on in the revision, whose copies are assigned anew."""
	for doctype in ("ITA Measure", "ITA Action Step"):
		names = frappe.get_all(doctype, filters={"plan": plan.name}, pluck="name")
		for name in frappe.get_all(
			"ToDo",
			filters={"reference_type": doctype, "reference_name": ("in", names or [""]), "status": "Open"},
			pluck="reference_name",
			distinct=True,
		):
			assign_to.close_all_assignments(doctype, name, ignore_permissions=True)


def same_work(doctype: str, names) -> set[str]:
	"""`names` (measures or steps) with every earlier and later revision of them."""
	found = set(names)
	frontier = set(found)
	while frontier:
		earlier = frappe.get_all(doctype, filters={"name": ("in", list(frontier))}, pluck="revised_from")
		later = frappe.get_all(doctype, filters={"revised_from": ("in", list(frontier))}, pluck="name")
		frontier = (set(filter(None, earlier)) | set(later)) - found
		found |= frontier
	return found
