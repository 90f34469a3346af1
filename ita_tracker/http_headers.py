"""Security headers on the app's own responses, where nothing before the app set them (Frappe's
`after_request` hook, frappe/app.py run_after_request_hooks).

A production bench puts nginx in front of Frappe, and bench's nginx template adds these headers to every
response of the site. Frappe's own web server (`bench serve`, or gunicorn reached without that nginx) adds
none, so the app adds them to its pages, its API and its files:

- X-Content-Type-Options: nosniff: a browser takes an uploaded file for the type it is served as, never
  for a page or a script it guesses from the content;
- X-Frame-Options: SAMEORIGIN: another site cannot show the plan form (and its Approve button) in a frame;
  the desk frames its own pages (print preview), so the same origin still may;
- Referrer-Policy: same-origin: a link from a plan to an outside evidence address does not tell that site
  which plan, step or private file the officer was reading.

Only the app's responses: another app of the same site may be framed by design (an embedded web form or
dashboard), serve a script through a page, or count on the referrer, and the app changes nothing for other
apps. A header already present (set by nginx or by Frappe) is never replaced.

What the hook never sees: /files/... (public files) is served under `bench serve` by a middleware before
Frappe's application, and in production by nginx; errors Frappe answers with a bare HTTP exception (a
guest's /private/files request) have no response yet. docs/security.md says what nginx adds for those.
"""

from functools import cache

import frappe

from ita_tracker import definitions

HEADERS = {
	"X-Content-Type-Options": "nosniff",
	"X-Frame-Options": "SAMEORIGIN",
	"Referrer-Policy": "same-origin",
}
# The app's web pages: ita_tracker/www/ita-plans (the public listing, agency indexes and plans).
WEB_ROUTES = {"ita-plans"}
METHOD_PREFIX = "ita_tracker."
# Request values that name the record type, report or method a generic Frappe endpoint serves.
NAMING_KEYS = ("cmd", "doctype", "parenttype", "reference_doctype", "report_name")
PRIVATE_FILES = "/private/files/"


def add_security_headers(response=None, request=None) -> None:
	"""after_request hook: adds HEADERS the response lacks, if it is one of the app's."""
	if response is None or request is None or not is_the_apps(request):
		return
	for name, value in HEADERS.items():
		if name not in response.headers:
			response.headers[name] = value


def is_the_apps(request) -> bool:
	"""Whether the request reads or writes something of the app: its web pages, its desk pages (a DocType's
	list or form, a report, the workspace), its API methods, a generic Frappe endpoint asked about one of
	its DocTypes or reports, or a private file attached to one of its records."""
	path = request.path
	segments = [segment for segment in path.split("/") if segment]
	if not segments:
		return False
	if segments[0] in WEB_ROUTES:
		return True
	if segments[0] == "app":
		return _desk_route_is_the_apps(segments[1:])
	if path.startswith(PRIVATE_FILES):
		return _attached_to_the_apps(path)
	values = [*segments, *(frappe.local.form_dict.get(key) for key in NAMING_KEYS)]
	return any(_names_the_app(value) for value in values)


def _desk_route_is_the_apps(route: list[str]) -> bool:
	"""/app/ita-plan/..., /app/ita-tracker, /app/query-report/<report>, /app/print/<DocType>/<name>."""
	if not route:
		return False
	if route[0] in _desk_slugs():
		return True
	return route[0] in ("query-report", "print") and len(route) > 1 and _names_the_app(route[1])


def _names_the_app(value) -> bool:
	if not isinstance(value, str):
		return False
	return value.startswith(METHOD_PREFIX) or value in _names()


@cache
def _names() -> frozenset[str]:
	return frozenset((*definitions.doctypes(), *definitions.reports()))


@cache
def _desk_slugs() -> frozenset[str]:
	# The desk's route of a DocType or workspace: its name in lower case, words joined by "-".
	return frozenset(
		name.lower().replace(" ", "-") for name in (*definitions.doctypes(), *definitions.workspaces())
	)


def _attached_to_the_apps(file_url: str) -> bool:
	return bool(
		frappe.db.exists(
			"File", {"file_url": file_url, "attached_to_doctype": ("in", definitions.doctypes())}
		)
	)
