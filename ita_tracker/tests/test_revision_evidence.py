"""A revision copies the evidence officers really upload (a phone's JPEG with EXIF, a PNG, a scanned PDF),
with Frappe's "strip EXIF metadata from uploaded images" on and off: each copy's evidence file is the File
attached to the copy, whatever Frappe stored for it; and carrying the steps' progress into the revision
tells nobody anything (no hand-off, no assignment made and removed)."""

import io
from pathlib import Path

import frappe
from PIL import Image

from ita_tracker.evidence import public_evidence_files
from ita_tracker.tests.factories import ITATestCase, make_step

DATA = Path(__file__).parent / "data"
STRIP_EXIF = "strip_exif_metadata_from_uploaded_images"


def set_strip_exif(value: int) -> None:
	"""System Settings' switch, as an administrator sets it (Frappe reads it per request, cached)."""
	frappe.db.set_single_value("System Settings", STRIP_EXIF, value)
	frappe.clear_document_cache("System Settings", "System Settings")
	if hasattr(frappe.local, "system_settings"):
		del frappe.local.system_settings


def stored_bytes(file_url: str) -> bytes:
	return frappe.get_doc("File", {"file_url": file_url}).get_content()


def evidence_upload(step, file_name: str, is_private: int = 0):
	"""The File of a test file uploaded to the step's evidence field, as the desk's attach dialog makes it."""
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"content": (DATA / file_name).read_bytes(),
			"attached_to_doctype": step.doctype,
			"attached_to_name": step.name,
			"attached_to_field": "evidence_file",
			"is_private": is_private,
		}
	)


class TestEvidenceCopiedIntoRevision(ITATestCase):
	def setUp(self):
		super().setUp()
		before = frappe.db.get_single_value("System Settings", STRIP_EXIF)
		self.addCleanup(set_strip_exif, before)

	def report_done_with(self, step, file_name: str, is_private: int = 0):
		"""The owner uploads the file to the step as the desk's attach dialog does, picks it as the
		evidence and reports the step done."""
		w = self.w
		w.act(step.responsible_user, step, "Start Work")
		frappe.set_user(step.responsible_user)
		try:
			file = evidence_upload(step, file_name, is_private).save()
		finally:
			frappe.set_user("Administrator")
		self.save_as(
			step.responsible_user,
			step.doctype,
			step.name,
			evidence_file=file.file_url,
			completion_date="2025-12-15",
		)
		w.act(step.responsible_user, step, "Report Done")
		return file

	def copy_of(self, doc):
		return frappe.get_doc(doc.doctype, {"revised_from": doc.name})

	def assert_evidence_attached_to_the_copy(self, copy):
		self.assertTrue(
			frappe.db.exists(
				"File",
				{
					"file_url": copy.evidence_file,
					"attached_to_doctype": copy.doctype,
					"attached_to_name": copy.name,
				},
			),
			copy.evidence_file,
		)

	def test_a_phone_photo_a_png_and_a_pdf_with_strip_exif_on(self):
		set_strip_exif(1)
		w = self.w
		frappe.set_user(w.manager)
		step_c = make_step(w.measure_a, responsible_user=w.owner_a)
		frappe.set_user("Administrator")
		w.approve_plan()
		photo = self.report_done_with(w.step_a, "phone-photo-exif.jpg")
		scan = self.report_done_with(w.step_b, "scan.png", is_private=1)
		pdf = self.report_done_with(step_c, "scan.pdf")
		# Frappe stripped the photo's EXIF on upload, by re-encoding it.
		self.assertFalse(Image.open(io.BytesIO(stored_bytes(photo.file_url))).getexif())

		revision = w.revise()

		photo_copy, scan_copy, pdf_copy = (self.copy_of(step) for step in (w.step_a, w.step_b, step_c))
		for copy in (photo_copy, scan_copy, pdf_copy):
			self.assertEqual((copy.plan, copy.status), (revision.name, "Done"))
			self.assert_evidence_attached_to_the_copy(copy)
		# Copying the photo re-encoded it again, under a new address: the copy points at it. It is the same
		# picture, still without EXIF.
		self.assertNotEqual(photo_copy.evidence_file, photo.file_url)
		copied = Image.open(io.BytesIO(stored_bytes(photo_copy.evidence_file)))
		self.assertEqual(
			(copied.format, copied.size), ("JPEG", Image.open(DATA / "phone-photo-exif.jpg").size)
		)
		self.assertFalse(copied.getexif())
		# The PNG and the PDF are not transformed: the copies share the stored files, private as they were.
		self.assertEqual((scan_copy.evidence_file, pdf_copy.evidence_file), (scan.file_url, pdf.file_url))
		self.assertEqual(stored_bytes(scan_copy.evidence_file), (DATA / "scan.png").read_bytes())
		self.assertEqual(stored_bytes(pdf_copy.evidence_file), (DATA / "scan.pdf").read_bytes())
		self.assertEqual(
			public_evidence_files([photo_copy.name, scan_copy.name, pdf_copy.name]),
			{
				(photo_copy.name, photo_copy.evidence_file): False,
				(scan_copy.name, scan.file_url): True,
				(pdf_copy.name, pdf.file_url): False,
			},
		)
		# The revision goes on: its steps save and it goes through approval again.
		self.save_as(w.owner_a, photo_copy.doctype, photo_copy.name, remarks="ภาพถ่ายการประชุม")
		w.act(w.manager, revision, "Submit for Approval")
		w.act(w.executive, revision, "Approve")
		self.assertEqual(frappe.db.get_value("ITA Plan", revision.name, "status"), "Approved")

	def test_a_scanned_pdf_and_a_phone_photo_with_strip_exif_off(self):
		set_strip_exif(0)
		w = self.w
		w.approve_plan()
		pdf = self.report_done_with(w.step_a, "scan.pdf")
		photo = self.report_done_with(w.step_b, "phone-photo-exif.jpg")
		w.revise()
		for original, file_name in ((w.step_a, "scan.pdf"), (w.step_b, "phone-photo-exif.jpg")):
			copy = self.copy_of(original)
			self.assert_evidence_attached_to_the_copy(copy)
			self.assertEqual(stored_bytes(copy.evidence_file), (DATA / file_name).read_bytes())
		self.assertEqual(self.copy_of(w.step_a).evidence_file, pdf.file_url)
		self.assertEqual(self.copy_of(w.step_b).evidence_file, photo.file_url)

	def test_carrying_the_steps_into_the_revision_tells_nobody(self):
		"""A copied Done step was reported once, in the original: nobody hears of it again (no "reported
		done" to the heads, no assignment made and taken back); the unfinished copies' owners are assigned
		them."""
		w = self.w
		w.approve_plan()
		w.act(w.owner_a, w.step_a, "Start Work")
		self.report_done_with(w.step_b, "scan.pdf")

		revision = w.revise()

		done, started = self.copy_of(w.step_b), self.copy_of(w.step_a)
		self.assertEqual((done.status, started.status), ("Done", "In Progress"))
		self.assertEqual(
			frappe.get_all(
				"Notification Log",
				filters={"document_type": "ITA Action Step", "document_name": done.name},
				fields=["for_user", "subject"],
			),
			[],
		)
		self.assertEqual(frappe.get_all("ToDo", filters={"reference_name": done.name}, pluck="name"), [])
		self.assertEqual(
			frappe.get_all(
				"ToDo", filters={"reference_name": started.name, "status": "Open"}, pluck="allocated_to"
			),
			[w.owner_a],
		)
		# What the copies sent: the assignments of the unfinished ones (step A and measure A), nothing else.
		copies = [
			name
			for doctype in ("ITA Measure", "ITA Action Step")
			for name in frappe.get_all(doctype, filters={"plan": revision.name}, pluck="name")
		]
		measure_a = self.copy_of(frappe.get_doc("ITA Measure", w.step_a.measure))
		self.assertEqual(
			sorted(
				(log.document_name, log.for_user, log.type)
				for log in frappe.get_all(
					"Notification Log",
					filters={"document_name": ("in", copies)},
					fields=["document_name", "for_user", "type"],
				)
			),
			sorted([(started.name, w.owner_a, "Assignment"), (measure_a.name, w.head_a, "Assignment")]),
		)
