"""The names of the app's own DocTypes, reports and workspaces, read from their definitions in the module
folder (ita_tracker/ita_tracker/<kind>/<name>/<name>.json), without Frappe or a database: hooks.py needs
them before any site is connected, and they change only with the code."""

import json
from functools import cache
from pathlib import Path

MODULE = Path(__file__).resolve().parent / "ita_tracker"


@cache
def _definitions(kind: str) -> tuple[dict, ...]:
	return tuple(
		json.loads(path.read_text(encoding="utf-8"))
		for path in sorted(MODULE.glob(f"{kind}/*/*.json"))
		if path.stem == path.parent.name
	)


def doctypes() -> tuple[str, ...]:
	"""Every DocType of the app, child tables included."""
	return tuple(definition["name"] for definition in _definitions("doctype"))


def parent_doctypes() -> tuple[str, ...]:
	"""The DocTypes that are saved on their own: Frappe runs document events for these only (a child row
	is validated with its parent)."""
	return tuple(
		definition["name"] for definition in _definitions("doctype") if not definition.get("istable")
	)


def reports() -> tuple[str, ...]:
	return tuple(definition["name"] for definition in _definitions("report"))


def workspaces() -> tuple[str, ...]:
	return tuple(definition["name"] for definition in _definitions("workspace"))
