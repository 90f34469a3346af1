"""To the step's owner, when someone else verified it."""

from ita_tracker.handoffs import notification_context, step_owner
from ita_tracker.notifications import email_only_with_outgoing_account


def get_context(context):
	email_only_with_outgoing_account(context)
	return notification_context(context["doc"], step_owner(context["doc"]))
