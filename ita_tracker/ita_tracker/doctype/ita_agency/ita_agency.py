from ita_tracker.input_checks import ITADocument


class ITAAgency(ITADocument):
	pass
