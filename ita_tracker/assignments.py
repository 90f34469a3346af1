"""The owner of a measure or step gets it in their ToDo list, through Frappe's assignment API."""

from collections.abc import Callable
from contextlib import contextmanager

import frappe
from frappe.desk.form import assign_to


def sync_assignment(doc, owner_field: str = "responsible_user", finished: bool = False) -> None:
	"""Assign `doc` to its owner, move the assignment when the owner changes, close it when finished."""
	if frappe.flags.ita_assignments_deferred:
		return
	before = doc.get_doc_before_save()
	previous = before.get(owner_field) if before else None
	owner = doc.get(owner_field)
	if previous and previous != owner:
		assign_to.remove(doc.doctype, doc.name, previous, ignore_permissions=True)
	if finished:
		assign_to.close_all_assignments(doc.doctype, doc.name, ignore_permissions=True)
	elif owner and (owner != previous or not before):
		assign_to.add(
			{"assign_to": [owner], "doctype": doc.doctype, "name": doc.name, "description": doc.get_title()},
			ignore_permissions=True,
		)


@contextmanager
def assignments_deferred():
	"""No assignment while the documents saved within are made (a revision's copies): whoever makes them
	assigns them once they are committed (`when_committed`)."""
	frappe.flags.ita_assignments_deferred = True
	try:
		yield
	finally:
		frappe.flags.ita_assignments_deferred = False


def when_committed(callback: Callable[[], None]) -> None:
	"""Runs `callback` as the transaction commits, never when it is rolled back: just before the commit
	(`frappe.db.before_commit`), so that the ToDos it writes are committed with the rest, and the
	notifications Frappe's assignment queues at once (`enqueue_create_notification`, not after commit)
	are queued only for records that are being committed. Tests never commit: there it runs at once, as
	Frappe's own `enqueue(now=frappe.flags.in_test)` does."""
	if frappe.flags.in_test:
		callback()
	else:
		frappe.db.before_commit.add(callback)
