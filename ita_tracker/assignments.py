"""The owner of a measure or step gets it in their ToDo list, through Frappe's assignment API."""

from frappe.desk.form import assign_to


def sync_assignment(doc, owner_field: str = "responsible_user", finished: bool = False) -> None:
	"""Assign `doc` to its owner, move the assignment when the owner changes, close it when finished."""
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
