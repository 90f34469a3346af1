"""To whoever submitted the plan for approval (its submitted_by)."""

from ita_tracker.notifications import email_only_with_outgoing_account


def get_context(context):
	email_only_with_outgoing_account(context)
