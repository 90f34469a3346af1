"""Evidence is meant for the public O26 (issue 17): the upload dialog of a step offers a file as public
unless the owner chooses private, and the step's form tells the owner when their evidence file is private,
since the O26 then prints it as kept by the agency, without a link."""

import frappe

from ita_tracker.evidence import evidence_links, public_evidence_files
from ita_tracker.tests.factories import ITATestCase

STEP = "ITA Action Step"


class TestEvidencePrivacy(ITATestCase):
	def test_uploads_to_a_step_are_offered_public(self):
		# What Frappe's upload dialog reads for the Attach field and the sidebar (make_attachments_public).
		self.assertTrue(frappe.get_meta(STEP).make_attachments_public)

	def attach(self, private: bool) -> frappe._dict:
		w = self.w
		w.approve_plan()
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"minutes-{frappe.generate_hash(length=6)}.txt",
				"content": b"minutes of the meeting",
				"attached_to_doctype": STEP,
				"attached_to_name": w.step_a.name,
				"is_private": int(private),
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(STEP, w.step_a.name, "evidence_file", file.file_url)
		step = frappe.get_doc(STEP, w.step_a.name)
		step.run_method("onload")
		return frappe._dict(file=file, step=step)

	def test_the_form_knows_when_the_evidence_is_private(self):
		got = self.attach(private=True)
		self.assertEqual(got.step.get_onload().get("private_evidence"), got.file.name)
		# ... which is what the O26 prints without a link.
		links = evidence_links(got.step, public_evidence_files([got.step.name]))
		self.assertEqual([address for address, _label in links], [None])

	def test_nothing_to_say_for_public_evidence(self):
		got = self.attach(private=False)
		self.assertIsNone(got.step.get_onload().get("private_evidence"))

	def test_the_owner_makes_their_evidence_public_and_the_step_follows(self):
		"""The form's Make Evidence Public: Frappe moves the file and updates the step's Attach field."""
		got = self.attach(private=True)
		frappe.set_user(self.w.owner_a)
		try:
			frappe.client.set_value("File", got.file.name, "is_private", 0)
		finally:
			frappe.set_user("Administrator")
		url = frappe.db.get_value("File", got.file.name, "file_url")
		self.assertTrue(url.startswith("/files/"), url)
		self.assertEqual(frappe.db.get_value(STEP, got.step.name, "evidence_file"), url)
		step = frappe.get_doc(STEP, got.step.name)
		links = evidence_links(step, public_evidence_files([step.name]))
		self.assertIsNotNone(links[0][0])
