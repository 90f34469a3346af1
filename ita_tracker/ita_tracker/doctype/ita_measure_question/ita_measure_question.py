from ita_tracker.tenancy import ITAChildDocument


class ITAMeasureQuestion(ITAChildDocument):
	pass
