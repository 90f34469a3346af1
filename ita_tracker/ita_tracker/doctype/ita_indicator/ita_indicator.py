from ita_tracker.input_checks import ITADocument
from ita_tracker.ita_tracker.doctype.ita_indicator_result.ita_indicator_result import (
	refresh_titles_of_indicator,
)


class ITAIndicator(ITADocument):
	def on_update(self):
		if self.has_value_changed("indicator_name"):
			refresh_titles_of_indicator(self.name)
