"""Prepares the site the integration suite runs on, as an administrator would before users arrive: the
setup wizard completed (the desk shows the wizard, not the app, until it is) and a System Manager besides
Administrator (Frappe refuses to delete users while Administrator is the only one)."""

import frappe
from frappe.utils import cint

TEST_ADMIN = "ita-test-admin@ita-test.example"


def prepare_site() -> None:
	if not cint(frappe.db.get_single_value("System Settings", "setup_complete")):
		from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

		setup_complete(
			{
				"language": "English",
				"country": "Thailand",
				"timezone": "Asia/Bangkok",
				"currency": "THB",
				"full_name": "ITA Test Admin",
				"email": TEST_ADMIN,
				"password": frappe.generate_hash(length=16),
			}
		)
	if not frappe.db.exists("User", TEST_ADMIN):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": TEST_ADMIN,
				"first_name": "ITA Test Admin",
				"send_welcome_email": 0,
				"roles": [{"role": "System Manager"}],
			}
		).insert(ignore_permissions=True)
	frappe.db.commit()
