from ita_tracker.tenancy import ITAChildDocument


class ITAPlanProposal(ITAChildDocument):
	pass
