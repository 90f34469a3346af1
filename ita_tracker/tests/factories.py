"""Factories of ITA records for the integration tests: each builds a valid record from the fewest
arguments, with unique names, inside the test's transaction (FrappeTestCase rolls it back)."""

import csv
import io
from datetime import date

import frappe
from frappe.tests.utils import FrappeTestCase

from ita_tracker.demo.loader import DEMO_FILE
from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
from ita_tracker.ita_tracker.doctype.ita_question.ita_question import get_question

# The outgoing e-mail account ITATestCase.queue_mail makes where the site has none.
OUTGOING_ACCOUNT = "ITA Test Outgoing"


def unique(prefix: str) -> str:
	return f"{prefix} {frappe.generate_hash(length=8)}"


def ensure_outgoing_account() -> bool:
	"""An outgoing account for the mail the workflows queue (tests keep it muted and queued); True if made
	here, where the site had none."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1}):
		return False
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": OUTGOING_ACCOUNT,
			"email_id": "ita-reminders@example.org",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	return True


def make_agency(**fields):
	return frappe.get_doc(
		{
			"doctype": "ITA Agency",
			"agency_name": unique("เทศบาลตำบลทดสอบ"),
			"agency_type": "Subdistrict Municipality",
			"province": "มหาสารคาม",
			**fields,
		}
	).insert()


def make_division(agency: str, **fields):
	return frappe.get_doc(
		{"doctype": "ITA Division", "division_name": unique("กอง"), "agency": agency, **fields}
	).insert()


def make_assessment(agency: str | None = None, fiscal_year: int = 2568, **fields):
	ensure_fiscal_year(fiscal_year)
	return frappe.get_doc(
		{
			"doctype": "ITA Assessment",
			"agency": agency or make_agency().name,
			"fiscal_year": str(fiscal_year),
			"overall_score": 81.24,
			**fields,
		}
	).insert()


def make_question(code: str, indicator: str, fiscal_year: int = 2568, **fields):
	ensure_fiscal_year(fiscal_year)
	if existing := get_question(code, fiscal_year):
		return frappe.get_doc("ITA Question", existing)
	return frappe.get_doc(
		{
			"doctype": "ITA Question",
			"question_code": code,
			"indicator": indicator,
			"question_text": unique("ข้อคำถาม"),
			"applies_in": [{"fiscal_year": str(fiscal_year)}],
			**fields,
		}
	).insert()


# The reference agency's result, as the demo imports it: its question rows are the question bank.
DEMO_CSV = DEMO_FILE.with_name("khwao_yai_2568_result.csv")


def demo_rows() -> list[list[str]]:
	return list(csv.reader(io.StringIO(DEMO_CSV.read_text(encoding="utf-8"))))


def unique_demo_csv() -> bytes:
	"""The demo result as a CSV file of its own: Frappe stores identical content once, at the address (and
	so under the name) of whichever upload came first, in any test that left its file behind."""
	rows = demo_rows()
	rows[2][6] += f" ({frappe.generate_hash(length=8)})"  # the first indicator's analysis
	out = io.StringIO()
	csv.writer(out).writerows(rows)
	return out.getvalue().encode()


def load_question_bank(fiscal_year: int = 2568) -> None:
	"""The demo result's questions in the bank of `fiscal_year`, as the site's ITA Administrator loads them:
	an agency's officer imports scores of the questions the bank has."""
	for record, code, _score, _year, indicator, text, _analysis in demo_rows()[1:]:
		if record == "question":
			make_question(code, indicator, fiscal_year, question_text=text)


def make_indicator_result(assessment, indicator: str = "1", score=80, weak_questions=(), **fields):
	"""`weak_questions` are (code, score) pairs; the questions are made in the assessment's year."""
	fiscal_year = int(assessment.fiscal_year)
	return frappe.get_doc(
		{
			"doctype": "ITA Indicator Result",
			"assessment": assessment.name,
			"indicator": indicator,
			"score": score,
			"weak_questions": [
				{"question": make_question(code, indicator, fiscal_year).name, "score": question_score}
				for code, question_score in weak_questions
			],
			**fields,
		}
	).insert()


def make_plan(assessment=None, **fields):
	assessment = assessment or make_assessment()
	return frappe.get_doc({"doctype": "ITA Plan", "assessment": assessment.name, **fields}).insert()


def make_measure(plan, indicator_results, **fields):
	return frappe.get_doc(
		{
			"doctype": "ITA Measure",
			"plan": plan.name,
			"measure_title": unique("มาตรการ"),
			# A complete measure says what the weak scores show (checks.check_completeness).
			"analysis": "คะแนนข้อคำถามที่ต่ำสุดแสดงว่าบุคลากรยังไม่ทราบแนวทางปฏิบัติ",
			"indicator_results": [{"indicator_result": result.name} for result in indicator_results],
			**fields,
		}
	).insert()


def make_step(measure, **fields):
	return frappe.get_doc(
		{
			"doctype": "ITA Action Step",
			"measure": measure.name,
			"description": unique("ขั้นตอน"),
			"start_date": date(2025, 10, 1),
			"due_date": date(2025, 12, 31),
			**fields,
		}
	).insert()


def make_user(*roles: str, first_name: str = "ทดสอบ"):
	email = f"{frappe.generate_hash(length=10)}@ita-test.example"
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"send_welcome_email": 0,
			"roles": [{"role": role} for role in roles],
		}
	).insert(ignore_permissions=True)
	return user.name


class Team:
	"""The people of an agency, one per role (users are made once per test class: Frappe throttles
	user creation)."""

	def __init__(self):
		self.manager = make_user("ITA Manager", first_name="Manager")
		self.executive = make_user("ITA Executive", first_name="Executive")
		self.head_a = make_user("ITA Division Head", first_name="HeadA")
		self.head_b = make_user("ITA Division Head", first_name="HeadB")
		self.owner_a = make_user("ITA User", first_name="OwnerA")
		self.owner_b = make_user("ITA User", first_name="OwnerB")
		self.manager_executive = make_user("ITA Manager", "ITA Executive", first_name="Both")


class PlanWorld:
	"""An agency with two divisions headed by the team's heads, a draft plan with one measure per
	division, and a step in each owned by one of the team's ITA Users."""

	def __init__(self, team: Team):
		self.team = team
		self.__dict__.update(vars(team))
		self.agency = make_agency().name
		self.division_a = make_division(self.agency, head=self.head_a).name
		self.division_b = make_division(self.agency, head=self.head_b).name
		self.assessment = assessment = make_assessment(self.agency)
		self.results = results = [
			make_indicator_result(assessment, "2", 81.37),
			make_indicator_result(assessment, "5", 78.43),
		]
		frappe.set_user(self.manager)
		self.plan = make_plan(assessment)
		self.measure_a = make_measure(
			self.plan,
			results[:1],
			responsible_divisions=[{"division": self.division_a}],
			responsible_user=self.head_a,
		)
		self.measure_b = make_measure(
			self.plan, results[1:], responsible_divisions=[{"division": self.division_b}]
		)
		self.step_a = make_step(self.measure_a, responsible_user=self.owner_a)
		self.step_b = make_step(self.measure_b, responsible_user=self.owner_b, division=self.division_b)
		frappe.set_user("Administrator")

	def act(self, user: str, doc, action: str):
		"""Applies a workflow action as `user`, as the desk's action buttons do."""
		from frappe.model.workflow import apply_workflow

		frappe.set_user(user)
		try:
			return apply_workflow(frappe.get_doc(doc.doctype, doc.name), action)
		finally:
			frappe.set_user("Administrator")

	def bring_plan_to(self, status: str) -> None:
		"""Moves the committed plan on through Submit, Approve and Publish until it is at `status`, from
		wherever an earlier test sharing it left it, and commits: journeys in a browser share one plan."""
		frappe.db.rollback()
		for user, from_status, action in (
			(self.manager, "Draft", "Submit for Approval"),
			(self.executive, "Pending Approval", "Approve"),
			(self.manager, "Approved", "Publish"),
		):
			current = frappe.db.get_value("ITA Plan", self.plan.name, "status")
			if current == status:
				break
			if current == from_status:
				self.act(user, self.plan, action)
		frappe.db.commit()

	def approve_plan(self):
		self.act(self.manager, self.plan, "Submit for Approval")
		self.act(self.executive, self.plan, "Approve")
		self.plan.reload()

	def revise(self):
		"""Cancel for Revision as the manager, then amend as the desk's Amend does."""
		self.act(self.manager, self.plan, "Cancel for Revision")
		return self.amend()

	def amend(self):
		"""The revision of the cancelled plan, made as the manager with the desk's Amend."""
		frappe.set_user(self.manager)
		try:
			revision = frappe.copy_doc(frappe.get_doc("ITA Plan", self.plan.name), ignore_no_copy=False)
			revision.update({"amended_from": self.plan.name, "docstatus": 0})
			return revision.insert()
		finally:
			frappe.set_user("Administrator")


class ITATestCase(FrappeTestCase):
	"""A team per class and a fresh plan world per test, as Administrator; each test's records are rolled
	back after it, not only after the class."""

	# A second agency with its own team and plan world (`self.other`), for what one agency's users may
	# not reach in another's.
	WITH_OTHER_AGENCY = False

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.team = Team()
		if cls.WITH_OTHER_AGENCY:
			cls.other_team = Team()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("ita_test")
		self.addCleanup(frappe.set_user, "Administrator")
		self.addCleanup(frappe.db.rollback, save_point="ita_test")
		self.w = PlanWorld(self.team)
		if self.WITH_OTHER_AGENCY:
			self.other = PlanWorld(self.other_team)

	def restrict_to_agency(self, user: str, agency: str) -> None:
		"""Gives `user` one agency, as an administrator does (a User Permission on ITA Agency), for this test."""
		permission = frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": user,
				"allow": "ITA Agency",
				"for_value": agency,
				"apply_to_all_doctypes": 1,
			}
		).insert(ignore_permissions=True)
		# Deleting it clears Frappe's cache of the user's permissions, which the rollback would not.
		self.addCleanup(frappe.delete_doc, "User Permission", permission.name, ignore_permissions=True)

	def queue_mail(self) -> None:
		"""Mail muted, so that it stays queued (sending it would commit the test's transaction, through the
		Email Queue's status), through an outgoing account the queue can name. Frappe keeps the account it
		found for the rest of the "request", i.e. this test process, hence its reset after the test."""
		frappe.flags.mute_emails = True
		self.addCleanup(setattr, frappe.flags, "mute_emails", False)
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})
		ensure_outgoing_account()

	def save_as(self, user: str, doctype: str, name: str, **changes):
		"""Saves `changes` to a stored record as `user` would through the desk or the REST API."""
		frappe.set_user(user)
		try:
			doc = frappe.get_doc(doctype, name)
			doc.update(changes)
			return doc.save()
		finally:
			frappe.set_user("Administrator")


def delete_world(w: PlanWorld) -> None:
	"""Removes what a world committed for a test that a server process had to see."""
	frappe.set_user("Administrator")
	# The plan reopened first: its content leaves it only while it is open (permissions.PLAN_STATES).
	frappe.db.set_value("ITA Plan", w.plan.name, {"status": "Draft", "docstatus": 0})
	plan = frappe.get_doc("ITA Plan", w.plan.name)
	for doctype in ("ITA Action Step", "ITA Measure"):
		for name in frappe.get_all(doctype, filters={"plan": plan.name}, pluck="name"):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
	frappe.delete_doc("ITA Plan", plan.name, force=True, ignore_permissions=True)
	frappe.db.delete("Notification Log", {"document_type": "ITA Plan", "document_name": plan.name})
	assessment = frappe.db.get_value("ITA Assessment", {"agency": w.agency})
	for name in frappe.get_all("ITA Indicator Result", filters={"assessment": assessment}, pluck="name"):
		frappe.delete_doc("ITA Indicator Result", name, force=True)
	frappe.delete_doc("ITA Assessment", assessment, force=True)
	for division in (w.division_a, w.division_b):
		frappe.delete_doc("ITA Division", division, force=True)
	frappe.delete_doc("ITA Agency", w.agency, force=True)


def delete_team(team: Team) -> None:
	for user in vars(team).values():
		frappe.delete_doc("User", user, force=True, ignore_permissions=True)


def delete_agency(agency: str) -> None:
	"""Removes an agency and everything of its plans and assessments that a test committed (rows built
	by the factories, some with their state set directly)."""
	for plan in frappe.get_all("ITA Plan", filters={"agency": agency}, pluck="name"):
		for step in frappe.get_all("ITA Action Step", filters={"plan": plan}, pluck="name"):
			frappe.db.delete("ITA Step Division", {"parent": step})
			frappe.db.delete("ITA Action Step", {"name": step})
		for measure in frappe.get_all("ITA Measure", filters={"plan": plan}, pluck="name"):
			for table in ("ITA Measure Division", "ITA Measure Indicator Result", "ITA Measure Question"):
				frappe.db.delete(table, {"parent": measure})
			frappe.db.delete("ITA Measure", {"name": measure})
		frappe.db.delete("ITA Plan", {"name": plan})
	for assessment in frappe.get_all("ITA Assessment", filters={"agency": agency}, pluck="name"):
		for result in frappe.get_all(
			"ITA Indicator Result", filters={"assessment": assessment}, pluck="name"
		):
			frappe.db.delete("ITA Weak Question", {"parent": result})
			frappe.db.delete("ITA Indicator Result", {"name": result})
		frappe.db.delete("ITA Assessment", {"name": assessment})
	frappe.db.delete("ITA Agency", {"name": agency})


class CommittedWorldTestCase(FrappeTestCase):
	"""A plan world for a class whose tests go through the web server, another process that sees only
	committed records: committed before the class, with API keys for the roles in API_ROLES (attributes
	of the world), and deleted after it."""

	API_ROLES = ("manager", "executive", "head_a", "owner_a")

	@classmethod
	def setUpClass(cls):
		from ita_tracker.tests.http import api_keys, site_url

		super().setUpClass()
		cls.w = PlanWorld(Team())
		for role in cls.API_ROLES:
			api_keys(getattr(cls.w, role))
		cls.url = site_url()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		delete_world(cls.w)
		delete_team(cls.w.team)
		frappe.db.commit()
		super().tearDownClass()
