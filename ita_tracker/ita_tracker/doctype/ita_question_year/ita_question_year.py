from ita_tracker.input_checks import ITADocument


class ITAQuestionYear(ITADocument):
	pass
