"""A real web server for the site under test, for tests that go through HTTP as a browser or an API
client does. Started on first use (Frappe's own `serve`, the process `bench serve` runs) and stopped
when pytest ends (see conftest.py) or, under `bench run-tests`, when the process exits."""

import atexit
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import frappe
import requests

_server: subprocess.Popen | None = None
_url: str | None = None


def site_url() -> str:
	global _server, _url
	if _server is None:
		port = _free_port()
		sites = Path(frappe.get_site_path()).resolve().parent
		# Threaded (the default): a PDF the server renders fetches its styles from the same server.
		serve = ["serve", "--port", str(port), "--noreload"]
		_server = subprocess.Popen(
			[
				sys.executable,
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"--site",
				frappe.local.site,
				*serve,
			],
			cwd=sites,
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			env={**os.environ, "PYTHONUNBUFFERED": "1"},
		)
		atexit.register(stop)
		_url = f"http://127.0.0.1:{port}"
		_wait_until_up(_url)
	return _url


def bench_command(*args: str) -> list[str]:
	"""`bench --site SITE ARGS` as the bench CLI runs it: Frappe's command line, from the sites folder."""
	return [sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, *args]


def session(api_user: str | None = None) -> requests.Session:
	"""An HTTP session addressed to the test site; authenticated by API key unless it is a guest's."""
	client = requests.Session()
	# The site's name with the server's port: pages the server renders (PDFs) fetch their assets there.
	client.headers["Host"] = f"{frappe.local.site}:{site_url().rsplit(':', 1)[1]}"
	if api_user:
		client.headers["Authorization"] = f"token {api_keys(api_user)}"
	return client


def api_keys(user: str) -> str:
	doc = frappe.get_doc("User", user)
	if not doc.api_key:
		doc.api_key = frappe.generate_hash(length=15)
		doc.api_secret = frappe.generate_hash(length=15)
		doc.save(ignore_permissions=True)
	return f"{doc.api_key}:{doc.get_password('api_secret')}"


def stop() -> None:
	global _server
	if _server is not None:
		_server.terminate()
		_server.wait(timeout=30)
		_server = None


def _free_port() -> int:
	with socket.socket() as probe:
		probe.bind(("127.0.0.1", 0))
		return probe.getsockname()[1]


def _wait_until_up(url: str, timeout: float = 60) -> None:
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		if _server.poll() is not None:
			raise RuntimeError(f"the web server exited with {_server.returncode}")
		try:
			if requests.get(f"{url}/api/method/ping", headers={"Host": frappe.local.site}, timeout=5).ok:
				return
		except requests.ConnectionError:
			time.sleep(0.5)
	raise RuntimeError(f"the web server did not answer at {url} within {timeout} s")
