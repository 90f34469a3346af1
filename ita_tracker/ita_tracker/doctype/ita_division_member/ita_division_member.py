from ita_tracker.tenancy import ITAChildDocument


class ITADivisionMember(ITAChildDocument):
	pass
