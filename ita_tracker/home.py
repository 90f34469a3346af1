"""Each role's home in the desk. Frappe opens the desk (`/app`) on the user's default workspace
(User.default_workspace, which `frappe.boot.user` carries and the desk's router reads), else on the first
workspace of the sidebar. A user who chose a default workspace keeps it; anyone else with an ITA role
lands on the page of their role (`set_home`, a boot_session hook, so that a change of roles takes effect
at the next login with nothing stored):

- ITA managers, executives and division heads: the ITA Tracker workspace (first in the sidebar: its
  sequence_id);
- step owners (ITA User alone): the My Steps workspace, whose first block lists their unfinished steps,
  the earliest due (the overdue ones) first (`my_steps`; the block is the Custom HTML Block
  MY_STEPS_BLOCK, made from home_blocks/ by `install_my_steps_block` on install and migrate)."""

from datetime import date
from pathlib import Path

import frappe

from ita_tracker.rules.deadlines import FINISHED

ITA_TRACKER = "ITA Tracker"
MY_STEPS = "My Steps"
MY_STEPS_BLOCK = "ITA My Steps"
OFFICE_ROLES = {"ITA Manager", "ITA Executive", "ITA Division Head"}
STEP_OWNER = "ITA User"
BLOCK_FILES = Path(__file__).parent / "home_blocks"


def home_workspace(roles) -> str | None:
	"""The workspace a user of `roles` lands on, or None (Frappe's own choice) for a user of no ITA role."""
	if OFFICE_ROLES & set(roles):
		return ITA_TRACKER
	if STEP_OWNER in roles:
		return MY_STEPS
	return None


def set_home(bootinfo) -> None:
	user = bootinfo.get("user")
	if not user or user.get("default_workspace"):
		return
	name = home_workspace(user.get("roles") or [])
	allowed = {workspace.get("name") for workspace in bootinfo.get("allowed_workspaces") or []}
	if not name or name not in allowed:
		return
	workspace = frappe.get_cached_doc("Workspace", name)
	# The shape frappe.utils.user.UserPermissions.load_user gives a stored default workspace.
	user.default_workspace = {"name": workspace.name, "public": workspace.public, "title": workspace.title}


@frappe.whitelist()
@frappe.read_only()
def my_steps() -> list[dict]:
	"""The session user's unfinished steps that they may read, the earliest due first (so the overdue ones
	lead), then those without a deadline."""
	steps = frappe.get_list(
		"ITA Action Step",
		filters={"responsible_user": frappe.session.user, "status": ("not in", list(FINISHED))},
		fields=["name", "description", "status", "due_date", "measure", "plan"],
		order_by="sequence asc",
	)
	return sorted(steps, key=lambda step: (step.due_date is None, step.due_date or date.max))


def install_my_steps_block() -> None:
	"""Creates or updates the Custom HTML Block of the My Steps workspace from home_blocks/."""
	values = {
		"html": (BLOCK_FILES / "my_steps.html").read_text(),
		"script": (BLOCK_FILES / "my_steps.js").read_text(),
		"style": (BLOCK_FILES / "my_steps.css").read_text(),
		"private": 0,
	}
	if frappe.db.exists("Custom HTML Block", MY_STEPS_BLOCK):
		block = frappe.get_doc("Custom HTML Block", MY_STEPS_BLOCK)
		block.update(values)
		block.save(ignore_permissions=True)
	else:
		block = frappe.get_doc({"doctype": "Custom HTML Block", **values})
		block.name = MY_STEPS_BLOCK
		block.insert(ignore_permissions=True)


def remove_my_steps_block() -> None:
	frappe.delete_doc("Custom HTML Block", MY_STEPS_BLOCK, ignore_missing=True, force=True)
