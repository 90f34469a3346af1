"""Thai is shipped for every text of the app a user can see: DocType names, labels, descriptions,
select options and every message marked with _()."""

import json
import re
from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from frappe.tests.utils import FrappeTestCase
from frappe.translate import clear_cache

APP = Path(__file__).parents[1]
# Codes that read the same in Thai: tool acronyms and letter ratings.
UNTRANSLATED = {"ITA", "IIT", "EIT", "OIT", "AA", "A", "B", "C", "D", "E", "F"}
MARKED = re.compile(r'(?<![\w])(?:_|_lt|__|th)\(\s*"((?:[^"\\]|\\.)*)"')


def texts_of_the_app() -> set[str]:
	texts = set()
	for path in APP.glob("**/doctype/*/*.json"):
		doctype = json.loads(path.read_text(encoding="utf-8"))
		texts.update(filter(None, (doctype["name"], doctype.get("description"))))
		texts.update(link["group"] for link in doctype.get("links", []) if link.get("group"))
		for field in doctype["fields"]:
			texts.update(filter(None, (field.get("label"), field.get("description"))))
			if field["fieldtype"] == "Select":
				texts.update(filter(None, field.get("options", "").split("\n")))
	for kind in ("number_card", "dashboard_chart", "workspace"):
		for path in APP.glob(f"**/{kind}/*/*.json"):
			record = json.loads(path.read_text(encoding="utf-8"))
			texts.update(filter(None, (record.get("label"), record.get("chart_name"), record.get("name"))))
			for block in json.loads(record.get("content") or "[]"):
				if block["type"] == "header":
					texts.add(re.sub("<[^>]+>", "", block["data"]["text"]))
	workflows = json.loads((APP / "fixtures" / "workflow.json").read_text(encoding="utf-8"))
	for workflow in workflows:
		texts.update(state["state"] for state in workflow["states"])
		texts.update(transition["action"] for transition in workflow["transitions"])
	for pattern in ("**/*.py", "**/*.js", "**/*.html"):
		for path in APP.glob(pattern):
			if "tests" not in path.parts:
				texts.update(MARKED.findall(path.read_text(encoding="utf-8")))
	return texts - UNTRANSLATED


class TestThaiTranslations(FrappeTestCase):
	def test_every_text_has_a_thai_translation(self):
		with open(APP / "locale" / "th.po", "rb") as po:
			translated = {message.id for message in read_po(po) if message.id and message.string}
		self.assertEqual(sorted(texts_of_the_app() - translated), [])

	def test_the_site_speaks_thai(self):
		frappe.local.lang = "th"
		try:
			clear_cache()
			self.assertEqual(frappe._("Needs Improvement"), "ต้องปรับปรุง")
			self.assertEqual(frappe._("ITA Plan"), "แผนการนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร")
		finally:
			frappe.local.lang = "en"
			clear_cache()
