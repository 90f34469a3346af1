"""A real browser for the journeys: Debian's Chromium driven by Playwright against the test web server
(tests/http.py), with a guard on every page that fails the test on any error a user would meet.

Use it from any journey file::

    from ita_tracker.tests.browser import PHONE, guarded_page, launch_browser, set_journey_password

    browser = launch_browser()  # raises SkipTest ("NOT RUN ...") without Playwright or Chromium
    set_journey_password([user], lang="th")  # then frappe.db.commit(): the server is another process
    page = guarded_page(browser, user, viewport=PHONE)  # logged in through /login, guard attached
    page.goto("/app/ita-action-step", wait_for=".list-row-container")  # then waits for the desk's requests
    page.tap(page.locator(".list-row").first, "my step")  # taps (clicks on a desktop viewport), counts
    page.settle()  # after an action: waits until the desk has no request in flight
    page.check()  # raises AssertionError listing every error seen since the last check
    page.taps.count  # the taps so far; page.taps.log names them
    page.close()  # checks once more, then closes the page's browser context
    stop_browser(browser)  # in tearDownClass

`wait_for_value(doctype, name, field, value)` waits until the server has committed a value (it rolls back
the test's transaction to see it). PHONE is 390x844 with touch; DESKTOP 1400x1000.

`guarded_page` returns a `GuardedPage`; its `page` attribute is the Playwright page for anything else
(`page.page.fill(...)`); everything done through it is watched just the same, because the guard listens on
the page, not on the wrapper. The guard records:

- an error dialog: a Frappe modal shown with a red indicator (frappe.throw, frappe.msgprint of an error,
  the server's messages of a failed request such as "Not allowed via controller permission check") and a
  red desk alert, with its title and text;
- any console message of type error (including "Failed to load resource" for a failed asset), and any
  uncaught exception in the page (`pageerror`);
- any HTTP response with status >= 400 to the page or its requests, with the method, URL, and the server's
  exception or messages when the body is Frappe's JSON;
- any native dialog (alert, confirm, "leave site?") the page opens; it is dismissed.

Nothing is let through unless it is in `ALLOWED` (today only the test server's missing socket.io; every
entry says why it is expected) or in the `allow` argument of `guarded_page` for one page, both as
(kind, regular expression on the text, reason) with kind as printed, e.g. "console error", "HTTP 404".
`check()` reports each distinct problem once, with how often it occurred and the page's URL at the time.
The journeys check at the end, so one run lists every error of the day; `close()` checks too.
"""

import json
import re
import shutil
import time
import unittest
from dataclasses import dataclass, field
from pathlib import Path

import frappe

from ita_tracker.tests.http import site_url

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "Ita-Journey-2569!"
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 30000

# (kind, regular expression searched in the problem's text, why it is expected). Keep it short: an entry
# here hides a problem from every journey.
ALLOWED: list[tuple[str, str, str]] = [
	# The test web server is Frappe's `serve` alone (tests/http.py); in production the socket.io server
	# answers /socket.io/ behind the same host. Without it the desk's realtime client polls that path and
	# gets 404 until it gives up; realtime only pushes updates, no journey depends on it.
	("HTTP 404", r"^GET \S+/socket\.io/\?EIO=", "no socket.io server behind the test web server"),
	("console error", r"status of 404 .*\(\S+/socket\.io/\?EIO=", "the same 404, as the console logs it"),
]

# Watches the DOM for error dialogs and red alerts and reports each appearance once to Python.
_GUARD_JS = """
(() => {
	if (window.__itaGuardInstalled) return;
	window.__itaGuardInstalled = true;
	const shown = new WeakMap();
	const text = (root, selector) => {
		const node = selector ? root.querySelector(selector) : root;
		return node ? (node.innerText || node.textContent || "").replace(/\\s+/g, " ").trim() : "";
	};
	const report = (kind, message) => {
		try {
			window.__itaGuardReport(kind, message, location.href);
		} catch (e) {}
	};
	const scan = () => {
		scheduled = false;
		document.querySelectorAll(".modal").forEach((modal) => {
			const indicator = modal.querySelector(".modal-header .indicator");
			const open = modal.classList.contains("show") && getComputedStyle(modal).display !== "none";
			if (!open || !indicator || !indicator.classList.contains("red")) {
				shown.delete(modal);
				return;
			}
			const message = `${text(modal, ".modal-title")}: ${text(modal, ".modal-body")}`;
			if (shown.get(modal) === message) return;
			shown.set(modal, message);
			report("error dialog", message);
		});
		document.querySelectorAll(".desk-alert.red, .alert.desk-alert.red").forEach((alert) => {
			const message = text(alert);
			if (shown.get(alert) === message) return;
			shown.set(alert, message);
			report("error alert", message);
		});
	};
	let scheduled = false;
	window.__itaGuardScan = scan;
	new MutationObserver(() => {
		if (!scheduled) {
			scheduled = true;
			setTimeout(scan, 30);
		}
	}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["class", "style"] });
})();
"""


@dataclass
class Problem:
	kind: str
	text: str
	url: str

	def __str__(self):
		return f"[{self.kind}] {self.text}\n    at {self.url}"


@dataclass
class TapCounter:
	"""Counts what a user taps (or clicks) during a journey; `log` names each tap in order."""

	count: int = 0
	log: list[str] = field(default_factory=list)

	def add(self, label: str) -> None:
		self.count += 1
		self.log.append(label)

	def reset(self) -> None:
		self.count = 0
		self.log.clear()


class Guard:
	"""Collects the problems of every page of one browser context."""

	def __init__(self, allow=()):
		self.allow = [*ALLOWED, *allow]
		self.problems: list[Problem] = []
		self._responses = []
		self.reported = 0

	def attach(self, context) -> None:
		context.expose_binding("__itaGuardReport", self._on_dom_report)
		context.add_init_script(_GUARD_JS)
		context.on("page", self.watch)

	def watch(self, page) -> None:
		page.on("console", lambda message: self._on_console(page, message))
		page.on(
			"pageerror",
			lambda error: self.add("page error", _first_lines(error.stack or str(error)), page.url),
		)
		page.on("response", lambda response: self._on_response(page, response))
		page.on("dialog", lambda dialog: self._on_dialog(page, dialog))

	def add(self, kind: str, text: str, url: str) -> None:
		for allowed_kind, pattern, _why in self.allow:
			if allowed_kind == kind and re.search(pattern, text):
				return
		self.problems.append(Problem(kind, text, url))

	def _on_dom_report(self, source, kind, text, url):
		self.add(kind, text, url)

	def _on_console(self, page, message):
		if message.type == "error":
			location = message.location or {}
			where = location.get("url") or page.url
			self.add("console error", f"{message.text} ({where}:{location.get('lineNumber', '?')})", page.url)

	def _on_response(self, page, response):
		if response.status >= 400:
			# The body is read in collect(): reading it here would block the event dispatch.
			self._responses.append((response, page.url))

	def _on_dialog(self, page, dialog):
		self.add(f"native {dialog.type}", dialog.message, page.url)
		dialog.dismiss()

	def collect(self) -> list[Problem]:
		while self._responses:
			response, url = self._responses.pop(0)
			self.add(
				f"HTTP {response.status}",
				f"{response.request.method} {response.url}{_server_error(response)}",
				url,
			)
		return self.problems

	def new_problems(self) -> list[Problem]:
		problems = self.collect()[self.reported :]
		self.reported = len(self.problems)
		return problems


def _first_lines(text: str, lines: int = 4) -> str:
	return "\n      ".join(text.splitlines()[:lines])


def _server_error(response) -> str:
	"""What Frappe said about a failed request: its exception type and messages, when the body says."""
	try:
		body = json.loads(response.text())
	except Exception:
		return ""
	said = []
	if body.get("exc_type"):
		said.append(body["exc_type"])
	try:
		for message in json.loads(body.get("_server_messages") or "[]"):
			message = json.loads(message)
			said.append(re.sub(r"<[^>]+>", "", str(message.get("message", message))))
	except (TypeError, ValueError):
		pass
	return f" -> {'; '.join(said)[:500]}" if said else ""


def report(problems: list[Problem]) -> str:
	"""The problems, each distinct one once, in order, with how often it occurred and where first."""
	counts: dict[tuple[str, str], list] = {}
	for problem in problems:
		counts.setdefault((problem.kind, problem.text), [problem, 0])[1] += 1
	return "\n".join(
		f"  {problem}" + (f"\n    ({times} times)" if times > 1 else "") for problem, times in counts.values()
	)


class GuardedPage:
	"""A logged-in page of its own browser context, watched by a Guard, counting taps."""

	def __init__(self, browser, user: str | None, viewport: dict, allow=(), locale: str | None = None):
		self.url = site_url()
		self.user = user
		self.guard = Guard(allow)
		self.taps = TapCounter()
		touch = viewport["width"] < 700
		self.context = browser.new_context(
			viewport=viewport,
			is_mobile=touch,
			has_touch=touch,
			device_scale_factor=2 if touch else 1,
			locale=locale,
		)
		self.context.set_default_timeout(TIMEOUT_MS)
		self.guard.attach(self.context)
		self.page = self.context.new_page()
		self.touch = touch
		self.closed = False
		if user:
			self.login(user)

	def login(self, user: str) -> None:
		self.page.goto(f"{self.url}/login")
		self.page.fill("#login_email", user)
		self.page.fill("#login_password", PASSWORD)
		self.page.click(".btn-login")
		self.page.wait_for_url("**/app**")
		self.settle()

	def locator(self, selector: str):
		return self.page.locator(selector)

	def goto(self, path: str, wait_for: str | None = None):
		"""Opens a path of the site, waits for `wait_for` (a selector) and for the desk's requests."""
		self.page.goto(path if path.startswith("http") else f"{self.url}{path}")
		if wait_for:
			self.page.wait_for_selector(wait_for)
		self.settle()

	def settle(self) -> None:
		"""Waits until the desk has no request in flight, then lets late dialogs appear and be seen."""
		self.page.wait_for_load_state("load")
		self.page.wait_for_function(
			"() => !window.frappe || !frappe.request || !frappe.request.ajax_count", polling=100
		)
		self.page.wait_for_timeout(300)
		self.page.wait_for_function(
			"() => !window.frappe || !frappe.request || !frappe.request.ajax_count", polling=100
		)
		self.page.evaluate("() => window.__itaGuardScan && window.__itaGuardScan()")

	def tap(self, target, label: str | None = None) -> None:
		"""Taps (on a touch viewport) or clicks a locator or selector, and counts it."""
		locator = self.page.locator(target) if isinstance(target, str) else target
		if self.touch:
			locator.tap()
		else:
			locator.click()
		self.taps.add(label or str(target))

	def check(self) -> None:
		"""Fails (AssertionError) with every problem seen on this context since the last check."""
		if self.closed:
			return
		try:
			self.page.evaluate("() => window.__itaGuardScan && window.__itaGuardScan()")
		except Exception:
			pass
		if problems := self.guard.new_problems():
			raise AssertionError(
				f"{len(problems)} error(s) in the browser as {self.user or 'Guest'}:\n{report(problems)}"
			)

	def screenshot(self, path: Path, full_page: bool = False) -> None:
		path.parent.mkdir(parents=True, exist_ok=True)
		self.page.screenshot(path=str(path), full_page=full_page)

	def close(self) -> None:
		if self.closed:
			return
		try:
			self.check()
		finally:
			self.closed = True
			self.context.close()


def guarded_page(browser, user: str | None = None, *, viewport: dict = DESKTOP, allow=(), locale=None):
	"""A new browser context logged in as `user` (None: a guest) with the guard attached; see above."""
	return GuardedPage(browser, user, viewport, allow=allow, locale=locale)


def launch_browser():
	"""Starts Playwright and Chromium, or skips with the reason ("NOT RUN ..."); returns the browser.
	Stop it with `stop_browser(browser)`."""
	try:
		from playwright.sync_api import sync_playwright
	except ImportError as error:
		raise unittest.SkipTest("NOT RUN: playwright is not installed in the bench's virtualenv") from error
	if not Path(CHROMIUM).exists():
		raise unittest.SkipTest(f"NOT RUN: no Chromium at {CHROMIUM} (Debian package chromium)")
	playwright = sync_playwright().start()
	browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
	browser._ita_playwright = playwright
	return browser


def stop_browser(browser) -> None:
	browser.close()
	browser._ita_playwright.stop()


def set_journey_password(users, lang: str) -> None:
	"""Gives each user the journeys' password and a desk language; commit before the browser logs in."""
	from frappe.utils.password import update_password

	for user in users:
		update_password(user, PASSWORD)
		frappe.db.set_value("User", user, "language", lang)
		frappe.clear_cache(user=user)


def wait_for_value(doctype: str, name: str, field: str, value, timeout: float = 30):
	"""Waits until the server process has committed `value`; returns False if it never did."""
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		frappe.db.rollback()
		if frappe.db.get_value(doctype, name, field) == value:
			return True
		time.sleep(0.3)
	return False
