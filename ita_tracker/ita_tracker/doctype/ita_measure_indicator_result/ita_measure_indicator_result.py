from ita_tracker.tenancy import ITAChildDocument


class ITAMeasureIndicatorResult(ITAChildDocument):
	pass
