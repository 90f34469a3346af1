import pytest
from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.evidence import is_site_file_url, is_web_url


@pytest.mark.parametrize(
	"url",
	[
		"https://example.org",
		"http://example.org/report.pdf",
		"HTTPS://Example.org/a?b=c#d",
		"https://www.example.go.th/รายงาน.pdf",
		"https://user@example.org:8443/path",
		"https://[::1]/evidence",
	],
)
def test_web_urls(url):
	assert is_web_url(url)


@pytest.mark.parametrize(
	"url",
	[
		"javascript:alert(1)",
		"javascript://example.org/%0Aalert(1)",
		"JaVaScRiPt://example.org/%0Aalert(1)",
		" javascript://example.org/%0Aalert(1)",
		"java\tscript://example.org/%0Aalert(1)",
		"\x01javascript:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)",
		"ftp://example.org/file",
		"//example.org/evidence",
		"/files/evidence.pdf",
		"evidence.pdf",
		"https://",
		"https:///path",
		"https://:443/path",
		" https://example.org",
		"https://example.org/\n",
		"https://example.org/a b",
		'https://example.org/"><img src=x onerror=alert(1)>',
		"https://[::1/evidence",
		"",
		None,
		["https://example.org"],
	],
)
def test_not_web_urls(url):
	assert not is_web_url(url)


@given(st.text())
def test_only_http_and_https_pass(text):
	if is_web_url(text):
		assert text.lower().startswith(("http://", "https://"))


@pytest.mark.parametrize("url", ["/files/minutes.pdf", "/private/files/รายงาน.pdf"])
def test_site_files(url):
	assert is_site_file_url(url)


@pytest.mark.parametrize(
	"url",
	["javascript:alert(1)//", "https://example.org/files/x", "files/x", "/files/a\nb", '/files/"><img', None],
)
def test_not_site_files(url):
	assert not is_site_file_url(url)
