"""To those who verify the step (handoffs.step_verifiers): the heads of its divisions, else the ITA
Managers of its agency; they also get the step in their ToDo list (handoffs.hand_off)."""

from ita_tracker.handoffs import notification_context, step_verifiers
from ita_tracker.notifications import email_only_with_outgoing_account


def get_context(context):
	email_only_with_outgoing_account(context)
	return notification_context(context["doc"], step_verifiers(context["doc"]))
