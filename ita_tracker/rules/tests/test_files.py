from pathlib import Path

import pytest

from ita_tracker.rules.files import content_matches, is_allowed_extension

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "data"


@pytest.mark.parametrize("extension", [".html", ".htm", ".svg", ".xml", ".js", ".xhtml", ".shtml", ""])
def test_pages_and_scripts_are_never_attached(extension):
	assert not is_allowed_extension(extension)


@pytest.mark.parametrize("name", ["phone-photo-exif.jpg", "scan.png", "scan.pdf"])
def test_what_officers_upload_is_what_its_name_says(name):
	path = FIXTURES / name
	assert is_allowed_extension(path.suffix.upper())
	assert content_matches(path.suffix.upper(), path.read_bytes())


def test_a_page_named_as_a_picture_or_a_text_is_refused():
	page = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
	assert not content_matches(".jpg", page)
	assert not content_matches(".pdf", page)
	assert not content_matches(".txt", b"notes\n" + page)
	assert not content_matches(".csv", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')


def test_plain_text_and_csv_in_thai_are_kept():
	assert content_matches(".txt", "รายงานผลการดำเนินงาน < 100%".encode())
	assert content_matches(".csv", "indicator,score\n1,๘๑.๒๔\n".encode())


def test_formats_are_told_by_their_signature():
	assert content_matches(".docx", b"PK\x03\x04rest")
	assert not content_matches(".docx", b"%PDF-1.7")
	assert content_matches(".webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ")
	assert not content_matches(".webp", b"RIFF\x00\x00\x00\x00WAVEfmt ")
	assert content_matches(".heic", b"\x00\x00\x00\x18ftypheic\x00\x00")
	assert not content_matches(".heic", b"\x00\x00\x00\x18ftypisom\x00\x00")
