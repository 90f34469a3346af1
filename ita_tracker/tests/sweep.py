"""The cross-agency sweep (issue 16): every door of Frappe and of the app, tried by each role of agency A
against agency B's records. test_cross_agency_sweep.py runs it; this module builds the two agencies, finds
the doors at run time, builds the arguments, makes the calls and judges them.

- The agencies (AgencyWorld): a team and a plan world each, every user restricted to its agency, and a
  record of every DocType that can hold an agency's data. B's non-public texts carry tokens (`secb` and
  ten hex digits, inside Thai text: "ลับ-B-secb0123456789"), and so do its users' addresses. A token
  survives JSON, HTML, URL escaping and PDF text, so one found in a response is a leak whatever the
  encoding; B's record names count too (kind "name": existence, who links to what), unless the request
  named them itself.
- The doors (doors): every function in frappe.whitelisted once every module of Frappe and of the app is
  imported, resolved through override_whitelisted_methods as frappe.handler does, whose parameters (or
  form_dict reads, FORM_DICT_READERS) take a doctype, a name, a document, filters or a user; plus
  run_doc_method with each whitelisted controller method. SKIPPED says what is not called, and why.
- The arguments (Arguments): B's names (one record of each DocType B holds, child rows and Frappe's
  records about B's included), filters that select B's rows, B's documents as stored (secret texts
  replaced: an adversary does not know them), with the agency emptied or set to A, A's documents pointed
  at B, new documents under B's; the other parameters as a desk client fills them.
- The calls (call_in_process): as frappe.handler runs a POST, in this process (the bulk of the sweep),
  each rolled back after. Some doors commit: the agencies are committed, B's rows are read again after
  every call that wrote (one digest query), and whatever a call committed is put back (Ledger.restore).
  Over HTTP (Sweep.request, http_requests): /api/resource's verbs and the methods issue 16 names.
- The judgement (Sweep.judge): a violation is B's secret or name in what the client receives (return
  value, frappe.response, messages, the error and its traceback), a change of B's rows or files ("write",
  the `modified` column included), or B's secret written into another row ("copy")."""

import hashlib
import importlib
import inspect
import json
import os
import pkgutil
import re
import time
import typing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import frappe
from frappe.utils import get_files_path, now_datetime, today

from ita_tracker.tests.factories import PlanWorld, make_division, make_question

FIXTURES = Path("/work/shared/fixtures")
MODULE = "ITA Tracker"
TOKEN = re.compile(r"sec[ab][0-9a-f]{10}")

# ITA DocTypes shared by every agency (master data, settings): no agency's data, not swept as B's.
SHARED_DOCTYPES = {
	"ITA Fiscal Year",
	"ITA Indicator",
	"ITA Question",
	"ITA Question Year",
	"ITA Measure Template",
	"ITA Measure Template Step",
	"ITA Settings",
}
# Tenant DocTypes without an `agency` field: whose rows are an agency's is decided by these columns.
TENANT_BY_COLUMN = {"ITA Reminder Log": "recipient"}

# Frappe's DocTypes that hold rows about a document, by (reference column, or user column).
REFERENCING = {
	"Comment": ("reference_name", None),
	"File": ("attached_to_name", None),
	"ToDo": ("reference_name", "allocated_to"),
	"Version": ("docname", None),
	"DocShare": ("share_name", "user"),
	"Document Follow": ("ref_docname", "user"),
	"Tag Link": ("document_name", None),
	"Workflow Action": ("reference_name", None),
	"Communication": ("reference_name", None),
	"Notification Log": ("document_name", "for_user"),
	"View Log": ("reference_name", None),
}
# A user's own bookkeeping that Frappe updates for anyone's password-reset request or login: not the
# agency's data.
USER_BOOKKEEPING = {
	"last_active",
	"last_login",
	"last_ip",
	"last_known_versions",
	"reset_password_key",
	"last_reset_password_key_generated_on",
	"last_password_reset_date",
}
ROLES = {
	"manager": "ITA Manager",
	"executive": "ITA Executive",
	"head_a": "ITA Division Head",
	"head_b": "ITA Division Head",
	"owner_a": "ITA User",
	"owner_b": "ITA User",
}
# The roles of A the sweep calls as (PlanWorld's attribute names).
CALLERS = ("manager", "executive", "head_a", "owner_a")


# The two agencies ---------------------------------------------------------------------------------------


class Secrets:
	"""The marked texts of one agency: token -> what it marks."""

	def __init__(self, side: str):
		self.side = side
		self.labels: dict[str, str] = {}

	def token(self, label: str) -> str:
		token = f"sec{self.side.lower()}{frappe.generate_hash(length=10)}"
		self.labels[token] = label
		return token

	def text(self, label: str) -> str:
		return f"ลับ-{self.side}-{self.token(label)}"


class SecretTeam:
	"""factories.Team's people, with marked first names and e-mail addresses."""

	def __init__(self, secrets: Secrets):
		for attribute, role in ROLES.items():
			email = f"{secrets.token(f'e-mail of {attribute}')}@ita-test.example"
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": secrets.text(f"first name of {attribute}"),
					"send_welcome_email": 0,
					"roles": [{"role": role}],
				}
			).insert(ignore_permissions=True)
			setattr(self, attribute, email)


class AgencyWorld:
	"""PlanWorld of one agency, its users restricted to it, and a record of every DocType that can hold
	an agency's data, each non-public text marked: results with analyses and weak questions, a draft plan
	once rejected (its reason), measures with questions and divisions, steps with remarks, evidence link
	and a private evidence file, a division named by a secret, a comment, an assignment, versions, a
	reminder log, step summaries and a result import."""

	def __init__(self, side: str):
		frappe.set_user("Administrator")
		self.side = side
		self.secrets = secret = Secrets(side)
		self.team = SecretTeam(secret)
		self.w = w = PlanWorld(self.team)
		self.agency = w.agency
		self.users = list(vars(self.team).values())
		self.user_permissions = [
			frappe.get_doc(
				{
					"doctype": "User Permission",
					"user": user,
					"allow": "ITA Agency",
					"for_value": self.agency,
					"apply_to_all_doctypes": 1,
				}
			)
			.insert(ignore_permissions=True)
			.name
			for user in self.users
		]
		self.division = make_division(
			self.agency,
			division_name=secret.text("name of the marked division"),
			head=w.head_b,
			members=[{"user": w.owner_b}],
		).name
		self.save(frappe.get_doc("ITA Division", w.division_a), members=[{"user": w.owner_a}])
		question = make_question("i91", "2", 2568)
		for result in w.results:
			self.save(result, analysis=secret.text(f"analysis of the result of indicator {result.indicator}"))
		self.save(w.results[0], weak_questions=[{"question": question.name, "score": 41.5}])
		self.save(
			w.plan,
			proposals=[{"indicator_result": result.name, "measures_proposed": 1} for result in w.results],
		)
		self.save(
			w.measure_a,
			measure_title=secret.text("title of measure_a"),
			analysis=secret.text("analysis of measure_a"),
			questions=[{"question": question.name}],
		)
		self.save(
			w.measure_b,
			responsible_divisions=[{"division": w.division_b}, {"division": self.division}],
			measure_title=secret.text("title of measure_b"),
			analysis=secret.text("analysis of measure_b"),
		)
		for label, step, division in (("step_a", w.step_a, None), ("step_b", w.step_b, self.division)):
			self.save(
				step,
				description=secret.text(f"description of {label}"),
				remarks=secret.text(f"remarks of {label}"),
				evidence_url=f"https://evidence.example.org/{secret.token(f'evidence link of {label}')}",
				**({"division": division} if division else {}),
			)
		self.file = self.attach_evidence(w.step_b)
		frappe.set_user(w.head_b)
		w.step_b.add_comment("Comment", secret.text("comment on step_b"))
		frappe.set_user(w.manager)
		from frappe.desk.form import assign_to

		assign_to.add(
			{
				"assign_to": [w.head_b],
				"doctype": "ITA Action Step",
				"name": w.step_b.name,
				"description": secret.text("assignment of step_b"),
			}
		)
		frappe.set_user("Administrator")
		self.reject_plan(secret.text("rejection reason of the plan"))
		self.reminder = frappe.get_doc(
			{
				"doctype": "ITA Reminder Log",
				"recipient": w.head_b,
				"kind": "Overdue",
				"sent_on": today(),
				"steps": f"{w.step_a.name}\n{w.step_b.name}",
			}
		).insert(ignore_permissions=True)
		self.result_import = self.make_result_import()
		frappe.set_user("Administrator")

	def save(self, doc, **changes):
		"""Saves as an officer would, with a Version (tests skip them unless asked)."""
		doc.reload()
		doc.update(changes)
		doc.save(ignore_version=False)
		return doc

	def attach_evidence(self, step):
		"""A private scan, named and ending with a secret, attached by the step's owner and named as the
		step's evidence."""
		content = (FIXTURES / "scan.pdf").read_bytes()
		token = self.secrets.token("content of the evidence file of step_b")
		frappe.set_user(step.responsible_user)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.secrets.text('name of the evidence file of step_b')}.pdf",
				"attached_to_doctype": "ITA Action Step",
				"attached_to_name": step.name,
				"is_private": 1,
				"content": content + f"\n%{token}\n".encode(),
			}
		).insert()
		frappe.set_user("Administrator")
		self.save(step, evidence_file=file.file_url)
		return file

	def reject_plan(self, reason: str):
		"""Submitted, rejected with a reason (kept in the plan, a comment and notifications), revised: a
		draft again, which no page of the site publishes."""
		w = self.w
		w.act(w.manager, w.plan, "Submit for Approval")
		frappe.set_user(w.executive)
		self.save(frappe.get_doc("ITA Plan", w.plan.name), rejection_reason=reason)
		frappe.set_user("Administrator")
		w.act(w.executive, w.plan, "Reject")
		w.act(w.manager, w.plan, "Revise")
		w.plan.reload()
		assert w.plan.status == "Draft", w.plan.status

	def make_result_import(self):
		"""A failed import of the agency's results: its file (private, with a secret) and errors."""
		frappe.set_user(self.w.manager)
		upload = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"ita-results-{self.secrets.token('name of the import file')}.csv",
				"is_private": 1,
				"content": f"indicator,score\n1,{self.secrets.text('content of the import file')}\n".encode(),
			}
		).insert()
		result_import = frappe.get_doc(
			{
				"doctype": "ITA Result Import",
				"agency": self.agency,
				"fiscal_year": "2568",
				"import_file": upload.file_url,
			}
		).insert()
		result_import.db_set({"status": "Failed", "errors": self.secrets.text("errors of the result import")})
		frappe.set_user("Administrator")
		return result_import


def tenant_doctypes() -> list[str]:
	"""The ITA DocTypes that hold an agency's data: those with an agency, their child tables (and their
	children's), and those named in TENANT_BY_COLUMN. Every other ITA DocType must be in SHARED_DOCTYPES
	(test_every_ita_doctype_is_swept), so that a new DocType is swept or declared shared."""
	doctypes = set(TENANT_BY_COLUMN)
	for doctype in frappe.get_all("DocType", filters={"module": MODULE, "istable": 0}, pluck="name"):
		if frappe.get_meta(doctype).has_field("agency"):
			doctypes.add(doctype)
	children = {child for doctype in doctypes for child in child_doctypes(doctype)}
	return sorted(doctypes | children)


def child_doctypes(doctype: str) -> list[str]:
	return [df.options for df in frappe.get_meta(doctype).get_table_fields()]


def ita_doctypes() -> list[str]:
	return frappe.get_all("DocType", filters={"module": MODULE, "issingle": 0}, pluck="name")


# What one agency holds ------------------------------------------------------------------------------------


@dataclass
class Record:
	doctype: str
	name: str
	parent: str | None = None
	parenttype: str | None = None
	parentfield: str | None = None


@dataclass
class Holdings:
	"""Every row of one agency: the ITA rows (by DocType), the rows of Frappe's DocTypes about them, its
	users; the names that count as leaked when a response carries them; and the records the sweep aims at."""

	world: AgencyWorld
	names: dict[str, list[str]] = field(default_factory=dict)
	targets: list[Record] = field(default_factory=list)

	@property
	def agency(self):
		return self.world.agency

	def tables(self) -> dict[str, str]:
		"""DocType -> the SQL condition that selects this agency's rows (the names read now, so that a row
		moved out of the agency is still compared)."""
		conditions = {}
		for doctype, names in self.names.items():
			conditions[doctype] = f"`name` in ({sql_list(names)})"
		for doctype in tenant_doctypes():
			meta = frappe.get_meta(doctype)
			if meta.istable:
				parents = [n for parent in parents_of(doctype) for n in self.names.get(parent, [])]
				extra = f"`parent` in ({sql_list(parents)})"
			elif doctype in TENANT_BY_COLUMN:
				extra = f"`{TENANT_BY_COLUMN[doctype]}` in ({sql_list(self.world.users)})"
			else:
				extra = f"`agency` = {frappe.db.escape(self.agency)}"
			conditions[doctype] = f"({conditions.get(doctype, '0')} or {extra})"
		conditions["ITA Agency"] = f"`name` = {frappe.db.escape(self.agency)}"
		users = sql_list(self.world.users)
		conditions["User"] = f"`name` in ({users})"
		conditions["Has Role"] = f"`parenttype` = 'User' and `parent` in ({users})"
		conditions["User Permission"] = f"`user` in ({users})"
		referenced = sql_list(self.referenced_names())
		for doctype, (reference, user_column) in REFERENCING.items():
			condition = f"`{reference}` in ({referenced})"
			if user_column:
				condition += f" or `{user_column}` in ({users})"
			if doctype in self.names:
				condition += f" or `name` in ({sql_list(self.names[doctype])})"
			conditions[doctype] = f"({condition})"
		return conditions

	def referenced_names(self) -> list[str]:
		return [name for doctype, names in self.names.items() if doctype not in REFERENCING for name in names]

	def leak_names(self) -> set[str]:
		"""Names that no response to another agency may carry unless asked for: every record's except the
		agency's own (public, on the site's listing) and the users' (their e-mail tokens count already)."""
		return {
			name
			for doctype, names in self.names.items()
			if doctype not in ("ITA Agency", "User")
			for name in names
		}


def sql_list(values) -> str:
	return ", ".join(frappe.db.escape(value) for value in values) or "''"


def parents_of(child: str) -> list[str]:
	return frappe.get_all(
		"DocField",
		filters={"fieldtype": ("in", ("Table", "Table MultiSelect")), "options": child},
		pluck="parent",
	)


def holdings(world: AgencyWorld) -> Holdings:
	"""Reads what the world committed: every row of the agency, by DocType."""
	held = Holdings(world)
	names = held.names
	for doctype in tenant_doctypes():
		meta = frappe.get_meta(doctype)
		if meta.istable:
			continue
		column = TENANT_BY_COLUMN.get(doctype, "agency")
		values = world.users if doctype in TENANT_BY_COLUMN else [world.agency]
		names[doctype] = frappe.get_all(
			doctype, filters={column: ("in", values)}, pluck="name", order_by="creation"
		)
	names["ITA Agency"] = [world.agency]
	for doctype in tenant_doctypes():
		if frappe.get_meta(doctype).istable:
			parents = [n for parent in parents_of(doctype) for n in names.get(parent, [])]
			names[doctype] = frappe.get_all(
				doctype, filters={"parent": ("in", parents)}, pluck="name", order_by="creation"
			)
	names["User"] = list(world.users)
	referenced = held.referenced_names()
	for doctype, (reference, _user) in REFERENCING.items():
		names[doctype] = frappe.get_all(
			doctype, filters={reference: ("in", referenced)}, pluck="name", order_by="creation"
		)
	held.targets = choose_targets(held)
	return held


def choose_targets(held: Holdings) -> list[Record]:
	"""One record of each DocType the agency holds (a door may open for one DocType only): the step, measure
	and division of division B (the marked division's), head B, and otherwise a row carrying a secret."""
	w = held.world.w
	preferred = {
		"ITA Action Step": w.step_b.name,
		"ITA Measure": w.measure_b.name,
		"ITA Division": held.world.division,
		"User": w.head_b,
		"File": held.world.file.name,
	}
	targets = []
	for doctype, names in held.names.items():
		if not names:
			continue
		name = preferred.get(doctype) or secret_bearing(doctype, names) or names[0]
		if frappe.get_meta(doctype).istable:
			parent, parenttype, parentfield = frappe.db.get_value(
				doctype, name, ["parent", "parenttype", "parentfield"]
			)
			targets.append(Record(doctype, name, parent, parenttype, parentfield))
		else:
			targets.append(Record(doctype, name))
	return targets


def secret_bearing(doctype: str, names: list[str]) -> str | None:
	"""The first of `names` whose texts (not its owner's address) carry a secret."""
	texts = [df.fieldname for df in frappe.get_meta(doctype).fields if df.fieldtype in FREE_TEXT]
	if not texts:
		return None
	cells = ", ".join(f"`{fieldname}`" for fieldname in texts)
	rows = frappe.db.sql(
		f"select `name` from `tab{doctype}` where `name` in ({sql_list(names)})"
		f" and concat_ws(' ', {cells}) regexp 'sec[ab][0-9a-f]{{10}}' order by `creation` limit 1"
	)
	return rows[0][0] if rows else None


# B's rows, before and after a call -----------------------------------------------------------------------


def columns(doctype: str) -> list[str]:
	return [c for c in frappe.db.get_table_columns(doctype) if doctype != "User" or c not in USER_BOOKKEEPING]


def _row_digest_sql(doctype: str) -> str:
	cells = ", ".join(f"coalesce(cast(`{c}` as char), '\\0')" for c in columns(doctype))
	return f"md5(concat_ws(0x1f, {cells}))"


class Ledger:
	"""One agency's rows and files as stored: a digest per table read in one query, and the rows
	themselves to name what changed and to put them back after a call that committed a change."""

	def __init__(self, held: Holdings):
		self.held = held
		self.conditions = held.tables()
		self.files = {
			name: get_files_path(*Path(url).parts[-1:], is_private=url.startswith("/private/"))
			for name, url in frappe.get_all(
				"File",
				filters={"name": ("in", held.names.get("File", []))},
				fields=["name", "file_url"],
				as_list=True,
			)
			if url
		}
		selects = [
			f"select {frappe.db.escape(doctype)}, count(*), "
			f"md5(group_concat({_row_digest_sql(doctype)} order by `name` separator ''))"
			f" from `tab{doctype}` where {condition}"
			for doctype, condition in self.conditions.items()
		]
		self.digest_sql = " union all ".join(selects)
		self.digests = self.read_digests()
		self.rows = {doctype: self.read_rows(doctype) for doctype in self.conditions}
		self.file_bytes = {name: Path(path).read_bytes() for name, path in self.files.items()}

	def read_digests(self) -> dict:
		digests = {doctype: (count, digest) for doctype, count, digest in frappe.db.sql(self.digest_sql)}
		for name, path in self.files.items():
			digests[f"file {name}"] = _file_digest(path)
		return digests

	def read_rows(self, doctype: str) -> dict[str, dict]:
		cols = ", ".join(f"`{c}`" for c in columns(doctype))
		rows = frappe.db.sql(
			f"select {cols} from `tab{doctype}` where {self.conditions[doctype]}", as_dict=True
		)
		return {row.name: row for row in rows}

	def changes(self) -> list[str]:
		"""What differs from the stored state: added, removed and changed rows (with the columns) and
		files, read fresh within the caller's transaction."""
		now = self.read_digests()
		found = []
		for key, digest in now.items():
			if digest == self.digests.get(key):
				continue
			if key.startswith("file "):
				found.append(f"{key} changed on disk")
				continue
			found.extend(self.row_changes(key))
		return found

	def row_changes(self, doctype: str) -> list[str]:
		before, after = self.rows[doctype], self.read_rows(doctype)
		found = [f"{doctype} {name} added" for name in after.keys() - before.keys()]
		found += [f"{doctype} {name} removed" for name in before.keys() - after.keys()]
		for name in before.keys() & after.keys():
			changed = [c for c in before[name] if str(before[name][c]) != str(after[name][c])]
			if changed:
				found.append(f"{doctype} {name} changed: {', '.join(sorted(changed))}")
		return found

	def restore(self) -> None:
		"""Puts the rows and files back as they were (after a call that committed a change), committed."""
		# New files first, through Frappe, which deletes them from the disk too.
		files = frappe.db.sql_list(f"select `name` from `tabFile` where {self.conditions['File']}")
		delete_files(sorted(set(files) - set(self.rows["File"])))
		for doctype, condition in self.conditions.items():
			frappe.db.sql(f"delete from `tab{doctype}` where {condition}")
			for row in self.rows[doctype].values():
				cols = ", ".join(f"`{c}`" for c in row)
				frappe.db.sql(
					f"insert into `tab{doctype}` ({cols}) values ({', '.join(['%s'] * len(row))})",
					list(row.values()),
				)
		for name, path in self.files.items():
			Path(path).parent.mkdir(parents=True, exist_ok=True)
			Path(path).write_bytes(self.file_bytes[name])
		frappe.db.commit()
		for doctype, rows in self.rows.items():
			for name in rows:
				frappe.clear_document_cache(doctype, name)


def _file_digest(path: str) -> str | None:
	try:
		return hashlib.md5(Path(path).read_bytes()).hexdigest()
	except FileNotFoundError:
		return None


# The doors ----------------------------------------------------------------------------------------------

# Parameter names, by what they carry. A method is swept when it takes any of these, or a parameter named
# after a link of the tenant DocTypes (plan, measure, step ...: link_params), or reads them from
# frappe.form_dict (FORM_DICT_READERS).
DOCTYPE_PARAMS = {
	"doctype",
	"dt",
	"reference_doctype",
	"ref_doctype",
	"document_type",
	"parenttype",
	"parent_doctype",
	"parent",
	"reference_dt",
	"reminder_doctype",
	"_doctype",
	"share_doctype",
	"link_doctype",
	"goal_doctype",
	"doctype_name",
	"child_type",
	"reference_type",
}
NAME_PARAMS = {
	"name",
	"docname",
	"dn",
	"doc_name",
	"reference_name",
	"reference_docname",
	"ref_docname",
	"old_name",
	"old",
	"source_name",
	"document",
	"reminder_docname",
	"reference",
	"reference_doc",
	"fid",
}
NAMES_PARAMS = {"docnames", "names", "items", "source_names", "docs", "files", "file_list", "reports"}
DOC_PARAMS = {"doc", "docs", "target_doc", "args", "data", "values", "chart", "card"}
FILTER_PARAMS = {"filters", "or_filters", "current_filters", "extra_filters", "export_filters", "filter"}
USER_PARAMS = {"user", "users", "for_user"}
KINDS = {
	"doctype": DOCTYPE_PARAMS,
	"name": NAME_PARAMS | NAMES_PARAMS,
	"doc": DOC_PARAMS,
	"filters": FILTER_PARAMS,
	"user": USER_PARAMS,
}
# Parameters named after a record the tenant DocTypes link to, beyond their own link fields.
NAMED_LINKS = {"step": "ITA Action Step", "steps": "ITA Action Step"}
# Parameters whose names say which DocType they name, where the method's module does not.
PARAM_DOCTYPES = {"fid": "File", "files": "File", "file_list": "File", "reports": "Prepared Report"}
# Methods that take a name of one DocType that neither their parameters nor their module name.
METHOD_DOCTYPES = {
	"frappe.desk.form.utils.update_comment": "Comment",
	"frappe.desk.reportview.delete_report": "Report",
	"frappe.core.api.file.unzip_file": "File",
	"frappe.email.inbox.create_email_flag_queue": "Communication",
	"frappe.utils.diff.version_query": "Version",
}
# A link field's search query (Frappe's standard signature) answers rows of its own DocType, whatever
# DocType it is told the field belongs to.
SEARCH_QUERY = ["doctype", "txt", "searchfield", "start", "page_len", "filters"]

# Methods that read their arguments from frappe.form_dict rather than from their parameters.
FORM_DICT_READERS = {
	"frappe.desk.reportview.get": ("doctype", "fields", "filters", "or_filters", "parent_doctype"),
	"frappe.desk.reportview.get_list": ("doctype", "fields", "filters", "or_filters", "parent_doctype"),
	"frappe.desk.reportview.get_count": ("doctype", "filters", "or_filters", "parent_doctype"),
	"frappe.desk.reportview.export_query": (
		"doctype",
		"fields",
		"filters",
		"or_filters",
		"file_format_type",
		"title",
		"parent_doctype",
	),
	"frappe.desk.reportview.delete_items": ("doctype", "items"),
	"frappe.desk.query_report.export_query": ("report_name", "filters", "file_format_type", "visible_idx"),
	"frappe.desk.form.utils.remove_attach": ("fid", "dt", "dn"),
	"frappe.desk.treeview.add_node": ("doctype", "parent", "is_root"),
	"frappe.handler.upload_file": ("doctype", "docname", "fieldname", "file_url", "is_private", "file_name"),
	"frappe.handler.uploadfile": ("doctype", "docname", "from_form", "file_url", "filename", "filedata"),
}
# The controller-method door (frappe.handler.execute_cmd lets it through without a whitelist check of
# its own: the controller method must be whitelisted).
RUN_DOC_METHOD = "run_doc_method"

# While fixing a door: ITA_SWEEP_ONLY=frappe.client. sweeps the doors whose path starts so.
ONLY = os.environ.get("ITA_SWEEP_ONLY", "")

# Doors the sweep does not call, each with why: what cannot run inside a test process, or whose effect
# reaches beyond the site under test. A path ending in "." is a prefix.
SKIPPED = {
	"frappe.tests.": "defined by Frappe's test modules and UI-test helpers: whitelisted only in a process that "
	"imported them for a test (ui_test_helpers refuses outside a test or development server); they create "
	"DocTypes and users",
	"frappe.desk.page.setup_wizard.setup_wizard.setup_complete": "runs the setup wizard again (the site's "
	"language, country, first user)",
	"frappe.utils.print_format.print_by_server": "sends the document to a network printer (CUPS)",
	"frappe.desk.doctype.kanban_board.kanban_board.quick_kanban_board": "adds a custom field to the "
	"DocType: DDL commits the transaction and outlives the test",
	"frappe.modules.utils.export_customizations": "writes the DocType's customizations into the app's "
	"source folder (in developer mode)",
}


@dataclass
class Door:
	path: str  # what a client calls: /api/method/<path>
	fn: typing.Callable  # what runs: the app's override where there is one
	params: dict
	kinds: set

	@property
	def takes(self) -> set[str]:
		return set(self.params)


def import_everything(packages=("frappe", "ita_tracker")) -> list[str]:
	"""Imports every module of `packages`, so that every whitelisted function is registered; returns the
	modules that would not import, with why."""
	failed = []
	for package in packages:
		root = importlib.import_module(package)
		for info in pkgutil.walk_packages(
			root.__path__, f"{package}.", onerror=lambda name: failed.append(f"{name}: not importable")
		):
			try:
				importlib.import_module(info.name)
			except Exception as error:
				failed.append(f"{info.name}: {type(error).__name__}: {error}")
	return failed


def resolved(path: str) -> typing.Callable:
	"""What a call of `path` runs, as frappe.handler.execute_cmd resolves it (the last override wins)."""
	return frappe.get_attr(frappe.get_hooks("override_whitelisted_methods").get(path, [path])[-1])


def whitelisted_paths() -> list[str]:
	"""Every whitelisted module-level function, by the path a client calls (controller methods are reached
	through run_doc_method)."""
	return sorted(
		{f"{fn.__module__}.{fn.__qualname__}" for fn in frappe.whitelisted if "." not in fn.__qualname__}
	)


def controller_methods(doctype: str) -> list[str]:
	"""The whitelisted methods of `doctype`'s controller, its base classes' included."""
	from frappe.model.base_document import get_controller

	whitelisted = set(frappe.whitelisted)
	return sorted(
		name
		for klass in get_controller(doctype).__mro__
		for name, member in vars(klass).items()
		if callable(member) and getattr(member, "__func__", member) in whitelisted
	)


def skip_reason(path: str) -> str | None:
	return next(
		(
			why
			for prefix, why in SKIPPED.items()
			if path == prefix or (prefix[-1] == "." and path.startswith(prefix))
		),
		None,
	)


def doors(only: str = ONLY) -> tuple[list[Door], dict[str, str]]:
	"""The doors to sweep (each whitelisted method that takes a doctype, a name, a document, filters or a
	user, and run_doc_method), and those skipped with why."""
	selected, skipped = [], {}
	for path in whitelisted_paths():
		found = door(path)
		if found is None:
			continue
		if why := skip_reason(path):
			skipped[path] = why
		elif path.startswith(only):
			selected.append(found)
	if RUN_DOC_METHOD.startswith(only):
		selected.append(door(RUN_DOC_METHOD))
	return selected, skipped


def door(path: str) -> Door | None:
	"""The door `path` opens, if it takes what the sweep sends."""
	if path == RUN_DOC_METHOD:
		from frappe.handler import run_doc_method

		params = dict(inspect.signature(run_doc_method).parameters)
		return Door(RUN_DOC_METHOD, run_doc_method, params, {"doctype", "name", "doc"})
	fn = resolved(path)
	signature = inspect.signature(fn).parameters
	params = {name: p for name, p in signature.items() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
	for name in FORM_DICT_READERS.get(path, ()):
		params.setdefault(name, inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None))
	kinds = {kind for kind, known in KINDS.items() if set(params) & known}
	if set(params) & set(link_params()):
		kinds.add("name")
	if any(p.kind == p.VAR_KEYWORD for p in signature.values()):
		# **kwargs: whatever the request sends reaches the method (as filters, often).
		kinds.add("kwargs")
	return Door(path, fn, params, kinds) if kinds else None


# Arguments ----------------------------------------------------------------------------------------------

# What a desk client sends for the other parameters, by name. Lists and mappings go as JSON, as the desk's
# frappe.call sends them.
TYPICAL = {
	"txt": "",
	"start": 0,
	"page_len": 20,
	"page_length": 20,
	"limit": 20,
	"limit_start": 0,
	"limit_page_length": 20,
	"as_dict": 1,
	"with_parent": 1,
	"ignore_user_permissions": 1,
	"content": "probe",
	"comment": "probe",
	"description": "probe",
	"reply": "probe",
	"title": "probe",
	"subject": "probe",
	"message": "probe",
	"text": "probe",
	"reason": "probe",
	"tag": "probe",
	"tags": "probe",
	"comment_by": "Sweep",
	"add": "Yes",
	"like": 1,
	"following": 1,
	"force": 1,
	"perm_type": "read",
	"remind_at": "2030-01-01 09:00:00",
	"end": "2030-12-31",
	"field": "assigned_to",
	"stats": ["_assign", "owner"],
	"send_email": 0,
	"route": "",
	"type": "Count",
	"figure": "total",
	"document": "o25",
	"file_format_type": "CSV",
	"field_map": {"start": "start_date", "end": "due_date", "id": "name", "title": "description"},
	"workflow_state_fieldname": "agency",
	"report_settings": {},
	"user_settings": {},
	"listview_settings": {},
	"removed_listview_fields": [],
	"is_private": 1,
}
FREE_TEXT = {"Data", "Text", "Small Text", "Long Text", "Text Editor", "Code", "HTML Editor", "JSON"}
READABLE = FREE_TEXT | {"Attach", "Link", "Dynamic Link", "Select", "Markdown Editor"}


def link_params() -> dict[str, str]:
	"""Parameter name -> tenant DocType, from the link fields of the tenant DocTypes (plan, measure ...)."""
	tenants = set(tenant_doctypes()) | {"ITA Agency"}
	params = dict(NAMED_LINKS)
	for doctype in sorted(tenants):
		for df in frappe.get_meta(doctype).get_link_fields():
			if df.options in tenants:
				params.setdefault(df.fieldname, df.options)
	return params


def readable_fields(doctype: str) -> list[str]:
	return [
		df.fieldname
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in READABLE and not df.is_virtual
	]


def as_json(value) -> str:
	return json.dumps(value, default=str, ensure_ascii=False)


def module_doctype(path: str) -> str | None:
	"""The DocType whose module a method lives in (frappe.desk.doctype.note.note.x -> Note)."""
	parts = path.split(".")
	if "doctype" not in parts[:-1]:
		return None
	scrubbed = parts[parts.index("doctype") + 1]
	return next((d for d in frappe.get_all("DocType", pluck="name") if frappe.scrub(d) == scrubbed), None)


class Arguments:
	"""The argument sets of a door for a caller of A, each (shape, args): B's names, B's filters, B's
	documents (as stored, with the agency emptied or set to A, and new ones under B's records), A's
	documents pointed at B, and the other parameters as a desk client fills them."""

	def __init__(self, held_a: Holdings, held_b: Holdings):
		self.a, self.b = held_a, held_b
		self.links = link_params()
		self.tenants = set(tenant_doctypes())
		self.docs = list(self._doc_shapes())
		# Doors that do not write the documents they are sent get B's documents only (as stored, with the
		# agency emptied or A's: a door that judges the document sent reads B's through them); A's
		# documents pointed at B and new documents under B's are attacks by writing.
		self.writers: dict[str, bool] = {}

	def targets(self, doctype: str | None = None) -> list[Record]:
		return [r for r in self.b.targets if doctype is None or r.doctype == doctype]

	def sets(self, door: Door, caller: str):
		"""Every (shape, args) of `door` for `caller`, once each; a print format or report parameter is
		tried with each of the app's (the O25 prints B's measures whatever document it is sent)."""
		seen = set()
		for shape, record, values in self._sets(door):
			args = self.complete(door, caller, record, values)
			for suffix, variant in self.variants(door, record, args):
				key = as_json(variant)
				if key not in seen:
					seen.add(key)
					yield f"{shape}{suffix}", variant

	def variants(self, door: Door, record: Record, args: dict):
		if "report_name" in door.takes:
			for report in frappe.get_all("Report", filters={"module": MODULE}, pluck="name", order_by="name"):
				yield f", {report}", {**args, "report_name": report}
			return
		yield "", args
		for param in sorted(door.takes & {"print_format", "format"}):
			doctype = args.get("doctype") or sent_doctype(args.get("doc")) or record.doctype
			for print_format in frappe.get_all("Print Format", filters={"doc_type": doctype}, pluck="name"):
				yield f", {print_format}", {**args, param: print_format}

	def _sets(self, door: Door):
		if door.path == RUN_DOC_METHOD:
			yield from self._controller_sets()
			return
		takes = door.takes
		if takes & (NAME_PARAMS | NAMES_PARAMS | set(self.links)):
			yield from self._name_sets(door)
		elif door.kinds == {"kwargs"}:
			# Only **kwargs (the recorder's): what it would do with a record is unknown, so once.
			record = self.targets("ITA Plan")[0]
			filters = as_json({"agency": self.b.agency})
			yield "B's plan", record, {"doctype": record.doctype, "name": record.name, "filters": filters}
		elif "kwargs" in door.kinds and not takes & (FILTER_PARAMS | DOC_PARAMS):
			yield from self._name_sets(door)
		if takes & FILTER_PARAMS:
			yield from self._filter_sets(door)
		if takes & DOC_PARAMS:
			yield from self._doc_sets(door)
		if not takes & (NAME_PARAMS | NAMES_PARAMS | set(self.links) | FILTER_PARAMS | DOC_PARAMS):
			if "doctype" in door.kinds:
				# A door given a doctype alone answers about the DocType: tried on each of the agency's.
				for doctype in sorted(d for d in self.tenants if not frappe.get_meta(d).istable):
					record = self.targets(doctype)[0]
					yield f"doctype {doctype}", record, self._doctype_values(door, record)
			elif "user" in door.kinds:
				for record in self.targets("User"):
					values = {
						p: as_json([record.name]) if p == "users" else record.name
						for p in takes & USER_PARAMS
					}
					yield "B's user", record, values

	# names

	def _name_sets(self, door: Door):
		linked = sorted(door.takes & set(self.links))
		if linked:
			for param in linked:
				doctype = self.links[param]
				for record in self.targets(doctype):
					value = as_json([record.name]) if param == "steps" else record.name
					yield f"{param}: B's {doctype}", record, {param: value, **self._values_for(door, record)}
			return
		if "doctype" in door.kinds or "kwargs" in door.kinds:
			records = self.b.targets
		else:
			guess = next((PARAM_DOCTYPES[p] for p in door.takes if p in PARAM_DOCTYPES), None)
			guess = guess or METHOD_DOCTYPES.get(door.path) or module_doctype(door.path)
			records = self.targets(guess) if guess else [r for r in self.b.targets if not r.parent]
			if guess and not records:
				# B holds none of that DocType: B's names are still what an adversary would try.
				records = self.targets("ITA Plan")
		for record in records:
			values = {**self._doctype_values(door, record), **self._values_for(door, record)}
			for param in door.takes & NAME_PARAMS:
				values[param] = record.name
			for param in door.takes & NAMES_PARAMS:
				values[param] = as_json([record.name])
			if "kwargs" in door.kinds and not door.takes & (NAME_PARAMS | NAMES_PARAMS):
				values["name"] = record.name
			if {"fieldname", "value"} <= door.takes:
				for shape, change in self.setter_changes(record):
					yield f"{shape} of B's {record.doctype}", record, {**values, "fieldname": as_json(change)}
				continue
			yield f"name of B's {record.doctype}", record, values

	def setter_changes(self, record: Record):
		"""What a setter is sent for a record: its first free text changed, with the agency emptied or set
		to A where the record has one."""
		meta = frappe.get_meta(record.doctype)
		text = [df for df in meta.fields if df.fieldtype in FREE_TEXT]
		change = {text[0].fieldname: probe(text[0])} if text else {}
		if meta.has_field("agency"):
			yield "agency null", {**change, "agency": None}
			yield "agency A", {**change, "agency": self.a.agency}
		yield "text changed", change

	def _doctype_values(self, door: Door, record: Record) -> dict:
		values = {}
		for param in door.takes & DOCTYPE_PARAMS:
			if param in ("parent", "parenttype", "parent_doctype"):
				if record.parent:
					values[param] = record.parenttype
			else:
				values[param] = record.doctype
		if "kwargs" in door.kinds and "doctype" not in values:
			values["doctype"] = record.doctype
		return values

	def _values_for(self, door: Door, record: Record) -> dict:
		"""The fields to read of `record` (fields, fieldname, filter_fields), and for a `values` parameter
		a change of its first free text."""
		fields = ["name", *readable_fields(record.doctype)]
		values = {}
		if "fields" in door.takes:
			values["fields"] = as_json(fields)
		if "filter_fields" in door.takes:
			values["filter_fields"] = as_json(fields[1:])
		if "fieldname" in door.takes:
			values["fieldname"] = as_json(fields)
		if "values" in door.takes:
			text = [
				df.fieldname for df in frappe.get_meta(record.doctype).fields if df.fieldtype in FREE_TEXT
			]
			values["values"] = as_json({text[0]: "probe"} if text else {})
		return values

	def _controller_sets(self):
		"""run_doc_method: every whitelisted controller method of each of B's documents."""
		arguments = {
			"rename": {"name": "sweep-renamed", "force": 1, "validate_rename": 0},
			"add_comment": {"comment_type": "Info", "text": "probe"},
		}
		for record in self.b.targets:
			if record.parent:
				continue
			for method in controller_methods(record.doctype):
				values = {"dt": record.doctype, "dn": record.name, "method": method}
				values["args"] = as_json(arguments.get(method, {}))
				yield f"{method} of B's {record.doctype}", record, values

	# filters

	def _filter_sets(self, door: Door):
		"""With a doctype: for each DocType B holds, filters that select B's rows (by agency, by parent for
		child rows, else by name), and the list and or-filters syntax once. Without one (reports, cards):
		B's agency, plan and division, and no filter at all."""
		params = door.takes & FILTER_PARAMS
		if "doctype" not in door.kinds:
			for key, doctype in (
				("agency", "ITA Agency"),
				("plan", "ITA Plan"),
				("division", "ITA Division"),
			):
				record = self.targets(doctype)[0]
				yield f"filters {{{key}: B's}}", record, {p: as_json({key: record.name}) for p in params}
			yield "no filters", self.targets("ITA Plan")[0], {p: as_json({}) for p in params}
			return
		searched = searched_doctypes(door, self.b.names)
		for doctype, names in self.b.names.items():
			if not names or doctype not in searched:
				continue
			meta = frappe.get_meta(doctype)
			record = self.targets(doctype)[0]
			if meta.has_field("agency"):
				shapes = [("{agency: B}", {"agency": self.b.agency})]
			elif record.parent:
				shapes = [("{parent: B's}", {"parent": record.parent})]
			else:
				shapes = [("{name in B's}", {"name": ["in", names]})]
			if doctype == "ITA Measure":
				shapes.append(("[[name = B's]]", [[doctype, "name", "=", names[0]]]))
			for shape, filters in shapes:
				values = {**self._doctype_values(door, record), **self._values_for(door, record)}
				values.update({p: as_json(filters) for p in params})
				yield f"filters {shape} of {doctype}", record, values

	# documents

	def probed(self, doc: dict) -> dict:
		"""A stored document as a client would send it, its secret texts replaced (an adversary does not
		know them; what a save of it changes then shows in B's rows)."""
		doc = json.loads(as_json(doc))
		for df in frappe.get_meta(doc["doctype"]).fields:
			value = doc.get(df.fieldname)
			if df.fieldtype in FREE_TEXT and isinstance(value, str) and TOKEN.search(value):
				doc[df.fieldname] = probe(df)
			if df.fieldtype in ("Table", "Table MultiSelect") and isinstance(value, list):
				doc[df.fieldname] = [self.probed({**row, "doctype": df.options}) for row in value]
		return doc

	def stored(self, doctype: str, name: str) -> dict:
		return self.probed(frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True))

	def _doc_shapes(self):
		"""(shape, record, doc) aimed at B, built once."""
		for record in self.b.targets:
			meta = frappe.get_meta(record.doctype)
			if record.parent:
				parent = self.stored(record.parenttype, record.parent)
				row = next(r for r in parent[record.parentfield] if r["name"] == record.name)
				yield f"B's {record.doctype} row", record, row
				if mine := self.mine(record.parenttype):
					doc = self.stored(record.parenttype, mine)
					theirs = {k: v for k, v in row.items() if k not in ("parent", "idx")}
					doc[record.parentfield] = [*doc.get(record.parentfield, []), theirs]
					yield f"A's {record.parenttype} with B's {record.doctype} row", record, doc
				continue
			if record.doctype not in self.tenants:
				continue
			doc = self.stored(record.doctype, record.name)
			yield f"B's {record.doctype} as stored", record, doc
			if meta.has_field("agency"):
				yield f"B's {record.doctype} with agency null", record, {**doc, "agency": None}
				yield f"B's {record.doctype} with agency A", record, {**doc, "agency": self.a.agency}
			if mine := self.mine(record.doctype):
				a_doc = self.stored(record.doctype, mine)
				if meta.has_field("agency"):
					yield f"A's {record.doctype} with agency B", record, {**a_doc, "agency": self.b.agency}
				relinked = self.relinked(a_doc)
				if relinked != a_doc:
					yield f"A's {record.doctype} linked to B's records", record, relinked
			new = {k: v for k, v in doc.items() if k not in NEW_DOC_DROPS and not k.startswith("_")}
			new = {
				k: [{f: v for f, v in row.items() if f != "name"} for row in v] if isinstance(v, list) else v
				for k, v in new.items()
			}
			yield f"new {record.doctype} under B's records", record, new

	def mine(self, doctype: str) -> str | None:
		names = self.a.names.get(doctype) or []
		return names[0] if names else None

	def relinked(self, doc: dict) -> dict:
		"""A's document with its links to tenant records, and its rows' links, pointed at B's."""
		doc = json.loads(as_json(doc))
		for df in frappe.get_meta(doc["doctype"]).fields:
			if df.fieldtype == "Link" and df.options in self.tenants and doc.get(df.fieldname):
				if theirs := self.b.names.get(df.options):
					doc[df.fieldname] = theirs[0]
			if df.fieldtype in ("Table", "Table MultiSelect"):
				for link in frappe.get_meta(df.options).get_link_fields():
					if link.options in self.tenants and (theirs := self.b.names.get(link.options)):
						row = {"doctype": df.options, link.fieldname: theirs[0]}
						doc[df.fieldname] = [*doc.get(df.fieldname, []), row]
		return doc

	def _doc_sets(self, door: Door):
		writes = self.writers.get(door.path, True)
		for shape, record, doc in self.docs:
			if writes or shape.startswith("B's "):
				yield from self.packed(door, shape, record, doc)

	def own_doc_sets(self, door: Door):
		"""A's own step, measure and plan as stored, in the door's shape: to learn whether the door writes
		the documents it is sent (Sweep.writes_documents)."""
		for doctype in ("ITA Action Step", "ITA Measure", "ITA Plan"):
			name = self.mine(doctype)
			record = Record(doctype, name)
			for shape, _record, values in self.packed(
				door, f"A's own {doctype}", record, self.stored(doctype, name)
			):
				yield shape, self.complete(door, self.a.world.w.manager, record, values)

	def packed(self, door: Door, shape: str, record: Record, doc: dict):
		"""A document in each of the door's document parameters (as a list, as assignment arguments, as
		values), once per action the door takes."""
		values = {}
		for param in door.takes & DOC_PARAMS:
			if param == "docs":
				values[param] = as_json([{**doc, "docname": doc.get("name")}])
			elif param == "args":
				values[param] = as_json(
					{**doc, "assign_to": [], "doctype": doc["doctype"], "name": doc.get("name")}
				)
			elif param == "values":
				values[param] = as_json(
					{k: v for k, v in doc.items() if k in readable_fields(doc["doctype"])}
				)
			else:
				values[param] = as_json(doc)
		target = Record(doc["doctype"], doc.get("name") or record.name, record.parent, record.parenttype)
		values = {**self._doctype_values(door, target), **values}
		for action in self.actions(door, doc["doctype"]):
			yield (
				f"{shape}{f', {action}' if action else ''}",
				record,
				{**values, **({"action": action} if action else {})},
			)

	def actions(self, door: Door, doctype: str) -> list[str | None]:
		if "action" not in door.takes:
			return [None]
		if door.path.endswith("savedocs"):
			return (
				["Save", "Submit", "Update", "Cancel"]
				if frappe.get_meta(doctype).is_submittable
				else ["Save"]
			)
		workflow = frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1})
		if not workflow:
			return ["Approve"]
		return sorted(
			set(frappe.get_all("Workflow Transition", filters={"parent": workflow}, pluck="action"))
		)

	def complete(self, door: Door, caller: str, record: Record, values: dict) -> dict:
		"""`values` with the door's other parameters as a desk client fills them."""
		args = dict(values)
		for name, param in door.params.items():
			if name in args:
				continue
			if name in USER_PARAMS:
				args[name] = as_json([caller]) if name == "users" else caller
			elif name in ("assign_to", "recipients", "comment_email", "to_user", "email"):
				args[name] = as_json([caller]) if name == "assign_to" else caller
			elif name == "workflow_state":
				args[name] = self.a.agency
			elif name in ("new_name", "new"):
				args[name] = f"{record.name}-sweep"
			elif name == "file_url":
				args[name] = self.b.world.file.file_url
			elif name == "attachments":
				args[name] = as_json([self.b.world.file.name])
			elif name in TYPICAL:
				value = TYPICAL[name]
				args[name] = as_json(value) if isinstance(value, dict | list) else value
			elif param.default is inspect.Parameter.empty:
				args[name] = typical_for(param)
		return args


def searched_doctypes(door: Door, held: dict) -> set[str]:
	"""The DocTypes whose rows a door with filters may answer: a search query's own (its module's) if the
	agency holds it, else the plan's; any other door, every DocType the agency holds."""
	if list(door.params)[: len(SEARCH_QUERY)] != SEARCH_QUERY:
		return set(held)
	own = METHOD_DOCTYPES.get(door.path) or module_doctype(door.path)
	return {own} if own in held else {"ITA Plan"}


def sent_doctype(doc) -> str | None:
	"""The doctype of a document sent as JSON, if it is one."""
	try:
		sent = json.loads(doc) if isinstance(doc, str) else doc
	except ValueError:
		return None
	return sent.get("doctype") if isinstance(sent, dict) else None


def probe(df) -> str:
	"""A value for a text field that its own validation accepts (a link field a URL, say)."""
	if df.options == "URL":
		return "https://probe.example.org/probe"
	if df.options == "Email":
		return "probe@example.org"
	return f"probe {df.fieldname}"


NEW_DOC_DROPS = {"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "amended_from"}


def typical_for(param: inspect.Parameter):
	text = str(param.annotation)
	if param.annotation is int:
		return 1
	if param.annotation is bool:
		return 0
	if param.annotation is dict or text.startswith("dict"):
		return "{}"
	if param.annotation is list or text.startswith("list"):
		return "[]"
	return "probe"


# Calls and judgements -----------------------------------------------------------------------------------


@dataclass
class Violation:
	door: str
	role: str
	shape: str
	kind: str  # leak: a response carried B's; write: B's rows changed; copy: B's texts landed elsewhere
	what: str


@dataclass
class Outcome:
	text: str
	error: str | None
	committed: bool


def readable(value) -> str:
	"""A response as text: JSON with documents and dates as Frappe sends them; files and PDFs as their
	bytes and text."""
	from frappe.utils.response import json_handler
	from werkzeug.wrappers import Response

	def default(obj):
		if isinstance(obj, bytes):
			return bytes_text(obj)
		if isinstance(obj, Response):
			return bytes_text(obj.get_data())
		try:
			return json_handler(obj)
		except TypeError:
			return repr(obj)

	if isinstance(value, bytes | Response):
		return default(value)
	try:
		return json.dumps(value, default=default, ensure_ascii=False)
	except (TypeError, ValueError):
		return repr(value)


def bytes_text(data: bytes) -> str:
	import io
	import zipfile

	from ita_tracker.tests.pdf_text import pdf_text

	text = data.decode("latin-1")
	if data.startswith(b"%PDF"):
		try:
			text += pdf_text(data)
		except Exception as error:
			text += f"(unreadable PDF: {error})"
	if data.startswith(b"PK"):
		try:
			with zipfile.ZipFile(io.BytesIO(data)) as archive:
				text += "".join(archive.read(name).decode("latin-1") for name in archive.namelist())
		except zipfile.BadZipFile:
			pass
	return text


def response_text(result, error: BaseException | None) -> str:
	"""What the client would receive: the return value, frappe.response (documents, files, docinfo), the
	messages, and for an exception its text and traceback (System Settings' allow_error_traceback)."""
	import traceback

	parts = [readable(result), readable(dict(frappe.local.response)), readable(frappe.local.message_log)]
	parts.append(readable(frappe.local.flags.get("error_message")))
	if error is not None:
		parts.append("".join(traceback.format_exception(error)))
	return "\n".join(parts)


def request_for(path: str):
	"""The request the web server builds for a POST to the method (code bound to a request reads it)."""
	from frappe.utils import CallbackManager
	from werkzeug.test import EnvironBuilder
	from werkzeug.wrappers import Request

	builder = EnvironBuilder(method="POST", path=f"/api/method/{path}", headers={"Host": frappe.local.site})
	request = Request(builder.get_environ())
	request.after_response = CallbackManager()
	return request


def call_in_process(door: Door, user: str, args: dict) -> Outcome:
	"""Calls `door` as frappe.handler does for a POST by `user` (form_dict holds every argument;
	frappe.call passes those the signature takes), and answers what the client would receive."""
	committed = []
	if frappe.session.user != user:
		frappe.set_user(user)
	# The test process's own request context, put back after the call: a fake request left behind would make
	# every later test run as if it were serving one.
	saved = {
		key: getattr(frappe.local, key, None) for key in ("form_dict", "response", "message_log", "request")
	}
	frappe.local.form_dict = frappe._dict(args)
	frappe.local.response = frappe._dict({"docs": []})
	frappe.local.message_log = []
	frappe.local.request = request_for(door.path)
	frappe.db.before_commit.add(lambda: committed.append(True))
	result, error = None, None
	# As the web server runs (some doors trust a test process: email.queue.unsubscribe skips its
	# signature), with mail kept in the queue.
	in_test, muted = frappe.flags.in_test, frappe.flags.mute_emails
	frappe.flags.in_test, frappe.flags.mute_emails = False, True
	try:
		result = frappe.call(door.fn, **args)
	except Exception as raised:
		error = raised
	finally:
		frappe.flags.in_test, frappe.flags.mute_emails = in_test, muted
	text = response_text(result, error)
	for key, value in saved.items():
		setattr(frappe.local, key, value)
	return Outcome(text, error and type(error).__name__, bool(committed))


class Sweep:
	"""Calls doors as A's roles against B, judges each call and keeps every violation."""

	def __init__(self, a: AgencyWorld, b: AgencyWorld):
		self.a, self.b = a, b
		self.held_a, self.held_b = holdings(a), holdings(b)
		self.ledger_a, self.ledger_b = Ledger(self.held_a), Ledger(self.held_b)
		self.arguments = Arguments(self.held_a, self.held_b)
		self.labels = dict(b.secrets.labels)
		self.name_labels = {
			name: f"name of B's {doctype}" for doctype, names in self.held_b.names.items() for name in names
		}
		leak_names = sorted(self.held_b.leak_names(), key=len, reverse=True)
		self.names = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in leak_names) + r")(?![\w-])")
		self.copy_sql = self._copy_sql()
		self.made_sql = " union all ".join(
			f"select {frappe.db.escape(doctype)}, `name` from `tab{doctype}`"
			f" where `creation` >= %(since)s and `owner` in ({sql_list(a.users)})"
			for doctype in sorted({*ita_doctypes(), *REFERENCING, "Deleted Document"})
		)
		self.flags = frappe._dict(frappe.local.flags)
		self.violations: list[Violation] = []
		self.calls = 0
		# Per door, the calls by outcome (an exception's class, an HTTP status or "ok") and their seconds.
		self.outcomes: dict[str, dict[str, int]] = {}
		self.seconds: dict[str, float] = {}

	def count(self, door: str, outcome: str, seconds: float) -> None:
		self.calls += 1
		counts = self.outcomes.setdefault(door, {})
		counts[outcome] = counts.get(outcome, 0) + 1
		self.seconds[door] = self.seconds.get(door, 0.0) + seconds

	# judging

	def leaks(self, text: str, request: str) -> list[str]:
		"""B's secrets and B's record names in `text` that the request did not carry itself."""
		found = {self.labels[t] for t in TOKEN.findall(text) if t in self.labels and t not in request}
		found |= {self.name_labels[n] for n in self.names.findall(text) if n not in request}
		return sorted(found)

	def _copy_sql(self) -> str:
		"""Rows written since a moment, outside B's own, that carry B's secrets."""
		doctypes = sorted({*ita_doctypes(), *REFERENCING, "Deleted Document"})
		marker = f"sec{self.b.secrets.side.lower()}"
		selects = []
		for doctype in doctypes:
			cells = ", ".join(f"cast(`{c}` as char)" for c in frappe.db.get_table_columns(doctype))
			own = self.ledger_b.conditions.get(doctype, "0")
			selects.append(
				f"select {frappe.db.escape(doctype)}, `name`, concat_ws(' ', {cells}) from `tab{doctype}`"
				f" where `modified` >= %(since)s and ({own}) is not true"
				f" and concat_ws(' ', {cells}) like '%%{marker}%%'"
			)
		return " union all ".join(selects)

	def copies(self, since, request: str) -> list[str]:
		found = []
		for doctype, name, body in frappe.db.sql(self.copy_sql, {"since": since}):
			tokens = {t for t in TOKEN.findall(body) if t in self.labels}
			if carried := sorted(self.labels[t] for t in tokens if t not in request):
				found.append(f"{doctype} {name} now holds {', '.join(carried)}")
			elif tokens:
				found.append(
					f"{doctype} {name} now links {', '.join(sorted(self.labels[t] for t in tokens))}"
				)
		return found

	def judge(self, door: str, role: str, shape: str, text: str, request: str, since, wrote: bool) -> list:
		leaked = self.leaks(text, request)
		# Secrets are leaks; B's record names alone (existence, which records link to which) are listed
		# apart, as "name".
		kind = "leak" if any(not what.startswith("name of B's ") for what in leaked) else "name"
		found = [Violation(door, role, shape, kind, what) for what in leaked]
		if wrote:
			found += [Violation(door, role, shape, "write", what) for what in self.ledger_b.changes()]
			found += [Violation(door, role, shape, "copy", what) for what in self.copies(since, request)]
		self.violations.extend(found)
		return found

	# in-process calls

	def call(self, door: Door, role: str, shape: str, args: dict) -> list[Violation]:
		"""Calls `door` as `role` of A (or as the user so named) and judges the call."""
		request = as_json(args)
		since = now_datetime()
		started = time.monotonic()
		outcome = call_in_process(door, getattr(self.a.w, role, role), args)
		self.count(door.path, outcome.error or "ok", time.monotonic() - started)
		if outcome.error:
			# The web server rolls a failed request back: only what the call committed counts.
			frappe.db.rollback()
		# A call that wrote nothing since the last commit, and committed nothing, changed nothing (most
		# calls are reads, or refused): the database is read only when it may have changed.
		wrote = outcome.committed or bool(frappe.db.transaction_writes)
		found = self.judge(door.path, role, shape, outcome.text, request, since, wrote)
		self.settle()
		if outcome.committed or any(v.kind == "write" for v in found):
			self.restore()
		if outcome.committed:
			self.discard(since)
		return found

	def settle(self) -> None:
		"""Rolls the call back and forgets its request (the session's user stays, as a server process's
		caches stay between requests)."""
		frappe.db.rollback()
		frappe.local.flags = frappe._dict(self.flags)
		frappe.local.request = None

	def own_secrets(self, door: Door) -> set[str]:
		"""A's secrets that `door` shows A's manager when aimed at A's own records, as it is aimed at B's."""
		own = Arguments(self.held_b, self.held_a)
		seen = set()
		for _shape, args in own.sets(door, self.a.w.manager):
			outcome = call_in_process(door, self.a.w.manager, args)
			seen |= {
				self.a.secrets.labels[t] for t in TOKEN.findall(outcome.text) if t in self.a.secrets.labels
			}
			self.settle()
		return seen

	def restore(self) -> bool:
		"""Puts back, committed, what a call committed into either world; True if there was anything."""
		restored = False
		for ledger in (self.ledger_b, self.ledger_a):
			if ledger.read_digests() != ledger.digests:
				ledger.restore()
				restored = True
		return restored

	def writes_documents(self, door: Door) -> bool:
		"""Whether A's manager, sending the door A's own documents, changes A's rows."""
		for _shape, args in self.arguments.own_doc_sets(door):
			since = now_datetime()
			outcome = call_in_process(door, self.a.w.manager, args)
			wrote = outcome.committed or frappe.db.transaction_writes
			changed = bool(self.ledger_a.changes()) if wrote else False
			self.settle()
			if outcome.committed:
				self.restore()
				self.discard(since)
			if changed:
				return True
		return False

	def sweep(self, doors_to_call: list[Door], roles=CALLERS) -> None:
		for door in doors_to_call:
			if door.takes & DOC_PARAMS and door.path != RUN_DOC_METHOD:
				self.arguments.writers[door.path] = self.writes_documents(door)
			for role in roles:
				for shape, args in self.arguments.sets(door, getattr(self.a.w, role)):
					self.call(door, role, shape, args)
				# A commit Frappe does not see (DDL commits implicitly) is caught once per door and role.
				if self.restore():
					self.violations.append(
						Violation(
							door.path, role, "(some call)", "write", "B's rows changed, committed unseen"
						)
					)

	# over HTTP

	def request(self, role: str, door: str, method: str, path: str, shape: str, **kwargs) -> list[Violation]:
		"""A request to the test's web server as `role` of A, judged as the in-process calls are, on what
		the server committed."""
		from ita_tracker.tests.http import session, site_url

		then = kwargs.pop("then", None)
		sent = as_json([path, kwargs, then])
		since = now_datetime()
		started = time.monotonic()
		client = session(getattr(self.a.w, role))
		response = client.request(method, f"{site_url()}{path}", timeout=120, **kwargs)
		self.count(door, str(response.status_code), time.monotonic() - started)
		text = f"{response.status_code} {dict(response.headers)}\n{bytes_text(response.content)}"
		if then:
			# What the request opened, read at once (before its leftovers are discarded).
			followed = client.get(f"{site_url()}{then}", timeout=120)
			text += f"\n{followed.status_code}\n{bytes_text(followed.content)}"
		frappe.db.rollback()
		found = self.judge(door, role, shape, text, sent, since, method != "GET")
		if method != "GET" or found:
			self.restore()
			self.discard(since)
		return found

	def discard(self, since) -> None:
		"""Deletes what A's users made since `since` (files, comments, logs, new records) outside the two
		ledgers, so that one call's leftovers do not open the next call's door."""
		made = frappe.db.sql(self.made_sql, {"since": since})
		delete_files([name for doctype, name in made if doctype == "File"])
		for doctype, name in made:
			if doctype != "File":
				frappe.db.delete(doctype, {"name": name})
		frappe.db.commit()


# The REST API and a sample of methods over HTTP -----------------------------------------------------------


def http_requests(sweep: Sweep):
	"""(door, method, path, shape, request arguments): /api/resource's verbs (and /api/v2/document's
	read) on B's records, and the methods issue 16 names, as a browser or an API client sends them."""
	b, a, arguments = sweep.held_b, sweep.held_a, sweep.arguments
	for record in b.targets:
		if record.doctype not in arguments.tenants:
			continue
		meta = frappe.get_meta(record.doctype)
		resource, one = (
			f"/api/resource/{quote(record.doctype)}",
			f"/api/resource/{quote(record.doctype)}/{quote(record.name)}",
		)
		door, door_one = f"/api/resource/{record.doctype}", f"/api/resource/{record.doctype}/<name>"
		fields = as_json(["name", *readable_fields(record.doctype)])
		if record.parent:
			params = {
				"filters": as_json({"parent": record.parent}),
				"fields": fields,
				"parent": record.parenttype,
			}
		elif meta.has_field("agency"):
			params = {"filters": as_json({"agency": b.agency}), "fields": fields}
		else:
			params = {"filters": as_json({"name": record.name}), "fields": fields}
		yield f"GET {door}", "GET", resource, "list with B's filters and fields", {"params": params}
		yield f"GET {door_one}", "GET", one, "B's document", {}
		v2 = f"/api/v2/document/{quote(record.doctype)}/{quote(record.name)}"
		yield f"GET /api/v2/document/{record.doctype}/<name>", "GET", v2, "B's document", {}
		text = {df.fieldname: probe(df) for df in meta.fields if df.fieldtype in FREE_TEXT}
		if meta.has_field("agency"):
			yield f"PUT {door_one}", "PUT", one, "agency null", {"json": {**text, "agency": None}}
			yield f"PUT {door_one}", "PUT", one, "agency A", {"json": {**text, "agency": a.agency}}
		yield f"PUT {door_one}", "PUT", one, "texts changed", {"json": text}
		for shape, aimed, doc in arguments.docs:
			if aimed == record and (shape.startswith("new ") or shape.endswith(" row")):
				new = {k: v for k, v in doc.items() if k != "name"}
				yield f"POST {door}", "POST", resource, shape, {"json": new}
		yield f"DELETE {door_one}", "DELETE", one, "B's document", {}
	plan, step, measure = (b.names[d][0] for d in ("ITA Plan", "ITA Action Step", "ITA Measure"))
	file = b.world.file
	method = "/api/method/"

	def post(path, shape, **json_args):
		return f"POST {method}{path}", "POST", f"{method}{path}", shape, {"json": json_args}

	plan_doc = arguments.stored("ITA Plan", plan)
	print_formats = frappe.get_all(
		"Print Format", filters={"doc_type": "ITA Plan"}, pluck="name", order_by="name"
	)
	for print_format in print_formats:
		yield post(
			"frappe.www.printview.get_html_and_style",
			f"{print_format} of B's plan as a document with agency A",
			doc=as_json({**plan_doc, "agency": a.agency}),
			print_format=print_format,
		)
	yield (
		"GET /printview",
		"GET",
		"/printview",
		"B's plan",
		{"params": {"doctype": "ITA Plan", "name": plan, "format": print_formats[0]}},
	)
	pdf = "frappe.utils.print_format.download_pdf"
	yield (
		f"GET {method}{pdf}",
		"GET",
		f"{method}{pdf}",
		"B's plan",
		{"params": {"doctype": "ITA Plan", "name": plan, "format": print_formats[-1]}},
	)
	for doctype in ("ITA Measure", "ITA Action Step"):
		yield post(
			"frappe.desk.search.search_widget",
			f"{doctype} ignoring user permissions",
			doctype=doctype,
			txt="",
			ignore_user_permissions=1,
			filters=as_json({"agency": b.agency}),
			filter_fields=as_json(readable_fields(doctype)),
			as_dict=1,
		)
	yield post("frappe.desk.search.get_link_title", "B's measure", doctype="ITA Measure", docname=measure)
	yield post(
		"frappe.client.validate_link",
		"B's step",
		doctype="ITA Action Step",
		docname=step,
		fields=as_json(["description", "remarks"]),
	)
	for child in ("ITA Step Division", "ITA Measure Division", "ITA Measure Indicator Result"):
		yield post(
			"frappe.client.get_list",
			f"{child} rows",
			doctype=child,
			parent=parents_of(child)[0],
			fields=as_json(["*"]),
			limit_page_length=0,
		)
	yield post(
		"frappe.desk.listview.get_group_by_count",
		"assigned_to of B's steps",
		doctype="ITA Action Step",
		current_filters=as_json({"agency": b.agency}),
		field="assigned_to",
	)
	yield post("frappe.desk.form.load.getdoc", "B's step", doctype="ITA Action Step", name=step)
	yield post(
		"frappe.client.set_value",
		"B's step with agency A",
		doctype="ITA Action Step",
		name=step,
		fieldname=as_json({"agency": a.agency, "remarks": "probe"}),
	)
	yield post(
		"frappe.desk.form.save.savedocs",
		"B's measure with agency null",
		doc=as_json({**arguments.stored("ITA Measure", measure), "agency": None}),
		action="Save",
	)
	yield post("frappe.desk.like.toggle_like", "B's plan", doctype="ITA Plan", name=plan, add="Yes")
	upload = f"{method}frappe.handler.upload_file"
	yield (
		f"POST {upload}",
		"POST",
		upload,
		"a file attached to B's step",
		{
			"files": {"file": ("probe.txt", b"probe")},
			"data": {"doctype": "ITA Action Step", "docname": step, "is_private": 1},
		},
	)
	yield (
		f"POST {upload}",
		"POST",
		upload,
		"a File of B's private file URL, then the URL",
		{"data": {"file_url": file.file_url, "is_private": 1}, "then": quote(file.file_url)},
	)
	yield (
		f"POST {method}frappe.client.insert",
		"POST",
		f"{method}frappe.client.insert",
		"a File of B's private file URL, then the URL",
		{
			"json": {"doc": as_json({"doctype": "File", "file_url": file.file_url, "is_private": 1})},
			"then": quote(file.file_url),
		},
	)
	yield "GET <B's private file URL>", "GET", quote(file.file_url), "B's evidence file", {}
	images = f"{method}frappe.core.api.file.get_attached_images"
	yield (
		f"GET {images}",
		"GET",
		images,
		"B's step",
		{"params": {"doctype": "ITA Action Step", "names": as_json([step])}},
	)


# The report -----------------------------------------------------------------------------------------------


def report(sweep: Sweep, skipped: dict[str, str], failed_imports: list[str]) -> str:
	"""The violations: a count, an overview per door (kinds, roles, B's DocTypes reached), then each door,
	kind and argument shape with the roles it held for and what leaked or changed."""
	violations = sweep.violations
	known = sorted({*tenant_doctypes(), *REFERENCING, "User", "ITA Agency"}, key=len, reverse=True)
	doctypes = re.compile("|".join(re.escape(d) for d in known))
	overview, groups = {}, {}
	for v in violations:
		door = overview.setdefault(v.door, {"kinds": {}, "roles": set(), "doctypes": set()})
		door["kinds"][v.kind] = door["kinds"].get(v.kind, 0) + 1
		door["roles"].add(v.role)
		door["doctypes"] |= set(doctypes.findall(f"{v.door} {v.shape}"))
		entry = groups.setdefault((v.door, v.kind, v.shape), {"roles": set(), "what": set()})
		entry["roles"].add(v.role)
		entry["what"].add(v.what)
	calls = len({(v.door, v.role, v.shape) for v in violations})
	kinds = ", ".join(f"{kind} {sum(1 for v in violations if v.kind == kind)}" for kind in KINDS_OF_VIOLATION)
	slowest = sorted(sweep.seconds.items(), key=lambda item: -item[1])[:8]
	lines = [
		f"{calls} violating calls of {sweep.calls}, in {len(overview)} doors ({kinds})",
		"slowest doors: " + ", ".join(f"{door} {seconds:.0f} s" for door, seconds in slowest),
		f"skipped {len(skipped)}: " + "; ".join(f"{path}: {why}" for path, why in sorted(skipped.items())),
		f"not importable {len(failed_imports)}: " + "; ".join(failed_imports),
		"",
		"door: kinds | roles of A | B's DocTypes reached",
	]
	for door, entry in sorted(overview.items()):
		kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(entry["kinds"].items()))
		lines.append(f"{door}: {kinds} | {roles_of(entry['roles'])} | {', '.join(sorted(entry['doctypes']))}")
	lines += ["", "door | kind | roles of A | arguments | what leaked or changed"]
	for (door, kind, shape), entry in sorted(groups.items()):
		what = "; ".join(sorted(entry["what"]))
		lines.append(f"{door} | {kind} | {roles_of(entry['roles'])} | {shape} | {what[:500]}")
	return "\n".join(lines)


KINDS_OF_VIOLATION = ("leak", "name", "write", "copy")


def failing(violations: list[Violation]) -> list[Violation]:
	"""The violations that fail the sweep. A record's name alone (an error that names the record a refused
	File or comment belongs to, the first match of a refused filter) is reported, not failed: names are
	sequential IDs, not an agency's data (docs/tenancy.md); what B wrote, and any change to B's rows, fail."""
	return [violation for violation in violations if violation.kind != "name"]


def roles_of(roles: set[str]) -> str:
	return ",".join(r for r in (*CALLERS, *sorted(roles - set(CALLERS))) if r in roles)


def remove_worlds(*worlds: AgencyWorld) -> None:
	"""Deletes everything the worlds committed, and whatever their users made during the sweep."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	users = [user for world in worlds for user in world.users]
	for world in worlds:
		held = holdings(world)
		delete_files(held.names.get("File", []))
		for doctype, condition in held.tables().items():
			if doctype not in ("User", "Has Role", "File"):
				frappe.db.sql(f"delete from `tab{doctype}` where {condition}")
	delete_files(frappe.get_all("File", filters={"owner": ("in", users)}, pluck="name"))
	for doctype in frappe.get_all("DocType", filters={"issingle": 0, "is_virtual": 0}, pluck="name"):
		if doctype not in ("User", "File") and frappe.db.table_exists(doctype):
			frappe.db.sql(f"delete from `tab{doctype}` where `owner` in ({sql_list(users)})")
	for user in users:
		frappe.delete_doc("User", user, force=True, ignore_permissions=True, delete_permanently=True)
	# What deleting users leaves: their Notification Settings, kept as Deleted Documents, and the feed.
	frappe.db.delete("Deleted Document", {"deleted_name": ("in", users)})
	feed = [f"{doctype} {user}" for user in users for doctype in ("User", "Notification Settings")]
	frappe.db.delete("Comment", {"comment_type": "Deleted", "subject": ("in", feed)})
	frappe.db.commit()


def delete_files(names: list[str]) -> None:
	"""Deletes File records and their files on the disk, leaving no Deleted Document or feed comment."""
	for name in names:
		frappe.delete_doc("File", name, force=True, ignore_permissions=True, delete_permanently=True)
	if names:
		frappe.db.delete(
			"Comment", {"comment_type": "Deleted", "subject": ("in", [f"File {n}" for n in names])}
		)
