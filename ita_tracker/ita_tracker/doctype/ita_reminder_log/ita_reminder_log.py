from ita_tracker.input_checks import ITADocument


class ITAReminderLog(ITADocument):
	pass
