"""The test command's edit of the bench's sites/apps.txt (scripts/add-to-apps-txt), run on temporary
copies: the real bench's file is never touched."""

import subprocess
import tempfile
import unittest
from pathlib import Path

import frappe

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "add-to-apps-txt"


class TestAddToAppsTxt(unittest.TestCase):
	def setUp(self):
		folder = tempfile.TemporaryDirectory()
		self.addCleanup(folder.cleanup)
		self.apps_txt = Path(folder.name) / "apps.txt"

	def add(self, content: bytes | None) -> bytes:
		if content is not None:
			self.apps_txt.write_bytes(content)
		subprocess.run([SCRIPT, self.apps_txt, "ita_tracker"], check=True, capture_output=True)
		return self.apps_txt.read_bytes()

	def assertAdded(self, content: bytes | None, expected: bytes):
		self.assertEqual(self.add(content), expected)
		# As Frappe reads it, and a second run changes nothing.
		self.assertEqual(frappe.get_file_items(str(self.apps_txt)).count("ita_tracker"), 1)
		self.assertEqual(self.add(None), expected)

	def test_a_last_line_without_newline_is_ended_first(self):
		self.assertAdded(b"frappe", b"frappe\nita_tracker\n")
		self.assertAdded(b"frappe\nerpnext", b"frappe\nerpnext\nita_tracker\n")

	def test_a_file_ending_in_a_newline_gets_one_line(self):
		self.assertAdded(b"frappe\n", b"frappe\nita_tracker\n")

	def test_crlf_line_ends_are_kept(self):
		self.assertAdded(b"frappe\r\nerpnext\r\n", b"frappe\r\nerpnext\r\nita_tracker\r\n")
		self.assertAdded(b"frappe\r\nerpnext", b"frappe\r\nerpnext\r\nita_tracker\r\n")
		self.assertAdded(b"frappe\r", b"frappe\r\nita_tracker\r\n")

	def test_an_app_already_listed_changes_nothing(self):
		for content in (
			b"frappe\nita_tracker\n",
			b"frappe\nita_tracker",
			b"frappe\r\nita_tracker\r\n",
			b"ita_tracker\nfrappe",
			b"frappe\n  ita_tracker \n",
		):
			with self.subTest(content=content):
				self.assertAdded(content, content)

	def test_similar_names_and_comments_are_not_the_app(self):
		self.assertAdded(b"frappe\nita_tracker_extra\n", b"frappe\nita_tracker_extra\nita_tracker\n")
		self.assertAdded(b"frappe\n#ita_tracker\n", b"frappe\n#ita_tracker\nita_tracker\n")

	def test_an_empty_or_missing_file_lists_the_app_alone(self):
		self.assertAdded(b"", b"ita_tracker\n")
		self.apps_txt.unlink()
		self.assertAdded(None, b"ita_tracker\n")

	def test_the_test_command_edits_apps_txt_only_through_it(self):
		lines = (SCRIPT.parent / "run-tests").read_text(encoding="utf-8").splitlines()
		edits = [line.strip() for line in lines if "apps.txt" in line and not line.lstrip().startswith("#")]
		self.assertEqual(
			edits, ['"$repo/scripts/add-to-apps-txt" "$bench_dir/sites/apps.txt" ita_tracker || exit 1']
		)
