"""Cancel for Revision and amend: the revision works on copies, the cancelled plan keeps what was approved,
and owners go on with the steps the revision does not change."""

import json

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.www.printview import get_html_and_style

from ita_tracker.exceptions import PlanFrozenError, PlanNotApprovedError
from ita_tracker.ita_tracker.report.ita_implementation_status_by_division.ita_implementation_status_by_division import (
	execute as status_by_division,
)
from ita_tracker.ita_tracker.report.ita_overdue_action_steps.ita_overdue_action_steps import (
	execute as overdue_steps,
)
from ita_tracker.planning import carry_over, carry_over_candidates
from ita_tracker.printing import O25_FORMAT, O26_FORMAT
from ita_tracker.tests.factories import (
	ITATestCase,
	make_assessment,
	make_indicator_result,
	make_plan,
	make_step,
)


def as_printed_from_the_form(plan: str, print_format: str) -> str:
	"""The plan's document as the form's Documents menu prints it: Frappe's print view with the per-request
	setting that lets a cancelled plan print (ita_plan.js), Print Settings as Frappe's default."""
	settings = json.dumps({"allow_print_for_cancelled": 1})
	return get_html_and_style("ITA Plan", plan, print_format, settings=settings)["html"]


# What a copy carries from its original, besides its links to the revision.
CARRIED = (
	"description",
	"sequence",
	"status",
	"progress",
	"responsible_user",
	"division",
	"start_date",
	"due_date",
	"completion_date",
	"evidence_file",
	"evidence_url",
	"remarks",
	"carried_from",
)


class TestRevisions(ITATestCase):
	def start(self, step, remarks="เริ่มแล้ว"):
		self.w.act(step.responsible_user, step, "Start Work")
		self.save_as(step.responsible_user, step.doctype, step.name, progress=40, remarks=remarks)

	def finish(self, step):
		"""The owner reports a file and a link as evidence and marks the step done."""
		self.w.act(step.responsible_user, step, "Start Work")
		evidence = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "evidence.txt",
				"content": frappe.generate_hash(),
				"is_private": 1,
				"attached_to_doctype": step.doctype,
				"attached_to_name": step.name,
				"attached_to_field": "evidence_file",
			}
		).insert()
		self.save_as(
			step.responsible_user,
			step.doctype,
			step.name,
			evidence_file=evidence.file_url,
			evidence_url="https://example.org/report.pdf",
			completion_date="2025-12-15",
		)
		self.w.act(step.responsible_user, step, "Report Done")
		return evidence

	def copy_of(self, doc):
		return frappe.get_doc(doc.doctype, {"revised_from": doc.name})

	def test_the_revision_copies_every_measure_and_step_with_its_progress(self):
		w = self.w
		w.approve_plan()
		self.start(w.step_a)
		evidence = self.finish(w.step_b)
		revision = self.w.revise()

		self.assertEqual(frappe.db.count("ITA Measure", {"plan": revision.name}), 2)
		self.assertEqual(frappe.db.count("ITA Action Step", {"plan": revision.name}), 2)
		for original in (w.measure_a, w.measure_b):
			original.reload()
			copy = self.copy_of(original)
			self.assertEqual((copy.plan, copy.status), (revision.name, original.status))
			for fieldname in ("measure_title", "analysis", "period_start", "period_end", "responsible_user"):
				self.assertEqual(copy.get(fieldname), original.get(fieldname), fieldname)
			self.assertEqual(
				[row.indicator_result for row in copy.indicator_results],
				[row.indicator_result for row in original.indicator_results],
			)
			self.assertEqual(
				[row.division for row in copy.responsible_divisions],
				[row.division for row in original.responsible_divisions],
			)
		self.assertEqual(
			[self.copy_of(measure).status for measure in (w.measure_a, w.measure_b)], ["In Progress", "Done"]
		)
		for original in (w.step_a, w.step_b):
			original.reload()
			copy = self.copy_of(original)
			self.assertEqual(copy.plan, revision.name)
			self.assertEqual(copy.measure, self.copy_of(frappe.get_doc("ITA Measure", original.measure)).name)
			self.assertEqual({f: copy.get(f) for f in CARRIED}, {f: original.get(f) for f in CARRIED})
		done = self.copy_of(w.step_b)
		self.assertEqual((done.status, done.progress, done.evidence_file), ("Done", 100, evidence.file_url))
		self.assertTrue(
			frappe.db.exists(
				"File",
				{
					"file_url": evidence.file_url,
					"attached_to_doctype": "ITA Action Step",
					"attached_to_name": done.name,
				},
			)
		)

	def test_the_cancelled_plan_keeps_and_prints_what_was_approved(self):
		w = self.w
		w.approve_plan()
		self.start(w.step_a)
		before = {
			name: frappe.db.get_value("ITA Action Step", name, ["plan", "status", "modified"])
			for name in (w.step_a.name, w.step_b.name)
		}
		revision = self.w.revise()
		frappe.set_user(w.manager)
		copy = self.copy_of(w.measure_a)
		copy.measure_title = "มาตรการที่ปรับปรุงในฉบับใหม่"
		copy.save()
		frappe.set_user("Administrator")

		self.assertEqual(
			{
				name: frappe.db.get_value("ITA Action Step", name, ["plan", "status", "modified"])
				for name in before
			},
			before,
		)
		self.assertEqual(frappe.db.count("ITA Measure", {"plan": w.plan.name}), 2)
		o25 = as_printed_from_the_form(w.plan.name, O25_FORMAT)
		for measure in (w.measure_a, w.measure_b):
			self.assertIn(measure.measure_title, o25)
		for step in (w.step_a, w.step_b):
			self.assertIn(step.description, o25)
		self.assertNotIn("มาตรการที่ปรับปรุงในฉบับใหม่", o25)
		revised = as_printed_from_the_form(revision.name, O25_FORMAT)
		self.assertIn("มาตรการที่ปรับปรุงในฉบับใหม่", revised)
		self.assertIn(w.measure_b.measure_title, revised)
		self.assertIn(w.step_a.description, as_printed_from_the_form(w.plan.name, O26_FORMAT))

	def test_every_copy_starts_with_a_version_and_later_changes_leave_theirs(self):
		w = self.w
		w.approve_plan()
		self.start(w.step_a)
		revision = self.w.revise()
		for original in (w.measure_a, w.step_a):
			copy = self.copy_of(original)
			(created,) = frappe.get_all(
				"Version", filters={"ref_doctype": copy.doctype, "docname": copy.name}, pluck="data"
			)
			self.assertEqual(
				json.loads(created)["updater_reference"], {"doctype": "ITA Plan", "docname": revision.name}
			)

		frappe.set_user(w.owner_a)
		step = self.copy_of(w.step_a)
		step.progress = 70
		# Tests skip Versions unless asked, as Frappe's test mode does.
		step.save(ignore_version=False)
		frappe.set_user("Administrator")
		changed = [
			change[0]
			for data in frappe.get_all(
				"Version", filters={"ref_doctype": step.doctype, "docname": step.name}, pluck="data"
			)
			for change in json.loads(data).get("changed", [])
		]
		self.assertEqual(changed, ["progress"])
		for doctype in ("ITA Plan", "ITA Measure", "ITA Action Step"):
			self.assertTrue(frappe.get_meta(doctype).track_changes, doctype)

	def test_the_owner_goes_on_with_an_unchanged_step_while_the_revision_waits(self):
		w = self.w
		w.approve_plan()
		self.start(w.step_a)
		revision = self.w.revise()
		started, not_started = self.copy_of(w.step_a), self.copy_of(w.step_b)

		w.act(w.owner_b, not_started, "Start Work")
		self.assertEqual(frappe.db.get_value("ITA Action Step", not_started.name, "status"), "In Progress")
		w.act(w.manager, revision, "Submit for Approval")
		self.save_as(
			w.owner_a,
			started.doctype,
			started.name,
			evidence_url="https://example.org/minutes.pdf",
			completion_date="2025-12-20",
		)
		w.act(w.owner_a, started, "Report Done")
		self.assertEqual(frappe.db.get_value("ITA Action Step", started.name, "status"), "Done")
		self.assertEqual(frappe.db.get_value("ITA Measure", started.measure, "status"), "Done")

	def test_a_step_the_revision_changed_waits_for_its_approval(self):
		w = self.w
		w.approve_plan()
		revision = self.w.revise()
		step = self.copy_of(w.step_a)
		self.save_as(w.manager, step.doctype, step.name, due_date="2025-11-30")
		with self.assertRaises(PlanNotApprovedError):
			w.act(w.owner_a, step, "Start Work")

		w.act(w.manager, revision, "Submit for Approval")
		w.act(w.executive, revision, "Approve")
		w.act(w.owner_a, step, "Start Work")
		self.assertEqual(frappe.db.get_value("ITA Action Step", step.name, "status"), "In Progress")

	def test_a_step_moved_to_another_measure_waits_for_approval(self):
		w = self.w
		w.approve_plan()
		self.w.revise()
		step = self.copy_of(w.step_a)
		self.save_as(w.manager, step.doctype, step.name, measure=self.copy_of(w.measure_b).name)
		with self.assertRaises(PlanNotApprovedError):
			w.act(w.owner_a, step, "Start Work")

	def test_a_new_step_of_the_revision_waits_for_its_approval(self):
		w = self.w
		w.approve_plan()
		self.w.revise()
		frappe.set_user(w.manager)
		new = make_step(self.copy_of(w.measure_a), responsible_user=w.owner_a)
		frappe.set_user("Administrator")
		# Not offered by the workflow (its condition), and refused by the document layer.
		with self.assertRaises(WorkflowTransitionError):
			w.act(w.owner_a, new, "Start Work")
		new.status = "In Progress"
		with self.assertRaises(PlanNotApprovedError):
			new.validate_plan_approved_to_start()

	def test_the_steps_of_the_cancelled_plan_take_no_more_progress(self):
		w = self.w
		w.approve_plan()
		self.start(w.step_a)
		self.w.revise()
		with self.assertRaises(PlanFrozenError):
			self.save_as(w.owner_a, w.step_a.doctype, w.step_a.name, progress=90)

	def test_assignments_follow_the_copies(self):
		w = self.w
		w.approve_plan()
		self.finish(w.step_b)

		def todos(doc):
			return frappe.get_all(
				"ToDo",
				filters={"reference_type": doc.doctype, "reference_name": doc.name},
				fields=["allocated_to", "status"],
			)

		self.assertEqual(todos(w.step_a), [{"allocated_to": w.owner_a, "status": "Open"}])
		self.assertEqual(todos(w.measure_a), [{"allocated_to": w.head_a, "status": "Open"}])
		self.w.revise()
		self.assertEqual(todos(w.step_a), [{"allocated_to": w.owner_a, "status": "Closed"}])
		self.assertEqual(todos(w.measure_a), [{"allocated_to": w.head_a, "status": "Closed"}])
		self.assertEqual(todos(self.copy_of(w.step_a)), [{"allocated_to": w.owner_a, "status": "Open"}])
		self.assertEqual(todos(self.copy_of(w.measure_a)), [{"allocated_to": w.head_a, "status": "Open"}])
		self.assertNotIn("Open", {todo.status for todo in todos(self.copy_of(w.step_b))})

	def test_carry_over_offers_the_copies_and_remembers_what_was_carried(self):
		w = self.w
		frappe.set_user(w.manager)
		step_a2 = make_step(w.measure_a, responsible_user=w.owner_a)
		frappe.set_user("Administrator")
		w.approve_plan()
		next_assessment = make_assessment(w.agency, 2569)
		make_indicator_result(next_assessment, "2", 84)
		next_plan = make_plan(next_assessment)
		frappe.set_user(w.manager)
		(carried,) = carry_over(next_plan.name, [w.step_a.name])
		frappe.set_user("Administrator")

		self.w.revise()
		offered = {step.name for step in carry_over_candidates(next_plan.name)}
		self.assertEqual(offered, {self.copy_of(step_a2).name, self.copy_of(w.step_b).name})
		frappe.set_user(w.manager)
		(again,) = carry_over(next_plan.name, [self.copy_of(step_a2).name])
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("ITA Action Step", again, "measure"),
			frappe.db.get_value("ITA Action Step", carried, "measure"),
		)

	def test_the_reports_count_each_step_once(self):
		w = self.w
		w.approve_plan()
		self.start(w.step_a)
		self.w.revise()
		frappe.set_user(w.manager)
		try:
			rows = status_by_division({"agency": w.agency})[1]
			overdue = overdue_steps({"agency": w.agency})[1]
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(sum(row.total for row in rows), 2)
		self.assertEqual(sum(row.in_progress for row in rows), 1)
		self.assertEqual(
			{row.step for row in overdue}, {self.copy_of(w.step_a).name, self.copy_of(w.step_b).name}
		)
