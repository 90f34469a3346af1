"""To the plan's approvers: the ITA Executives of its agency (permissions.plan_approvers). No recipient
rule of a Notification names them, so its recipient row renders them from the context ({{ approvers }})."""

from ita_tracker.notifications import email_only_with_outgoing_account
from ita_tracker.permissions import plan_approvers


def get_context(context):
	email_only_with_outgoing_account(context)
	return {"approvers": "\n".join(plan_approvers(context["doc"]))}
