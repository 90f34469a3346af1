"""The framework-free suite (ita_tracker/rules/tests) under Frappe's test runner, `bench run-tests`.

Those tests are plain pytest functions (parametrized, some with hypothesis), which unittest, and so
Frappe's runner, does not collect. Under Frappe's runner this module runs that suite with pytest in a
subprocess, as `python -m pytest ita_tracker/rules` does, and reports each of its tests as a test of its
own, failing with pytest's report. pytest itself (scripts/run-tests) runs those tests directly and never
collects this module (`__test__ = False`; unittest's `load_tests` protocol is not pytest's)."""

import importlib.util
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULES = "ita_tracker/rules"
PYTEST = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", RULES]


def load_tests(loader, standard_tests, pattern):
	"""unittest's hook: one test per test pytest collects in the framework-free suite, grouped by file
	(Frappe's `--test` filter expects suites of tests)."""
	if importlib.util.find_spec("pytest") is None:
		return unittest.TestSuite(
			[NotRun(reason="NOT RUN: the framework-free suite needs pytest in this virtualenv")]
		)
	run = PytestRun()
	files: dict[str, unittest.TestSuite] = {}
	for nodeid in run.collect():
		files.setdefault(nodeid.split("::")[0], unittest.TestSuite()).addTest(
			RulesTest(nodeid=nodeid, run=run)
		)
	return unittest.TestSuite(files.values())


class PytestRun:
	"""One pytest run of the framework-free suite, made when its first test runs."""

	def __init__(self):
		self.outcomes: dict[tuple[str, str], tuple[str, str]] | None = None

	def pytest(self, *args: str) -> subprocess.CompletedProcess:
		# The framework-free suite needs no site: without ITA_TEST_SITE, conftest.py connects to none.
		env = {name: value for name, value in os.environ.items() if name != "ITA_TEST_SITE"}
		return subprocess.run(
			[*PYTEST, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800
		)

	def collect(self) -> list[str]:
		collected = self.pytest("--collect-only", "-q")
		nodeids = [line for line in collected.stdout.splitlines() if "::" in line]
		if collected.returncode or not nodeids:
			raise RuntimeError(f"pytest could not collect {RULES}:\n{collected.stdout}{collected.stderr}")
		return nodeids

	def outcome(self, nodeid: str) -> tuple[str, str]:
		"""("passed" | "failed" | "skipped", pytest's report) of one test."""
		if self.outcomes is None:
			with tempfile.TemporaryDirectory() as folder:
				report = Path(folder) / "rules.xml"
				ran = self.pytest("-q", f"--junitxml={report}")
				if not report.exists():
					raise RuntimeError(f"pytest did not run {RULES}:\n{ran.stdout}{ran.stderr}")
				self.outcomes = dict(read_junit(report))
		return self.outcomes.get(
			junit_key(nodeid), ("failed", f"pytest collected {nodeid} but did not report it")
		)


def read_junit(report: Path):
	for case in ElementTree.parse(report).iter("testcase"):
		outcome, text = "passed", ""
		for child in case:
			if child.tag in ("failure", "error"):
				outcome, text = "failed", f"{child.get('message') or ''}\n{child.text or ''}"
			elif child.tag == "skipped":
				outcome, text = "skipped", child.get("message") or ""
		yield (case.get("classname"), case.get("name")), (outcome, text)


def junit_key(nodeid: str) -> tuple[str, str]:
	"""How pytest's junit report names a test: "a/b/test_c.py::test_d[x]" is ("a.b.test_c", "test_d[x]")."""
	address, bracket, params = nodeid.partition("[")  # a parameter may hold "::" (an IPv6 URL)
	path, *names = address.split("::")
	return ".".join([path.removesuffix(".py").replace("/", "."), *names[:-1]]), names[-1] + bracket + params


class RulesTest(unittest.TestCase):
	"""One test of the framework-free suite. unittest's loader makes one without a test before calling
	load_tests, which drops it."""

	__test__ = False

	def __init__(self, methodName: str = "runTest", nodeid: str = "", run: PytestRun | None = None):
		super().__init__(methodName)
		self.nodeid, self.run_ = nodeid, run

	def id(self):
		return self.nodeid

	def __str__(self):
		return self.nodeid

	def runTest(self):
		outcome, text = self.run_.outcome(self.nodeid)
		if outcome == "skipped":
			self.skipTest(text)
		if outcome == "failed":
			self.fail(text)


class NotRun(unittest.TestCase):
	__test__ = False

	def __init__(self, methodName: str = "runTest", reason: str = ""):
		super().__init__(methodName)
		self.reason = reason

	def runTest(self):
		self.skipTest(self.reason)
