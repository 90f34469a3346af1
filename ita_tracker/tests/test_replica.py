"""Reads on a MariaDB replica, for real: with `read_from_replica` in the site config, the reports, number
cards, counts and lists that the desk loads read from the replica, and every write still goes to the
primary and reaches the replica only through MariaDB's replication.

Runs under `scripts/replica run`, which starts the replica (and a primary with a binary log where the
bench's MariaDB writes none; see README.md, "Run the tests") and sets ITA_REPLICA_PORT and
ITA_REPLICA_SOCKET; the test command does that. The records it needs are committed (replication carries only committed data) and removed by
its cleanups."""

import json
import os
import unittest
from pathlib import Path

import frappe
import pymysql
from frappe.desk import query_report, reportview
from frappe.tests.utils import FrappeTestCase
from pymysql.constants import ER

from ita_tracker import dashboards
from ita_tracker.permissions import get_count
from ita_tracker.tests.factories import make_agency, make_division
from ita_tracker.tests.http import api_keys, session, site_url

REPLICA_PORT = os.environ.get("ITA_REPLICA_PORT")
REPLICA_SOCKET = os.environ.get("ITA_REPLICA_SOCKET")
# A fiscal year after any real one, so that the replica's own assessment is the site's latest.
ONLY_ON_REPLICA_YEAR = "2999"


@unittest.skipUnless(
	REPLICA_PORT,
	"NOT RUN: needs a MariaDB replica; run it through `scripts/replica run` (the test command does)",
)
class TestReadsOnReplica(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.replica = pymysql.connect(
			unix_socket=REPLICA_SOCKET, user="root", database=frappe.conf.db_name, autocommit=True
		)
		cls.addClassCleanup(cls.replica.close)
		api_keys("Administrator")
		frappe.db.commit()
		use_replica_in_site_config(
			{"read_from_replica": 1, "replica_host": "127.0.0.1", "replica_db_port": int(REPLICA_PORT)}
		)

	def setUp(self):
		frappe.set_user("Administrator")
		self.agency = make_agency().name
		frappe.db.commit()
		self.addCleanup(self.delete_committed, "ITA Agency", self.agency)
		self.wait_for_replication()

	def test_reports_cards_counts_and_lists_read_from_the_replica(self):
		assessment = self.insert_on_replica_only()

		# The primary has no such assessment ...
		self.assertFalse(frappe.db.exists("ITA Assessment", assessment))
		# ... and every read-only path that the desk loads finds it.
		self.assertEqual(as_request(get_count, "ITA Assessment", filters={"agency": self.agency}), 1)
		# The card of the agency chosen in its filters (a site with many agencies has no single latest).
		card = as_request(dashboards.latest_overall_score, filters={"agency": self.agency})
		self.assertEqual((card["value"], card["route"]), (12.34, ["Form", "ITA Assessment", assessment]))
		report = as_request(query_report.run, "ITA Indicator Scores by Year", filters={"agency": self.agency})
		overall = next(row for row in report["result"] if row.get("is_overall"))
		self.assertEqual(overall[ONLY_ON_REPLICA_YEAR], 12.34)
		frappe.local.form_dict = frappe._dict(
			doctype="ITA Assessment",
			fields=json.dumps(["`tabITA Assessment`.`name`", "`tabITA Assessment`.`overall_score`"]),
			filters=json.dumps({"agency": self.agency}),
		)
		self.assertEqual(as_request(reportview.get)["values"], [[assessment, 12.34]])

	def test_the_web_server_reads_from_the_replica(self):
		"""The site config alone, as a deployment sets it, moves a web worker's reads to the replica."""
		assessment = self.insert_on_replica_only()
		client, url = session("Administrator"), site_url()

		def call(method: str, **params):
			response = client.get(f"{url}/api/method/{method}", params=params, timeout=60)
			self.assertEqual(response.status_code, 200, response.text)
			return response.json()["message"]

		in_agency = json.dumps({"agency": self.agency})
		card = call("ita_tracker.dashboards.latest_overall_score", filters=in_agency)
		self.assertEqual(card["route"], ["Form", "ITA Assessment", assessment])
		self.assertEqual(call("frappe.client.get_count", doctype="ITA Assessment", filters=in_agency), 1)
		report = call(
			"frappe.desk.query_report.run", report_name="ITA Indicator Scores by Year", filters=in_agency
		)
		overall = next(row for row in report["result"] if row.get("is_overall"))
		self.assertEqual(overall[ONLY_ON_REPLICA_YEAR], 12.34)

	def test_writes_go_to_the_primary_and_reach_the_replica_by_replication(self):
		division = make_division(self.agency).name
		frappe.db.commit()
		self.addCleanup(self.delete_committed, "ITA Division", division)

		self.assertEqual(frappe.db.get_value("ITA Division", division, "agency"), self.agency)
		self.wait_for_replication()
		self.assertEqual(
			self.on_replica("select agency from `tabITA Division` where name = %s", division), self.agency
		)

		@frappe.read_only()
		def write_on_the_replica():
			frappe.db.sql("update `tabITA Division` set head = 'Administrator' where name = %s", division)

		# A write that slips into a read-only path fails: the site's user may not write on the replica.
		with self.assertRaises(pymysql.err.OperationalError) as refused:
			as_request(write_on_the_replica)
		# "The MariaDB server is running with the --read-only option"
		self.assertEqual(refused.exception.args[0], ER.OPTION_PREVENTS_STATEMENT)
		self.assertIsNone(frappe.db.get_value("ITA Division", division, "head"))
		self.assertEqual(
			self.on_replica("select head from `tabITA Division` where name = %s", division), None
		)

	# Helpers ---------------------------------------------------------------------------------------

	def insert_on_replica_only(self) -> str:
		"""An assessment that only the replica holds, written there as root (read_only=1 spares SUPER)."""
		name = f"ITA-ASMT-{ONLY_ON_REPLICA_YEAR}-{frappe.generate_hash(length=6)}"
		now = frappe.utils.now()
		self.replica.cursor().execute(
			"""insert into `tabITA Assessment`
			(name, creation, modified, owner, modified_by, docstatus, idx, agency, fiscal_year, overall_score)
			values (%s, %s, %s, 'Administrator', 'Administrator', 0, 0, %s, %s, 12.34)""",
			(name, now, now, self.agency, ONLY_ON_REPLICA_YEAR),
		)
		self.addCleanup(
			self.replica.cursor().execute, "delete from `tabITA Assessment` where name = %s", name
		)
		return name

	def on_replica(self, query: str, *values):
		cursor = self.replica.cursor()
		cursor.execute(query, values)
		row = cursor.fetchone()
		return row[0] if row else None

	def replica_status(self, field: str):
		cursor = self.replica.cursor(pymysql.cursors.DictCursor)
		cursor.execute("show slave status")
		return cursor.fetchone()[field]

	def wait_for_replication(self) -> None:
		"""Until the replica has applied everything that the primary has committed so far."""
		applied = frappe.db.sql("select @@global.gtid_binlog_pos")[0][0]
		if self.on_replica("select master_gtid_wait(%s, 30)", applied) != 0:
			self.fail(
				f"the replica did not reach {applied}: {self.replica_status('Last_SQL_Error') or 'no error'}"
			)

	def delete_committed(self, doctype: str, name: str) -> None:
		frappe.db.delete(doctype, {"name": name})
		frappe.db.commit()
		self.wait_for_replication()
		self.assertIsNone(self.on_replica(f"select name from `tab{doctype}` where name = %s", name))


def as_request(method, *args, **kwargs):
	"""Calls `method` as a request of its own would: Frappe connects to the replica once per request
	(frappe.local is new for each) and keeps the connections on frappe.local afterwards."""
	forget_connections()
	try:
		return method(*args, **kwargs)
	finally:
		# Proves the call went through @frappe.read_only(): only it opens a replica connection.
		assert getattr(frappe.local, "replica_db", None) is not None, f"{method.__name__} read the primary"
		forget_connections()


def forget_connections() -> None:
	for connection in ("replica_db", "primary_db"):
		if hasattr(frappe.local, connection):
			delattr(frappe.local, connection)


def use_replica_in_site_config(keys: dict) -> None:
	"""Sets `keys` in the site's site_config.json, as a deployment does, and in this process's config, for
	the test class; both are restored after it."""
	path = Path(frappe.get_site_path("site_config.json"))
	before = path.read_text()
	config = json.loads(before)
	path.write_text(json.dumps({**config, **keys}, indent=1))
	conf_before = {key: frappe.local.conf.get(key) for key in keys}
	frappe.local.conf.update(keys)

	def restore():
		path.write_text(before)
		frappe.local.conf.update(conf_before)

	TestReadsOnReplica.addClassCleanup(restore)
