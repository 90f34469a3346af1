"""Reads and writes of each role through the document API, as real users (frappe.set_user)."""

import frappe

from ita_tracker.tests.factories import ITATestCase, make_step


class TestPermissions(ITATestCase):
	def visible(self, user, doctype):
		frappe.set_user(user)
		try:
			return set(frappe.get_list(doctype, filters={"plan": self.w.plan.name}, pluck="name"))
		finally:
			frappe.set_user("Administrator")

	def can(self, user, ptype, doc):
		return frappe.has_permission(doc.doctype, ptype, doc=doc.name, user=user)

	def assert_write_refused(self, user, doc, **changes):
		frappe.set_user(user)
		try:
			fresh = frappe.get_doc(doc.doctype, doc.name)
			before = {field: fresh.get(field) for field in changes}
			fresh.update(changes)
			with self.assertRaises(frappe.PermissionError):
				fresh.save()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, list(changes), as_dict=True), before)

	def test_division_head_sees_only_their_division(self):
		w = self.w
		self.assertEqual(self.visible(w.head_a, "ITA Measure"), {w.measure_a.name})
		self.assertEqual(self.visible(w.head_a, "ITA Action Step"), {w.step_a.name})
		self.assertEqual(self.visible(w.head_b, "ITA Action Step"), {w.step_b.name})
		self.assertFalse(self.can(w.head_a, "read", w.measure_b))
		self.assertFalse(self.can(w.head_a, "read", w.step_b))
		self.assertTrue(self.can(w.head_a, "read", w.plan))

	def test_a_step_without_division_belongs_to_its_measures_divisions(self):
		frappe.set_user(self.w.manager)
		loose = make_step(self.w.measure_a)
		frappe.set_user("Administrator")
		self.assertIn(loose.name, self.visible(self.w.head_a, "ITA Action Step"))
		self.assertNotIn(loose.name, self.visible(self.w.head_b, "ITA Action Step"))

	def test_division_head_updates_their_division_only(self):
		w = self.w
		frappe.set_user(w.head_a)
		measure = frappe.get_doc("ITA Measure", w.measure_a.name)
		measure.analysis = "วิเคราะห์ใหม่"
		measure.save()
		step = frappe.get_doc("ITA Action Step", w.step_a.name)
		step.due_date = "2025-11-30"
		step.save()
		frappe.set_user("Administrator")
		self.assert_write_refused(w.head_a, w.measure_b, analysis="x")
		self.assert_write_refused(w.head_a, w.step_b, progress=10)

	def test_user_reads_the_plan_and_updates_only_own_steps(self):
		w = self.w
		self.assertEqual(self.visible(w.owner_a, "ITA Measure"), {w.measure_a.name, w.measure_b.name})
		self.assertTrue(self.can(w.owner_a, "read", w.plan))
		self.assertTrue(self.can(w.owner_a, "write", w.step_a))
		self.assertFalse(self.can(w.owner_a, "write", w.step_b))
		self.assertFalse(self.can(w.owner_a, "write", w.measure_a))
		self.assertFalse(self.can(w.owner_a, "write", w.plan))
		self.assertFalse(frappe.has_permission("ITA Action Step", "create", user=w.owner_a))
		self.assert_write_refused(w.owner_a, w.step_b, progress=10)
		self.assert_write_refused(w.owner_a, w.measure_a, analysis="x")

	def test_executive_reads_everything_and_writes_nothing_but_decisions(self):
		w = self.w
		self.assertEqual(self.visible(w.executive, "ITA Action Step"), {w.step_a.name, w.step_b.name})
		self.assertFalse(self.can(w.executive, "write", w.measure_a))
		self.assertFalse(self.can(w.executive, "write", w.step_a))
		self.assertFalse(self.can(w.executive, "write", w.plan))
		self.assert_write_refused(w.executive, w.step_a, progress=10)

	def test_manager_does_everything(self):
		w = self.w
		for doc in (w.plan, w.measure_a, w.measure_b, w.step_a, w.step_b):
			self.assertTrue(self.can(w.manager, "write", doc))
			self.assertTrue(self.can(w.manager, "delete", doc))

	def test_guest_sees_nothing(self):
		for doc in (self.w.plan, self.w.measure_a, self.w.step_a):
			self.assertFalse(self.can("Guest", "read", doc))
		with self.assertRaises(frappe.PermissionError):
			self.visible("Guest", "ITA Measure")
