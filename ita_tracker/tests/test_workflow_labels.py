"""A workflow's buttons say what the user does, its states what the document is: no action may read like a
state, in English or in Thai (a clerk once met "ดำเนินการแล้ว" both as the button and as the state)."""

import json
from pathlib import Path

from babel.messages.pofile import read_po
from frappe.tests.utils import FrappeTestCase

APP = Path(__file__).parents[1]


def thai() -> dict[str, str]:
	with open(APP / "locale" / "th.po", "rb") as po:
		return {message.id: message.string for message in read_po(po) if message.id and message.string}


class TestWorkflowLabels(FrappeTestCase):
	def test_no_action_reads_like_a_state(self):
		translations = thai()
		for workflow in json.loads((APP / "fixtures" / "workflow.json").read_text(encoding="utf-8")):
			states = {row["state"] for row in workflow["states"]}
			actions = {row["action"] for row in workflow["transitions"]}
			for lang, label in (("en", lambda text: text), ("th", lambda text: translations.get(text, text))):
				state_labels = {label(state).casefold(): state for state in states}
				for action in sorted(actions):
					with self.subTest(workflow=workflow["name"], action=action, lang=lang):
						self.assertNotIn(
							label(action).casefold(),
							state_labels,
							f"{action!r} reads like the state {state_labels.get(label(action).casefold())!r}",
						)

	def test_step_actions_are_the_ones_the_owner_meets(self):
		workflow = next(
			w
			for w in json.loads((APP / "fixtures" / "workflow.json").read_text(encoding="utf-8"))
			if w["name"] == "ITA Action Step Progress"
		)
		moves = {(row["state"], row["action"], row["next_state"]) for row in workflow["transitions"]}
		self.assertIn(("Not Started", "Start Work", "In Progress"), moves)
		self.assertIn(("In Progress", "Report Done", "Done"), moves)
		self.assertIn(("Done", "Verify Work", "Verified"), moves)
