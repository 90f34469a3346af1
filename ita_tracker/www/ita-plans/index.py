from frappe import _

from ita_tracker.publishing import published_plans

no_cache = 1


def get_context(context):
	context.title = _("Published ITA Plans")
	context.plans = published_plans()
