"""To the step's owner, when someone else reopened it (Done or Verified back to In Progress); Start Work
also leads to In Progress, and tells nobody."""

from ita_tracker.handoffs import notification_context, step_owner, was_reopened
from ita_tracker.notifications import email_only_with_outgoing_account


def get_context(context):
	email_only_with_outgoing_account(context)
	step = context["doc"]
	return notification_context(step, step_owner(step) if was_reopened(step) else [])
