"""Careless input gets a clear error, never a 500 and never a silent change (input_checks.py): through the
REST API, frappe.client and savedocs as a logged-in user with API keys, and for every field of every DocType
of the app in-process. The plan world's plan is of fiscal year 2569 (2025-10-01 - 2026-09-30)."""

import html
import json
import re
from datetime import date

import frappe
from frappe.model.base_document import get_controller
from frappe.tests.utils import FrappeTestCase

from ita_tracker.rules.field_values import KIND_OF_FIELDTYPE, TABLE
from ita_tracker.tests.factories import CommittedWorldTestCase, ITATestCase, make_question
from ita_tracker.tests.http import session

# Real inputs (/work/shared/fixtures/README.md): no such day, or a day typed otherwise than YYYY-MM-DD.
NOT_DATES = ("2026-02-30", "31/04/2026", "29-02-2025", "31/12/2019", "30/06/2569", "๓๐/๐๖/๒๕๖๙")
DEEP = "[" * 5000 + "]" * 5000
# What a new record needs to be named: a B.E. year is judged once Frappe has named the record.
NAMED_BY = {"ITA Fiscal Year": {"fiscal_year": "2590"}}


def messages(response) -> str:
	"""The messages of a Frappe response as a person reads them (tags and entities removed)."""
	shown = [
		json.loads(message)["message"]
		for message in json.loads(response.json().get("_server_messages", "[]"))
	]
	return html.unescape(re.sub("<[^>]+>", "", " ".join(shown)))


class TestCarelessInputOverHTTP(CommittedWorldTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.template = frappe.get_doc(
			{"doctype": "ITA Measure Template", "indicator": "2", "measure_title": "มาตรการจากคลัง"}
		).insert()
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.delete_doc("ITA Measure Template", cls.template.name, force=True)
		frappe.db.commit()
		super().tearDownClass()

	def put(self, user, doctype, name, data):
		return session(user).put(f"{self.url}/api/resource/{doctype}/{name}", json=data, timeout=60)

	def post(self, user, path, **kwargs):
		return session(user).post(f"{self.url}/api/{path}", timeout=60, **kwargs)

	def assertRefused(self, response, status, exc_type, *texts):
		self.assertEqual(
			(response.status_code, response.json().get("exc_type")), (status, exc_type), response.text
		)
		for text in texts:
			self.assertIn(text, messages(response))

	def stored(self, doctype, name, fieldname):
		frappe.db.rollback()
		return frappe.db.get_value(doctype, name, fieldname)

	def test_a_date_that_is_no_real_day_says_how_to_type_a_date(self):
		w = self.w
		completed = self.put(w.owner_a, "ITA Action Step", w.step_a.name, {"completion_date": "2026-02-30"})
		self.assertRefused(
			completed, 417, "InvalidDateError", "Completed On: 2026-02-30 is not a date", "YYYY-MM-DD"
		)
		self.assertIsNone(self.stored("ITA Action Step", w.step_a.name, "completion_date"))
		for typed in NOT_DATES:
			with self.subTest(typed):
				due = self.put(w.manager, "ITA Action Step", w.step_a.name, {"due_date": typed})
				self.assertRefused(
					due, 417, "InvalidDateError", f"Due On: {typed} is not a date", "2026-06-30"
				)
		self.assertEqual(self.stored("ITA Action Step", w.step_a.name, "due_date"), date(2025, 12, 31))

	def test_a_date_typed_yyyy_mm_dd_in_thai_digits_is_read(self):
		w = self.w
		response = self.put(w.manager, "ITA Action Step", w.step_a.name, {"due_date": "๒๐๒๕-๑๒-๓๐"})
		self.assertEqual(response.status_code, 200, response.text)
		self.assertEqual(self.stored("ITA Action Step", w.step_a.name, "due_date"), date(2025, 12, 30))
		self.put(w.manager, "ITA Action Step", w.step_a.name, {"due_date": "2025-12-31"})

	def test_a_buddhist_era_year_is_refused_in_thai_with_the_ce_date_to_type(self):
		w = self.w
		due = self.put(w.manager, "ITA Action Step", w.step_a.name, {"due_date": "2568-12-31", "_lang": "th"})
		self.assertRefused(
			due, 417, "BuddhistEraDateError", "ปี 2568 ใน 2568-12-31 น่าจะเป็นปี พ.ศ.", "ค.ศ. 2025 คือ 2025-12-31"
		)
		for doctype, name, values in (
			("ITA Plan", w.plan.name, {"period_end": "2569-09-30"}),
			("ITA Measure", w.measure_a.name, {"period_start": "2568-10-01"}),
			("ITA Action Step", w.step_a.name, {"start_date": "2569-10-01"}),
		):
			with self.subTest(doctype, values=values):
				response = self.put(w.manager, doctype, name, values)
				self.assertRefused(response, 417, "BuddhistEraDateError", "Buddhist Era (B.E.) year")
		completed = self.put(w.owner_a, "ITA Action Step", w.step_a.name, {"completion_date": "2569-01-15"})
		self.assertRefused(completed, 417, "BuddhistEraDateError", "C.E. year 2026: 2026-01-15")
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("ITA Plan", w.plan.name, ["period_start", "period_end"]),
			(date(2025, 10, 1), date(2026, 9, 30)),
		)
		self.assertEqual(
			frappe.db.get_value("ITA Measure", w.measure_a.name, "period_start"), date(2025, 10, 1)
		)
		self.assertEqual(
			frappe.db.get_value(
				"ITA Action Step", w.step_a.name, ["start_date", "due_date", "completion_date"]
			),
			(date(2025, 10, 1), date(2025, 12, 31), None),
		)

	def test_planned_dates_outside_the_fiscal_year_of_the_plan(self):
		w = self.w
		for doctype, name, values, says in (
			("ITA Plan", w.plan.name, {"period_end": "2026-10-31"}, "outside fiscal year 2569"),
			(
				"ITA Measure",
				w.measure_a.name,
				{"period_end": "2026-12-31"},
				"outside fiscal year 2569 of its plan",
			),
			(
				"ITA Action Step",
				w.step_a.name,
				{"start_date": "2019-12-01"},
				"outside fiscal year 2569 of its plan",
			),
		):
			with self.subTest(doctype):
				response = self.put(w.manager, doctype, name, values)
				self.assertRefused(response, 417, "OutsideFiscalYearError", says)
		self.assertEqual(self.stored("ITA Plan", w.plan.name, "period_end"), date(2026, 9, 30))
		self.assertEqual(self.stored("ITA Measure", w.measure_a.name, "period_end"), date(2026, 9, 30))
		self.assertEqual(self.stored("ITA Action Step", w.step_a.name, "start_date"), date(2025, 10, 1))

	def test_a_text_takes_a_text(self):
		w = self.w
		for value, shown in ((12, "12"), (["ขั้นตอน"], '["ขั้นตอน"]'), ({"a": 1}, '{"a": 1}')):
			with self.subTest(value=value):
				response = self.put(w.manager, "ITA Action Step", w.step_a.name, {"description": value})
				self.assertRefused(response, 417, "WrongValueTypeError", f"Step takes a text, not {shown}.")
		for fieldname, value in (("analysis", ["x"]), ("measure_title", {"a": 1})):
			with self.subTest(fieldname):
				response = self.put(w.manager, "ITA Measure", w.measure_a.name, {fieldname: value})
				self.assertRefused(response, 417, "WrongValueTypeError", "takes a text")
		owner = self.put(w.manager, "ITA Action Step", w.step_a.name, {"responsible_user": [w.owner_b]})
		self.assertRefused(owner, 417, "WrongValueTypeError", "Owner takes the name of a record")
		self.assertEqual(self.stored("ITA Action Step", w.step_a.name, "description"), w.step_a.description)
		self.assertEqual(
			self.stored("ITA Measure", w.measure_a.name, "measure_title"), w.measure_a.measure_title
		)

	def test_a_number_takes_a_number(self):
		w = self.w
		stored = self.stored("ITA Action Step", w.step_a.name, ["progress", "sequence"])
		for value in (True, [50], "NaN"):
			with self.subTest(value=value):
				response = self.put(w.owner_a, "ITA Action Step", w.step_a.name, {"progress": value})
				self.assertRefused(response, 417, "InvalidNumberError", "Progress must be a number")
		score = self.put(w.manager, "ITA Indicator Result", w.results[0].name, {"score": True})
		self.assertRefused(score, 417, "InvalidNumberError", "Score must be a number, not true.")
		sequence = self.put(w.manager, "ITA Action Step", w.step_a.name, {"sequence": True})
		self.assertRefused(sequence, 417, "InvalidNumberError", "Sequence must be a number, not true.")
		self.assertEqual(self.stored("ITA Action Step", w.step_a.name, ["progress", "sequence"]), stored)
		self.assertEqual(self.stored("ITA Indicator Result", w.results[0].name, "score"), 81.37)

	def test_a_table_takes_a_list_of_rows(self):
		w = self.w
		for value, says in (
			("x", "Responsible Divisions takes a list of rows, not x."),
			({"division": w.division_b}, "Responsible Divisions takes a list of rows"),
			(5, "Responsible Divisions takes a list of rows, not 5."),
			(["x"], "Row 1 of Responsible Divisions takes its fields as a mapping"),
			([[w.division_b]], "Row 1 of Responsible Divisions takes its fields as a mapping"),
		):
			with self.subTest(value=value):
				response = self.put(
					w.manager, "ITA Measure", w.measure_a.name, {"responsible_divisions": value}
				)
				self.assertRefused(response, 417, "WrongValueTypeError", says)
		new = self.post(
			w.manager,
			"resource/ITA Measure",
			json={"plan": w.plan.name, "measure_title": "มาตรการใหม่", "indicator_results": w.results[0].name},
		)
		self.assertRefused(new, 417, "WrongValueTypeError", "takes a list of rows")
		frappe.db.rollback()
		self.assertEqual(
			frappe.get_all("ITA Measure Division", filters={"parent": w.measure_a.name}, pluck="division"),
			[w.division_a],
		)
		self.assertFalse(frappe.db.exists("ITA Measure", {"measure_title": "มาตรการใหม่"}))

	def test_an_empty_score_is_an_error_not_zero(self):
		w = self.w
		for value in (None, "", "  "):
			with self.subTest(value=value):
				response = self.put(w.manager, "ITA Indicator Result", w.results[0].name, {"score": value})
				self.assertRefused(response, 417, "MissingNumberError", "Score is empty: enter a number.")
		self.assertEqual(self.stored("ITA Indicator Result", w.results[0].name, "score"), 81.37)
		overall = self.put(w.manager, "ITA Assessment", w.assessment.name, {"overall_score": None})
		self.assertRefused(overall, 417, "MissingNumberError", "Overall Score is empty")
		self.assertEqual(self.stored("ITA Assessment", w.assessment.name, "overall_score"), 81.24)
		# A tool score missing from the imported result stays empty (0, "not entered"): issue 18 prints why.
		tool = self.put(w.manager, "ITA Assessment", w.assessment.name, {"iit_score": ""})
		self.assertEqual(tool.status_code, 200, tool.text)

	def test_fields_only_the_app_sets_are_refused_to_a_request(self):
		w = self.w
		for user, doctype, name, values, label in (
			(
				w.manager,
				"ITA Action Step",
				w.step_a.name,
				{"carried_from": w.step_b.name},
				"Carried Over From",
			),
			(w.owner_a, "ITA Action Step", w.step_a.name, {"revised_from": w.step_b.name}, "Revised From"),
			(
				w.manager,
				"ITA Measure",
				w.measure_a.name,
				{"template": self.template.name},
				"Proposed From Template",
			),
			(
				w.manager,
				"ITA Measure",
				w.measure_a.name,
				{"carried_from": w.measure_b.name},
				"Carried Over From",
			),
			(w.manager, "ITA Measure", w.measure_a.name, {"revised_from": w.measure_b.name}, "Revised From"),
			(w.manager, "ITA Measure", w.measure_a.name, {"status": "Done"}, "Status"),
		):
			with self.subTest(doctype, values=values):
				response = self.put(user, doctype, name, values)
				self.assertRefused(response, 403, "RestrictedFieldError", f"{label} is set by the app itself")
		self.assertEqual(
			self.stored("ITA Action Step", w.step_a.name, ["carried_from", "revised_from"]), (None, None)
		)
		self.assertEqual(
			self.stored(
				"ITA Measure", w.measure_a.name, ["template", "carried_from", "revised_from", "status"]
			),
			(None, None, None, "Not Started"),
		)

	def test_fields_only_the_app_sets_through_every_door(self):
		w = self.w
		step = {
			"doctype": "ITA Action Step",
			"measure": w.measure_a.name,
			"description": "ขั้นตอนต่อจากปีก่อน",
			"carried_from": w.step_b.name,
		}
		created = self.post(w.manager, "resource/ITA Action Step", json=step)
		self.assertRefused(created, 403, "RestrictedFieldError", "Carried Over From")
		measure = {"plan": w.plan.name, "measure_title": "มาตรการจากคลัง", "template": self.template.name}
		measure["indicator_results"] = [{"indicator_result": w.results[0].name}]
		created = self.post(w.manager, "resource/ITA Measure", json=measure)
		self.assertRefused(created, 403, "RestrictedFieldError", "Proposed From Template")
		stored = frappe.get_doc("ITA Action Step", w.step_a.name).as_dict()
		saved = self.post(
			w.manager,
			"method/frappe.client.save",
			json={"doc": json.dumps({**stored, "carried_from": w.step_b.name}, default=str)},
		)
		self.assertRefused(saved, 403, "RestrictedFieldError", "Carried Over From")
		saved = self.post(
			w.manager,
			"method/frappe.desk.form.save.savedocs",
			data={
				"doc": json.dumps({**stored, "completion_date": "2026-02-30"}, default=str),
				"action": "Save",
			},
		)
		self.assertRefused(saved, 417, "InvalidDateError", "2026-02-30")
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("ITA Action Step", {"description": "ขั้นตอนต่อจากปีก่อน"}))
		self.assertFalse(frappe.db.exists("ITA Measure", {"template": self.template.name}))
		self.assertEqual(
			frappe.db.get_value("ITA Action Step", w.step_a.name, ["carried_from", "completion_date"]),
			(None, None),
		)

	def test_a_request_nested_thousands_deep_is_a_bad_request(self):
		w = self.w
		path = f"{self.url}/api/resource/ITA Action Step/{w.step_a.name}"
		modified = self.stored("ITA Action Step", w.step_a.name, "modified")
		for label, response in (
			("data parameter", session(w.manager).put(path, data={"data": DEEP}, timeout=60)),
			(
				"body as text",
				session(w.manager).put(path, data=DEEP, headers={"Content-Type": "text/plain"}, timeout=60),
			),
			(
				"JSON body 150 deep",
				session(w.manager).put(path, json=json.loads("[" * 150 + "]" * 150), timeout=60),
			),
			("doc of client.save", self.post(w.manager, "method/frappe.client.save", data={"doc": DEEP})),
			("doc as JSON text", self.post(w.manager, "method/frappe.client.save", json={"doc": DEEP})),
		):
			with self.subTest(label):
				self.assertRefused(response, 400, "RequestNestedTooDeepError", "more than 100 levels deep")
		self.assertEqual(self.stored("ITA Action Step", w.step_a.name, "modified"), modified)


class TestCarelessInputInProcess(FrappeTestCase):
	"""Every field of every DocType of the app, child tables included: a value of another shape than the
	field takes, an impossible date and a B.E. year are refused with the app's errors, before Frappe or the
	database reads them."""

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.savepoint("careless_input")
		self.addCleanup(frappe.db.rollback, save_point="careless_input")

	def doctypes(self) -> list[str]:
		return frappe.get_all("DocType", filters={"module": "ITA Tracker", "istable": 0}, pluck="name")

	def test_every_controller_of_the_app_judges_its_input(self):
		from ita_tracker.input_checks import ITADocument

		for doctype in frappe.get_all("DocType", filters={"module": "ITA Tracker"}, pluck="name"):
			self.assertTrue(issubclass(get_controller(doctype), ITADocument), doctype)

	def test_every_field_refuses_a_value_of_another_shape(self):
		from ita_tracker import exceptions

		refusals = (
			exceptions.WrongValueTypeError,
			exceptions.InvalidNumberError,
			exceptions.InvalidDateError,
		)
		for doctype, table, df in self.fields():
			with self.subTest(doctype=doctype, table=table, field=df.fieldname):
				wrong = "x" if df.fieldtype in ("Table", "Table MultiSelect") else ["x"]
				with self.assertRaises(refusals):
					self.save(doctype, table, {df.fieldname: wrong})

	def test_every_date_refuses_an_impossible_day_and_a_buddhist_era_year(self):
		from ita_tracker import exceptions

		for doctype, table, df in self.fields():
			if df.fieldtype != "Date":
				continue
			with self.subTest(doctype=doctype, field=df.fieldname):
				with self.assertRaises(exceptions.InvalidDateError):
					self.save(doctype, table, {df.fieldname: "2026-02-30"})
				with self.assertRaises(exceptions.BuddhistEraDateError):
					self.save(doctype, table, {df.fieldname: "2569-10-01"})

	def fields(self):
		"""(DocType, table or None, field) of every field of the app whose value the checks judge."""
		for doctype in self.doctypes():
			meta = frappe.get_meta(doctype)
			for df in meta.fields:
				if df.fieldtype in KIND_OF_FIELDTYPE:
					yield doctype, None, df
				if KIND_OF_FIELDTYPE.get(df.fieldtype) == TABLE:
					for child in frappe.get_meta(df.options).fields:
						if child.fieldtype in KIND_OF_FIELDTYPE:
							yield doctype, df.fieldname, child

	def save(self, doctype: str, table: str | None, values: dict):
		"""Saves a record of `doctype` (or a row of its `table`) with `values`, its other required numbers
		given, so that the value under test is the only one wrong."""
		doc = frappe.get_single(doctype) if frappe.get_meta(doctype).issingle else frappe.new_doc(doctype)
		doc.update(NAMED_BY.get(doctype, {}))
		if table:
			doc.append(table, {**required_numbers(frappe.get_meta(doc.meta.get_options(table))), **values})
			doc.update(required_numbers(doc.meta))
		else:
			doc.update({**required_numbers(doc.meta), **values})
		doc.save()


def required_numbers(meta) -> dict:
	return {df.fieldname: 1 for df in meta.fields if df.reqd and df.fieldtype in ("Int", "Float", "Percent")}


class TestEmptyWeakQuestionScore(ITATestCase):
	def test_an_empty_score_of_a_weakest_question_names_its_row(self):
		from ita_tracker import exceptions

		result = frappe.get_doc("ITA Indicator Result", self.w.results[0].name)
		question = make_question("i92", result.indicator, int(result.fiscal_year))
		result.append("weak_questions", {"question": question.name, "score": 70})
		result.append("weak_questions", {"question": question.name, "score": ""})
		with self.assertRaisesRegex(exceptions.MissingNumberError, "Score in row 2 of Weakest Questions"):
			result.save()
		self.assertEqual(frappe.get_all("ITA Weak Question", filters={"parent": result.name}), [])
