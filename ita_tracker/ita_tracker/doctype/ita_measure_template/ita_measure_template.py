from ita_tracker.input_checks import ITADocument


class ITAMeasureTemplate(ITADocument):
	def validate(self):
		self.normalize_question_codes()

	def normalize_question_codes(self):
		self.question_codes = ", ".join(self.codes())

	def codes(self) -> list[str]:
		return [code.strip().lower() for code in (self.question_codes or "").split(",") if code.strip()]
