"""The README's permission table, walked cell by cell: in a plan world in each state of the plan, every
role tries every action on the plan, a measure and a step, as a real user against this site's database.
What the table allows must succeed; everything else must be refused (a PermissionError or one of the
app's validation errors). The README shows TABLE as `render_table()` writes it, so the table people read
is the table the test walks.

Roles are relative to the record: "head" heads the measure's division, "other head" heads another
division of the agency, "owner" owns the step, "other user" is an ITA User who owns another step."""

from pathlib import Path

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from ita_tracker.tests.factories import PlanWorld, Team, make_measure, make_step

MANAGER, EXECUTIVE, HEAD, OTHER_HEAD = "manager", "executive", "head", "other head"
OWNER, OTHER_USER, GUEST = "owner", "other user", "guest"
ROLES = (MANAGER, EXECUTIVE, HEAD, OTHER_HEAD, OWNER, OTHER_USER, GUEST)

DRAFT, PENDING, APPROVED, PUBLISHED, REJECTED, CANCELLED = (
	"Draft",
	"Pending Approval",
	"Approved",
	"Published",
	"Rejected",
	"Cancelled",
)
STATES = (DRAFT, PENDING, APPROVED, PUBLISHED, REJECTED, CANCELLED)
OPEN, WORKING = (DRAFT, REJECTED), (APPROVED, PUBLISHED)

PLAN, MEASURE, STEP = "ITA Plan", "ITA Measure", "ITA Action Step"
READERS = (MANAGER, EXECUTIVE, HEAD, OTHER_HEAD, OWNER, OTHER_USER)
# A division head reads the measures and steps of the divisions they head only.
WORK_READERS = (MANAGER, EXECUTIVE, HEAD, OWNER, OTHER_USER)
PLANNERS = (MANAGER, HEAD)
REPORTERS = (MANAGER, HEAD, OWNER)
REVIEWERS = (MANAGER, HEAD)


def allowed(roles, states):
	return {state: set(roles) for state in states}


# (DocType, action) -> {plan state: roles allowed}; a state not named allows nobody.
TABLE = {
	(PLAN, "read"): allowed(READERS, STATES),
	(PLAN, "change content"): allowed((MANAGER,), OPEN),
	(PLAN, "delete"): allowed((MANAGER,), OPEN),
	(PLAN, "Submit for Approval"): allowed((MANAGER,), (DRAFT,)),
	(PLAN, "Approve"): allowed((EXECUTIVE,), (PENDING,)),
	(PLAN, "Reject"): allowed((EXECUTIVE,), (PENDING,)),
	(PLAN, "Revise"): allowed((MANAGER,), (REJECTED,)),
	(PLAN, "Publish"): allowed((MANAGER,), (APPROVED,)),
	(PLAN, "Cancel for Revision"): allowed((MANAGER,), WORKING),
	(MEASURE, "read"): allowed(WORK_READERS, STATES),
	(MEASURE, "create"): allowed((MANAGER,), OPEN),
	(MEASURE, "change content"): allowed(PLANNERS, OPEN),
	(MEASURE, "delete"): allowed((MANAGER,), OPEN),
	(STEP, "read"): allowed(WORK_READERS, STATES),
	(STEP, "create"): allowed((MANAGER,), OPEN),
	(STEP, "change content"): allowed(PLANNERS, OPEN),
	(STEP, "report progress"): allowed(REPORTERS, OPEN + WORKING),
	(STEP, "Start Work"): allowed(REPORTERS, WORKING),
	(STEP, "Verify Work"): allowed(REVIEWERS, WORKING),
	(STEP, "Reopen"): allowed(REVIEWERS, WORKING),
	(STEP, "delete"): allowed((MANAGER,), OPEN),
}

EVIDENCE = {"completion_date": "2025-11-15", "evidence_url": "https://example.org/evidence"}
README = Path(__file__).resolve().parents[2] / "README.md"


def render_table() -> str:
	"""TABLE as the README shows it: one row per DocType and action, one column per plan state."""
	lines = [
		"| DocType | action | " + " | ".join(STATES) + " |",
		"| --- | --- |" + " --- |" * len(STATES),
	]
	for (doctype, action), states in TABLE.items():
		cells = [cell(states.get(state, set())) for state in STATES]
		lines.append(f"| {doctype} | {action} | " + " | ".join(cells) + " |")
	return "\n".join(lines)


def cell(roles: set[str]) -> str:
	if roles == set(READERS):
		return "every ITA role"
	return ", ".join(role for role in ROLES if role in roles) or "-"


class TestPermissionTable(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.team = Team()
		cls.worlds = {state: cls.world_in(state) for state in STATES}

	@classmethod
	def world_in(cls, state: str) -> PlanWorld:
		"""A plan world whose plan is in `state`; once the plan is approved, its step `done` (owner_a's,
		in division A) is reported done, so that there is work to verify or reopen."""
		w = PlanWorld(cls.team)
		frappe.set_user(w.manager)
		w.done = make_step(w.measure_a, responsible_user=w.owner_a)
		frappe.set_user("Administrator")
		if state == DRAFT:
			return w
		w.act(w.manager, w.plan, "Submit for Approval")
		if state == REJECTED:
			decide(w.executive, w.plan.name, "Reject", rejection_reason="ยังไม่ครบทุกตัวชี้วัด")
		elif state != PENDING:
			w.act(w.executive, w.plan, "Approve")
			decide(w.owner_a, w.done.name, "Start Work", doctype=STEP)
			save(w.owner_a, STEP, w.done.name, **EVIDENCE)
			decide(w.owner_a, w.done.name, "Report Done", doctype=STEP)
			if state == PUBLISHED:
				w.act(w.manager, w.plan, "Publish")
			elif state == CANCELLED:
				w.act(w.manager, w.plan, "Cancel for Revision")
		assert frappe.db.get_value(PLAN, w.plan.name, "status") == state
		return w

	def test_the_readme_shows_this_table(self):
		table = render_table()
		self.assertTrue(table in README.read_text(), f"README's permission table should read:\n{table}")

	def test_every_cell(self):
		wrong = []
		for state, w in self.worlds.items():
			users = {
				MANAGER: w.manager,
				EXECUTIVE: w.executive,
				HEAD: w.head_a,
				OTHER_HEAD: w.head_b,
				OWNER: w.owner_a,
				OTHER_USER: w.owner_b,
				GUEST: "Guest",
			}
			for (doctype, action), states in TABLE.items():
				for role, user in users.items():
					expected = role in states.get(state, ())
					outcome = self.attempt(w, doctype, action, user)
					if (outcome is None) != expected:
						wrong.append(
							f"{state} / {doctype} / {action} / {role}: expected "
							f"{'allowed' if expected else 'refused'}, got {outcome or 'allowed'}"
						)
		self.assertEqual(wrong, [], "\n".join(wrong))

	def attempt(self, w: PlanWorld, doctype: str, action: str, user: str) -> str | None:
		"""Tries one cell in a savepoint that is rolled back: None when it succeeded, else the refusal."""
		frappe.db.savepoint("cell")
		try:
			ACTIONS[doctype, action](w, user)
		except (frappe.PermissionError, frappe.ValidationError) as refusal:
			return type(refusal).__name__
		finally:
			frappe.set_user("Administrator")
			frappe.db.rollback(save_point="cell")
			frappe.local.message_log = []
		return None


def as_user(user: str):
	frappe.set_user(user)


def read(doctype: str, name: str, user: str) -> None:
	"""A read is the form (has_permission on the record) and the list (the permission query) alike."""
	as_user(user)
	if not frappe.has_permission(doctype, "read", doc=name, user=user):
		raise frappe.PermissionError(f"{doctype} {name} not readable")
	if name not in frappe.get_list(doctype, filters={"name": name}, pluck="name"):
		raise frappe.PermissionError(f"{doctype} {name} not listed")


def save(user: str, doctype: str, name: str, **changes) -> None:
	as_user(user)
	frappe.get_doc(doctype, name).update(changes).save()
	frappe.set_user("Administrator")


def change(user: str, doctype: str, name: str, **changes) -> None:
	"""A change of content is allowed when it lands: a field at a permission level the user may not write
	(the step's planning for its owner) is put back by Frappe, and the save changes nothing."""
	save(user, doctype, name, **changes)
	stored = frappe.db.get_value(doctype, name, list(changes), as_dict=True)
	kept = [field for field, value in changes.items() if str(stored[field]) != str(value)]
	if kept:
		raise frappe.PermissionError(f"{doctype} {name}: {', '.join(kept)} not written")


def decide(user: str, name: str, action: str, doctype: str = PLAN, **changes) -> None:
	"""A workflow action as the desk applies it: what the user typed (a reason) is saved first, since
	apply_workflow acts on the stored record."""
	if changes:
		save(user, doctype, name, **changes)
	as_user(user)
	apply_workflow(frappe.get_doc(doctype, name), action)
	frappe.set_user("Administrator")


def delete(user: str, doctype: str, name: str) -> None:
	"""Deletes a record with nothing linked to it, so that only permissions can refuse it: its steps and
	measures are deleted first, as Administrator, inside the cell's savepoint."""
	children = {PLAN: ((STEP, "plan"), (MEASURE, "plan")), MEASURE: ((STEP, "measure"),)}
	for child, field in children.get(doctype, ()):
		for child_name in frappe.get_all(child, {field: name}, pluck="name"):
			frappe.delete_doc(child, child_name, ignore_permissions=True)
	as_user(user)
	frappe.delete_doc(doctype, name)


def create_measure(w: PlanWorld, user: str) -> None:
	as_user(user)
	make_measure(w.plan, w.results[:1], responsible_divisions=[{"division": w.division_a}])


def create_step(w: PlanWorld, user: str) -> None:
	as_user(user)
	make_step(w.measure_a, responsible_user=w.owner_a)


ACTIONS = {
	(PLAN, "read"): lambda w, user: read(PLAN, w.plan.name, user),
	(PLAN, "change content"): lambda w, user: change(user, PLAN, w.plan.name, period_end="2026-08-31"),
	(PLAN, "delete"): lambda w, user: delete(user, PLAN, w.plan.name),
	(PLAN, "Submit for Approval"): lambda w, user: decide(user, w.plan.name, "Submit for Approval"),
	(PLAN, "Approve"): lambda w, user: decide(user, w.plan.name, "Approve"),
	(PLAN, "Reject"): lambda w, user: decide(user, w.plan.name, "Reject", rejection_reason="ยังไม่ครบ"),
	(PLAN, "Revise"): lambda w, user: decide(user, w.plan.name, "Revise"),
	(PLAN, "Publish"): lambda w, user: decide(user, w.plan.name, "Publish"),
	(PLAN, "Cancel for Revision"): lambda w, user: decide(user, w.plan.name, "Cancel for Revision"),
	(MEASURE, "read"): lambda w, user: read(MEASURE, w.measure_a.name, user),
	(MEASURE, "create"): create_measure,
	(MEASURE, "change content"): lambda w, user: change(
		user, MEASURE, w.measure_a.name, measure_title="มาตรการที่แก้ไข"
	),
	(MEASURE, "delete"): lambda w, user: delete(user, MEASURE, w.measure_a.name),
	(STEP, "read"): lambda w, user: read(STEP, w.step_a.name, user),
	(STEP, "create"): create_step,
	(STEP, "change content"): lambda w, user: change(user, STEP, w.step_a.name, description="ขั้นตอนที่แก้ไข"),
	(STEP, "report progress"): lambda w, user: save(user, STEP, w.step_a.name, remarks="ส่งหนังสือแล้ว"),
	(STEP, "Start Work"): lambda w, user: decide(user, w.step_a.name, "Start Work", doctype=STEP),
	(STEP, "Verify Work"): lambda w, user: decide(user, w.done.name, "Verify Work", doctype=STEP),
	(STEP, "Reopen"): lambda w, user: decide(user, w.done.name, "Reopen", doctype=STEP),
	(STEP, "delete"): lambda w, user: delete(user, STEP, w.step_a.name),
}
