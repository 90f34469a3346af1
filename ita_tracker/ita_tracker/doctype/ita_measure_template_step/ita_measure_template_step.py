from ita_tracker.input_checks import ITADocument


class ITAMeasureTemplateStep(ITADocument):
	pass
