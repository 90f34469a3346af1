from ita_tracker.tenancy import ITAChildDocument


class ITAWeakQuestion(ITAChildDocument):
	pass
