"""What a step's evidence may point to: a page on the web or a file of the site, never a script.

Browsers drop leading whitespace and control characters and ignore tabs and newlines inside a URL, so
" javascript:..." or "java\tscript:..." run as script; a URL as typed must therefore contain none of them.
"""

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")
SITE_FILE_PREFIXES = ("/files/", "/private/files/")
# Characters that no URL contains unencoded (RFC 3986) and that only serve to break out of markup.
_NEVER_IN_URL = frozenset('<>"`\\')


def is_web_url(text) -> bool:
	"""An absolute http or https URL with a host, such as "https://example.org/report.pdf"."""
	if not isinstance(text, str) or not _is_plain(text):
		return False
	try:
		parts = urlsplit(text)
	except ValueError:  # an unbalanced IPv6 bracket, for one
		return False
	return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def is_site_file_url(text) -> bool:
	"""A file stored by the site itself, as Frappe names it: /files/... or /private/files/...."""
	return isinstance(text, str) and text.startswith(SITE_FILE_PREFIXES) and _is_plain(text)


def _is_plain(text: str) -> bool:
	return all(
		not (char.isspace() or ord(char) < 32 or ord(char) == 127 or char in _NEVER_IN_URL) for char in text
	)
