"""A step's evidence is a web page or a file attached to that very step, checked on the server: through
the document API and through the REST API as the step's owner."""

import frappe

from ita_tracker.exceptions import EvidenceFileNotAttachedError, InvalidEvidenceURLError
from ita_tracker.tests.factories import CommittedWorldTestCase, ITATestCase
from ita_tracker.tests.http import session

# Frappe's own check of URL fields accepts the first: it has a scheme and a host part.
SCRIPT_URLS = (
	"javascript://example.org/%0Aalert(1)",
	"JaVaScRiPt://example.org/%0Aalert(1)",
	" javascript://example.org/%0Aalert(1)",
	"javascript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"vbscript:msgbox(1)",
	"/files/evidence.pdf",
	"evidence.pdf",
)


def attach_file(step_name: str | None, file_name: str = "evidence.txt"):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"content": f"minutes of the meeting {frappe.generate_hash(length=8)}".encode(),
			"attached_to_doctype": "ITA Action Step" if step_name else None,
			"attached_to_name": step_name,
		}
	).insert(ignore_permissions=True)


class TestStepEvidence(ITATestCase):
	def setUp(self):
		super().setUp()
		self.step = self.w.step_a

	def report(self, **fields):
		frappe.set_user(self.w.owner_a)
		try:
			step = frappe.get_doc("ITA Action Step", self.step.name)
			step.update(fields)
			return step.save()
		finally:
			frappe.set_user("Administrator")

	def stored(self, fieldname):
		return frappe.db.get_value("ITA Action Step", self.step.name, fieldname)

	def test_an_evidence_link_is_a_web_page(self):
		for url in SCRIPT_URLS:
			with self.subTest(url=url), self.assertRaises(InvalidEvidenceURLError):
				self.report(evidence_url=url)
		self.assertIsNone(self.stored("evidence_url"))
		self.report(evidence_url="https://www.example.go.th/minutes.pdf")
		self.assertEqual(self.stored("evidence_url"), "https://www.example.go.th/minutes.pdf")

	def test_the_refusal_shows_the_link_as_text(self):
		with self.assertRaises(InvalidEvidenceURLError):
			self.report(evidence_url='javascript://x.org/"><img src=x onerror=alert(1)>')
		message = frappe.get_message_log()[-1]["message"]
		self.assertNotIn("<img", message)
		self.assertIn("&lt;img src=x onerror=alert(1)&gt;", message)

	def test_an_evidence_file_is_attached_to_the_step(self):
		unattached = attach_file(None)
		of_another_step = attach_file(self.w.step_b.name)
		for file_url in (
			"/files/no-such-file.pdf",
			"javascript:alert(1)//",
			unattached.file_url,
			of_another_step.file_url,
		):
			with self.subTest(file_url=file_url), self.assertRaises(EvidenceFileNotAttachedError):
				self.report(evidence_file=file_url)
		self.assertIsNone(self.stored("evidence_file"))
		mine = attach_file(self.step.name)
		self.report(evidence_file=mine.file_url)
		self.assertEqual(self.stored("evidence_file"), mine.file_url)

	def test_evidence_stored_before_does_not_block_other_changes(self):
		frappe.db.set_value("ITA Action Step", self.step.name, "evidence_url", SCRIPT_URLS[0])
		self.report(remarks="ประชุมแล้ว")
		self.assertEqual(self.stored("remarks"), "ประชุมแล้ว")


class TestStepEvidenceOverREST(CommittedWorldTestCase):
	API_ROLES = ("owner_a",)

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.of_another_step = attach_file(cls.w.step_b.name).file_url
		cls.mine = attach_file(cls.w.step_a.name).file_url
		frappe.db.commit()

	def put(self, **fields):
		return session(self.w.owner_a).put(
			f"{self.url}/api/resource/ITA Action Step/{self.w.step_a.name}", json=fields, timeout=60
		)

	def stored(self):
		frappe.db.rollback()
		return frappe.db.get_value(
			"ITA Action Step", self.w.step_a.name, ["evidence_url", "evidence_file"], as_dict=True
		)

	def test_the_owner_cannot_store_a_script_link(self):
		for url in SCRIPT_URLS[:3]:
			with self.subTest(url=url):
				response = self.put(evidence_url=url)
				self.assertEqual(response.status_code, 417, response.text[:500])
				self.assertIn("InvalidEvidenceURLError", response.text)
				self.assertNotEqual(self.stored().evidence_url, url)

	def test_the_owner_cannot_point_to_a_file_of_another_step(self):
		response = self.put(evidence_file=self.of_another_step)
		self.assertEqual(response.status_code, 417, response.text[:500])
		self.assertIn("EvidenceFileNotAttachedError", response.text)
		self.assertNotEqual(self.stored().evidence_file, self.of_another_step)

	def test_the_owner_reports_real_evidence(self):
		response = self.put(evidence_url="https://example.org/minutes.pdf", evidence_file=self.mine)
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assertEqual(
			self.stored(), {"evidence_url": "https://example.org/minutes.pdf", "evidence_file": self.mine}
		)
