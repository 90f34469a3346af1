"""Order and numbers (issue 17): new steps and measures go last, the desk offers Start Work only where the
server allows it, each DocType numbers its records from its own counter, Create Plan says when the
assessment has its plan already, and each role's desk opens on its own workspace."""

from datetime import date

import frappe
from frappe.boot import get_bootinfo
from frappe.model.naming import NamingSeries
from frappe.model.workflow import get_transitions

from ita_tracker.home import MY_STEPS, home_workspace, my_steps
from ita_tracker.naming import start_counters_after_existing_names
from ita_tracker.planning import make_plan as create_plan
from ita_tracker.tests.factories import ITATestCase, make_assessment, make_measure, make_plan, make_step


def number(name: str) -> int:
	return int(name.rsplit("-", 1)[1])


class TestOrderAndNumbers(ITATestCase):
	"""One class, so that its team of users is made once (Frappe throttles user creation)."""

	# --- new steps and measures go last ----------------------------------------------------------------

	def ordered(self, doctype: str, **filters) -> list[str]:
		return frappe.get_all(doctype, filters=filters, pluck="name", order_by="sequence, creation")

	def test_a_step_added_without_a_sequence_goes_after_the_steps_of_its_measure(self):
		first = make_step(self.w.measure_a, sequence=4)
		added = make_step(self.w.measure_a)  # "Add Step": the form leaves the sequence at 0
		self.assertEqual(added.sequence, 5)
		self.assertEqual(self.ordered("ITA Action Step", measure=self.w.measure_a.name)[-1], added.name)
		self.assertEqual(frappe.db.get_value("ITA Action Step", first.name, "sequence"), 4)

	def test_a_step_of_another_measure_does_not_count(self):
		make_step(self.w.measure_b, sequence=9)
		self.assertEqual(make_step(self.w.measure_a).sequence, self.w.step_a.sequence + 1)

	def test_a_given_sequence_is_kept(self):
		self.assertEqual(make_step(self.w.measure_a, sequence=1).sequence, 1)

	def test_a_new_measure_goes_last_and_the_others_keep_their_numbers(self):
		before = {
			name: frappe.db.get_value("ITA Measure", name, "sequence")
			for name in (self.w.measure_a.name, self.w.measure_b.name)
		}
		self.assertTrue(all(before.values()), before)
		added = make_measure(self.w.plan, self.w.results[:1])
		self.assertEqual(added.sequence, max(before.values()) + 1)
		self.assertEqual(self.ordered("ITA Measure", plan=self.w.plan.name)[-1], added.name)
		for name, sequence in before.items():
			self.assertEqual(frappe.db.get_value("ITA Measure", name, "sequence"), sequence)

	# --- the workflow offers what the server allows -----------------------------------------------------

	def actions(self, user: str, doctype: str, name: str) -> set[str]:
		frappe.set_user(user)
		try:
			return {t["action"] for t in get_transitions(frappe.get_doc(doctype, name))}
		finally:
			frappe.set_user("Administrator")

	def test_start_work_is_not_offered_on_a_step_of_a_draft_plan(self):
		for user in (self.w.owner_a, self.w.head_a, self.w.manager):
			self.assertNotIn("Start Work", self.actions(user, "ITA Action Step", self.w.step_a.name), user)

	def test_start_work_is_not_offered_while_the_plan_waits_for_approval(self):
		self.w.act(self.w.manager, self.w.plan, "Submit for Approval")
		self.assertNotIn("Start Work", self.actions(self.w.owner_a, "ITA Action Step", self.w.step_a.name))

	def test_start_work_is_offered_once_the_plan_is_approved_and_the_server_accepts_it(self):
		self.w.approve_plan()
		self.assertIn("Start Work", self.actions(self.w.owner_a, "ITA Action Step", self.w.step_a.name))
		self.w.act(self.w.owner_a, self.w.step_a, "Start Work")
		self.assertEqual(frappe.db.get_value("ITA Action Step", self.w.step_a.name, "status"), "In Progress")

	# --- each DocType has its own counter ----------------------------------------------------------------

	def test_plans_are_numbered_one_after_the_other_whatever_is_named_in_between(self):
		first = make_plan(make_assessment(fiscal_year=2568))
		second = make_plan(make_assessment(fiscal_year=2568))  # an assessment is named in between
		self.assertEqual(second.name.rsplit("-", 1)[0], first.name.rsplit("-", 1)[0])
		self.assertEqual(number(second.name), number(first.name) + 1)

	def test_measures_and_steps_count_on_their_own(self):
		measure = make_measure(self.w.plan, self.w.results[:1])
		step = make_step(measure)
		next_measure = make_measure(self.w.plan, self.w.results[:1])
		next_step = make_step(measure)
		self.assertEqual(number(next_measure.name), number(measure.name) + 1)
		self.assertEqual(number(next_step.name), number(step.name) + 1)

	def test_counters_start_after_the_names_already_taken(self):
		"""What the patch does on a site whose records were numbered from the shared counter."""
		plan = self.w.plan.name
		prefix = plan.rsplit("-", 1)[0] + "-"
		series = NamingSeries(f"{prefix}.####")
		series.update_counter(0)
		NamingSeries("ITA-STEP-.#####").update_counter(0)
		start_counters_after_existing_names()
		self.assertEqual(series.get_current_value(), number(plan))
		self.assertGreaterEqual(
			NamingSeries("ITA-STEP-.#####").get_current_value(), number(self.w.step_b.name)
		)
		# Never moved back.
		series.update_counter(number(plan) + 10)
		start_counters_after_existing_names()
		self.assertEqual(series.get_current_value(), number(plan) + 10)

	# --- Create Plan says the plan exists ---------------------------------------------------------------

	def test_create_plan_on_an_assessment_with_a_plan_opens_it_and_says_so(self):
		frappe.set_user(self.w.manager)
		logged = len(frappe.local.message_log)
		self.assertEqual(create_plan(self.w.assessment.name), self.w.plan.name)
		messages = [frappe.parse_json(m) for m in frappe.local.message_log[logged:]]
		self.assertEqual(len(messages), 1, messages)
		self.assertIn(frappe.db.get_value("ITA Plan", self.w.plan.name, "title"), messages[0]["message"])
		self.assertEqual(messages[0].get("indicator"), "blue")

	# --- each role has a home --------------------------------------------------------------------------

	def boot_as(self, user: str):
		frappe.set_user(user)
		try:
			return get_bootinfo()
		finally:
			frappe.set_user("Administrator")

	def home_of(self, user: str) -> str | None:
		workspace = self.boot_as(user).user.get("default_workspace")
		return workspace and workspace["name"]

	def test_the_office_lands_on_ita_tracker_and_a_step_owner_on_my_steps(self):
		for user in (self.w.manager, self.w.executive, self.w.head_a, self.w.manager_executive):
			self.assertEqual(self.home_of(user), "ITA Tracker", user)
		self.assertEqual(self.home_of(self.w.owner_a), MY_STEPS)

	def test_a_default_workspace_the_user_chose_is_kept(self):
		frappe.db.set_value("User", self.w.manager, "default_workspace", MY_STEPS)
		frappe.clear_cache(user=self.w.manager)
		self.addCleanup(frappe.clear_cache, user=self.w.manager)
		self.assertEqual(self.home_of(self.w.manager), MY_STEPS)

	def test_no_ita_role_no_home_of_ours(self):
		self.assertIsNone(home_workspace(["System Manager"]))

	def test_ita_tracker_is_first_in_the_sidebar(self):
		pages = self.boot_as(self.w.manager).allowed_workspaces
		self.assertEqual(pages[0]["name"], "ITA Tracker", [page["name"] for page in pages])

	def test_my_steps_lists_the_owners_unfinished_steps_earliest_due_first(self):
		later = self.w.step_a
		sooner = make_step(
			self.w.measure_a,
			responsible_user=self.w.owner_a,
			start_date=date(2025, 10, 1),
			due_date=date(2025, 11, 15),
		)
		make_step(self.w.measure_b, responsible_user=self.w.owner_b)  # someone else's
		frappe.set_user(self.w.owner_a)
		self.assertEqual([step.name for step in my_steps()], [sooner.name, later.name])
