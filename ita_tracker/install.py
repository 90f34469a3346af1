"""Seed data installed with the app: records an admin may edit afterwards, so they are inserted once
and never overwritten (unlike fixtures, which are reset on every migrate)."""

import json

import frappe

from ita_tracker.demo.loader import DEMO_FILE
from ita_tracker.fonts import install_fonts
from ita_tracker.hooks import ITA_ROLES, ITA_WORKFLOWS

# The 10 indicators of the ITA in 2566-2568 (ITA-NOTES.md).
INDICATORS = (
	(1, "IIT", "การปฏิบัติหน้าที่", "Performance of Duty"),
	(2, "IIT", "การใช้งบประมาณ", "Use of Budget"),
	(3, "IIT", "การใช้อำนาจ", "Use of Authority"),
	(4, "IIT", "การใช้ทรัพย์สินของราชการ", "Use of Government Property"),
	(5, "IIT", "การแก้ไขปัญหาการทุจริต", "Solving Corruption Problems"),
	(6, "EIT", "คุณภาพการดำเนินงาน", "Quality of Operations"),
	(7, "EIT", "ประสิทธิภาพการสื่อสาร", "Efficiency of Communication"),
	(8, "EIT", "การปรับปรุงระบบการทำงาน", "Improvement of Work Systems"),
	(9, "OIT", "การเปิดเผยข้อมูล", "Disclosure of Information"),
	(10, "OIT", "การป้องกันการทุจริต", "Prevention of Corruption"),
)


SETTINGS = "ITA Settings"


def after_install():
	insert_indicators()
	insert_measure_templates()
	store_setting_defaults()
	# A reinstall on a site where the app's former install turned it on (the patch does it on migrate).
	restore_print_for_cancelled_default()
	install_fonts()
	insert_step_list_settings()


# The patch by which the app turned Print Settings' "Allow Print for Cancelled" on for the whole site, as
# its install did too; a cancelled plan now asks for its own print (ita_plan.js: add_document_buttons).
SITE_WIDE_PRINT_PATCH = "ita_tracker.patches.allow_printing_cancelled_plans"


def restore_print_for_cancelled_default() -> None:
	"""Frappe's default (off) for "Allow Print for Cancelled" where the app turned it on for the whole site,
	so that other apps' cancelled documents print only where the site allows it. Once: the record of the
	app's patch goes with it, so a site that turns the setting on afterwards keeps it."""
	if not frappe.db.exists("Patch Log", {"patch": SITE_WIDE_PRINT_PATCH}):
		return
	frappe.db.set_single_value("Print Settings", "allow_print_for_cancelled", 0)
	frappe.db.delete("Patch Log", {"patch": SITE_WIDE_PRINT_PATCH})


# The step list's columns after the step and its status: its owner and due date first. Frappe shows as
# many columns as the screen is wide (4 on a 1366 px screen, the Tag column among them), so without this the
# owner and the due date were cut off behind the measure.
STEP_LIST_COLUMNS = ("status_field", "responsible_user", "due_date", "measure")


def insert_step_list_settings() -> None:
	"""The step list's List View Settings, once: an admin may change them afterwards (the list's menu)."""
	if frappe.db.exists("List View Settings", "ITA Action Step"):
		return
	meta = frappe.get_meta("ITA Action Step")
	fields = [
		{"fieldname": name, "label": "Status" if name == "status_field" else meta.get_label(name)}
		for name in STEP_LIST_COLUMNS
	]
	frappe.get_doc(
		{
			"doctype": "List View Settings",
			"name": "ITA Action Step",
			"total_fields": str(len(STEP_LIST_COLUMNS) + 2),
			"fields": json.dumps(fields),
		}
	).insert(ignore_permissions=True)


def insert_indicators():
	existing = set(frappe.get_all("ITA Indicator", pluck="indicator_no"))
	for number, tool, name_th, name_en in INDICATORS:
		if number not in existing:
			frappe.get_doc(
				doctype="ITA Indicator",
				indicator_no=number,
				tool=tool,
				indicator_name=name_th,
				indicator_name_en=name_en,
			).insert(ignore_permissions=True)


def insert_measure_templates():
	"""The measure library starts with the measures of the reference plan, as yearly measures."""
	if frappe.db.count("ITA Measure Template"):
		return
	demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
	for measure in demo["plan"]["measures"]:
		frappe.get_doc(
			{
				"doctype": "ITA Measure Template",
				"indicator": str(measure["indicators"][0]),
				"question_codes": ", ".join(measure["questions"]),
				"measure_title": measure["title"],
				"analysis": measure["analysis"],
				"steps": [
					{"description": step, "start_offset_days": 0, "due_offset_days": 364}
					for step in measure["steps"]
				],
			}
		).insert(ignore_permissions=True)


def store_setting_defaults() -> None:
	"""Stores each setting's default where the site stores no value: a single's field never saved reads as
	empty, not as its default, and a site may keep the values of an earlier install (Frappe's uninstall
	before this app's own cleared them left them), which lack the fields added since."""
	settings = frappe.get_single(SETTINGS)
	stored = frappe.db.get_singles_dict(SETTINGS)
	for df in settings.meta.fields:
		if df.default is not None and df.fieldname not in stored:
			settings.set(df.fieldname, df.default)
	settings.save(ignore_permissions=True)


def before_uninstall():
	"""Roles and workflows came as fixtures, which Frappe does not remove with the app, nor the values of
	its settings (Frappe drops no single's values with its DocType). Workflow states and actions stay: they
	are shared by name with other apps' workflows."""
	frappe.db.delete("Singles", {"doctype": SETTINGS})
	for workflow in ITA_WORKFLOWS:
		frappe.delete_doc("Workflow", workflow, ignore_missing=True, force=True)
	frappe.delete_doc("List View Settings", "ITA Action Step", ignore_missing=True, force=True)
	frappe.db.delete("Has Role", {"role": ("in", ITA_ROLES)})
	for role in ITA_ROLES:
		frappe.delete_doc("Role", role, ignore_missing=True, force=True)
