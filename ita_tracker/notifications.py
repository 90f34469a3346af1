"""What the standard Notifications of ITA Tracker (ita_tracker/notification/) share: they run in Frappe's
Notification machinery, which calls each one's `get_context` before it sends."""

from frappe.email.doctype.email_account.email_account import EmailAccount


def email_only_with_outgoing_account(context: dict) -> None:
	"""E-mail and a system notification where the site has an outgoing e-mail account, else the system
	notification alone. Frappe's Notification would otherwise stop at the missing account, before it
	writes the system notification, and show the user who acted an e-mail setup error."""
	if not EmailAccount.find_outgoing(match_by_doctype=context["doc"].doctype):
		context["alert"].channel = "System Notification"
