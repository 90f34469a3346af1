from ita_tracker.ita_tracker.report.ita_indicator_scores_by_year.ita_indicator_scores_by_year import execute
from ita_tracker.tests.factories import ITATestCase, make_agency, make_assessment, make_indicator_result


class TestIndicatorScoresByYear(ITATestCase):
	def setUp(self):
		super().setUp()
		self.agency = make_agency().name
		for year, overall, scores in (
			(2565, 84.99, (80, 70)),
			(2567, 88.1, (90, 60)),
			(2568, 81.24, (85.88, 60)),
		):
			assessment = make_assessment(self.agency, year, overall_score=overall)
			make_indicator_result(assessment, "1", scores[0])
			make_indicator_result(assessment, "10", scores[1])

	def test_scores_and_ratings_across_years(self):
		columns, rows, _message, chart, summary = execute({"agency": self.agency})
		self.assertEqual(
			[column["fieldname"] for column in columns][:4], ["indicator_name", "2565", "2567", "2568"]
		)
		by_indicator = {row["indicator"]: row for row in rows}
		self.assertEqual([by_indicator["1"][year] for year in ("2565", "2567", "2568")], [80, 90, 85.88])
		self.assertEqual(by_indicator["10"]["2568"], 60)
		overall = rows[-1]
		self.assertEqual(
			[overall[f"rating_{year}"] for year in ("2565", "2567", "2568")],
			["B", "Pass", "Needs Improvement"],
		)
		self.assertEqual(chart["data"]["yMarkers"][0]["value"], 85)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [84.99, 88.1, 81.24])
		self.assertEqual(summary[0]["value"], "81.24")
		self.assertEqual(summary[2]["value"], "85.00")

	def test_one_year_is_a_chart_of_bars(self):
		agency = make_agency().name
		make_indicator_result(make_assessment(agency, 2568, overall_score=81.24), "1", 85.88)
		chart = execute({"agency": agency})[3]
		self.assertEqual((chart["type"], chart["data"]["labels"]), ("bar", ["2568"]))
		self.assertEqual(chart["data"]["datasets"][-1]["values"], [81.24])

	def test_one_indicator(self):
		rows = execute({"agency": self.agency, "indicator": "10"})[1]
		self.assertEqual([row["indicator"] for row in rows], ["10", "overall"])

	def test_no_agency_asks_for_one(self):
		self.assertEqual(execute({})[1], [])
