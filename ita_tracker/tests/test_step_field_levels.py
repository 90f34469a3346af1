"""Fields that look editable are editable (issue 17): a step's planning (its measure, sequence, text, owner,
division and dates) sits at permission level 1, which only the planners (ITA Manager, System Manager, ITA
Division Head) may write and every reader may read. The desk, list editing and the REST API then show
those fields read-only to a step owner, and a save of theirs keeps the progress they typed: Frappe puts
back whatever they sent for a field of a level they may not write, instead of refusing the whole save."""

import frappe

from ita_tracker.permissions import STEP_CONTENT_FIELDS
from ita_tracker.tests.factories import CommittedWorldTestCase, ITATestCase
from ita_tracker.tests.http import session

STEP = "ITA Action Step"


class TestStepFieldLevels(ITATestCase):
	def levels(self, user: str, ptype: str) -> set[int]:
		frappe.set_user(user)
		try:
			return set(frappe.get_doc(STEP, self.w.step_a.name).get_permlevel_access(ptype))
		finally:
			frappe.set_user("Administrator")

	def test_the_planning_fields_are_the_ones_at_level_1(self):
		meta = frappe.get_meta(STEP)
		at_level_1 = {df.fieldname for df in meta.fields if df.permlevel == 1}
		self.assertEqual(at_level_1, set(STEP_CONTENT_FIELDS))

	def test_only_planners_write_the_planning_and_every_reader_reads_it(self):
		w = self.w
		for planner in (w.manager, w.head_a):
			self.assertIn(1, self.levels(planner, "write"), planner)
		for reader in (w.executive, w.owner_a):
			self.assertNotIn(1, self.levels(reader, "write"), reader)
		for user in (w.manager, w.head_a, w.executive, w.owner_a):
			self.assertIn(1, self.levels(user, "read"), user)

	def test_owner_keeps_their_progress_when_the_planning_was_sent_too(self):
		"""What the owner's form sent before: description and due date changed along with the progress."""
		w = self.w
		w.approve_plan()
		stored = frappe.get_doc(STEP, w.step_a.name)
		self.save_as(
			w.owner_a,
			STEP,
			w.step_a.name,
			description="ข้อความที่เจ้าของขั้นตอนพิมพ์ทับ",
			due_date="2026-09-30",
			progress=40,
			remarks="ส่งหนังสือเวียนแล้ว",
		)
		step = frappe.get_doc(STEP, w.step_a.name)
		self.assertEqual((step.progress, step.remarks), (40, "ส่งหนังสือเวียนแล้ว"))
		self.assertEqual((step.description, step.due_date), (stored.description, stored.due_date))

	def test_head_still_plans_their_divisions_step(self):
		w = self.w
		self.save_as(w.head_a, STEP, w.step_a.name, description="ขั้นตอนที่หัวหน้ากองแก้", sequence=3)
		step = frappe.get_doc(STEP, w.step_a.name)
		self.assertEqual((step.description, step.sequence), ("ขั้นตอนที่หัวหน้ากองแก้", 3))

	def test_owner_reads_the_planning_in_lists(self):
		w = self.w
		frappe.set_user(w.owner_a)
		try:
			rows = frappe.get_list(
				STEP, filters={"name": w.step_a.name}, fields=["name", "description", "due_date"]
			)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(rows[0].description, w.step_a.description)
		self.assertEqual(str(rows[0].due_date), str(w.step_a.due_date))


class TestStepFieldLevelsOverREST(CommittedWorldTestCase):
	"""A REST client that sends the whole step back, planning changed, as the owner's form used to."""

	def test_owner_put_keeps_the_progress_and_the_planning(self):
		w = self.w
		w.approve_plan()
		frappe.db.commit()
		response = session(w.owner_a).put(
			f"{self.url}/api/resource/{STEP}/{w.step_a.name}",
			json={"description": "แก้ผ่าน API", "due_date": "2026-09-30", "progress": 30},
		)
		self.assertEqual(response.status_code, 200, response.text)
		data = response.json()["data"]
		self.assertEqual(
			(data["description"], data["due_date"], data["progress"]),
			(w.step_a.description, str(w.step_a.due_date), 30),
		)
