"""Benchmark of the ITA reports at national scale (not a test).

Fills a site with 8,300 agencies x 5 fiscal years of assessments, indicator results, plans, measures
and about 40 action steps per agency-year (~1.7M steps), with bulk inserts, then times each report's
execute() against the same aggregation written as one raw SQL query, in the same run, for one agency
and for the national roll-up, and prints absolute times and ratios.

	cd /opt/frappe-bench/sites
	../env/bin/python /path/to/ita_tracker/scripts/benchmark_reports.py --site test.localhost [--agencies 8300]
	../env/bin/python .../benchmark_reports.py --site test.localhost --clean

The rows it makes are named BENCH-...; --clean removes them (so does reinstalling the app).
"""

import argparse
import platform
import random
import statistics
import time
from datetime import date, timedelta

import frappe

PREFIX = "BENCH-"
YEARS = (2565, 2566, 2567, 2568, 2569)
DIVISIONS_PER_AGENCY = 4
MEASURES_PER_PLAN = 4
STEPS_PER_MEASURE = 10
STATUSES = ("Not Started", "In Progress", "Done", "Verified")
TABLES = (
	"ITA Step Division",
	"ITA Action Step",
	"ITA Measure Indicator Result",
	"ITA Measure Division",
	"ITA Measure",
	"ITA Plan",
	"ITA Indicator Result",
	"ITA Assessment",
	"ITA Division",
	"ITA Agency",
)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--agencies", type=int, default=8300)
	parser.add_argument("--repeat", type=int, default=5)
	parser.add_argument("--clean", action="store_true")
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		if args.clean:
			clean()
			return
		if not frappe.db.exists("ITA Agency", f"{PREFIX}{args.agencies - 1:05d}"):
			clean()
			started = time.perf_counter()
			generate(args.agencies)
			print(f"generated in {time.perf_counter() - started:.0f} s")
		print_sizes()
		run(args.agencies, args.repeat)
	finally:
		frappe.destroy()


def clean():
	for doctype in TABLES:
		column = "parent" if frappe.get_meta(doctype).istable else "name"
		frappe.db.sql(f"delete from `tab{doctype}` where `{column}` like %s", f"{PREFIX}%")
	frappe.db.commit()


PROVINCES = 77


def province_of(number: int) -> str:
	"""Thailand's 77 provinces, about 108 agencies each, as a provincial office's roll-up sees them."""
	return f"{PREFIX}P{number % PROVINCES:02d}"


def generate(agencies: int):
	random.seed(2569)
	from ita_tracker.ita_tracker.doctype.ita_fiscal_year.ita_fiscal_year import ensure_fiscal_year
	from ita_tracker.rules.fiscal import fiscal_year_bounds
	from ita_tracker.rules.rating import rate

	for year in YEARS:
		ensure_fiscal_year(year)
	now = frappe.utils.now()
	common = {"creation": now, "modified": now, "owner": "Administrator", "modified_by": "Administrator"}

	def insert(doctype, rows):
		if rows:
			fields = list(rows[0])
			frappe.db.bulk_insert(
				doctype, fields, [tuple(row[f] for f in fields) for row in rows], chunk_size=20000
			)

	for first in range(0, agencies, 500):
		batch = range(first, min(first + 500, agencies))
		tables = {doctype: [] for doctype in TABLES}
		for number in batch:
			agency = f"{PREFIX}{number:05d}"
			tables["ITA Agency"].append(
				{**common, "name": agency, "agency_name": agency, "province": province_of(number)}
			)
			divisions = [f"{PREFIX}D{number:05d}-{d}" for d in range(DIVISIONS_PER_AGENCY)]
			for division in divisions:
				tables["ITA Division"].append(
					{**common, "name": division, "division_name": division, "agency": agency}
				)
			for year in YEARS:
				overall = round(random.uniform(55, 100), 2)
				assessment = f"{PREFIX}A{number:05d}-{year}"
				tables["ITA Assessment"].append(
					{
						**common,
						"name": assessment,
						"title": assessment,
						"agency": agency,
						"fiscal_year": str(year),
						"overall_score": overall,
						"rating": rate(year, overall),
					}
				)
				results = []
				for indicator in range(1, 11):
					result = f"{assessment}-{indicator}"
					results.append(result)
					tables["ITA Indicator Result"].append(
						{
							**common,
							"name": result,
							"assessment": assessment,
							"agency": agency,
							"fiscal_year": str(year),
							"indicator": str(indicator),
							"score": round(random.uniform(40, 100), 2),
							"needs_measure": 1,
						}
					)
				plan = f"{PREFIX}P{number:05d}-{year}"
				start, end = fiscal_year_bounds(year + 1 if year < 2569 else year)
				tables["ITA Plan"].append(
					{
						**common,
						"name": plan,
						"title": plan,
						"agency": agency,
						"assessment": assessment,
						# As ITAPlan.set_live_assessment keeps it for a plan that is not cancelled.
						"live_assessment": assessment,
						"fiscal_year": str(year),
						"status": "Published",
						"docstatus": 1,
						"period_start": start,
						"period_end": end,
					}
				)
				for m in range(MEASURES_PER_PLAN):
					measure = f"{plan}-M{m}"
					tables["ITA Measure"].append(
						{
							**common,
							"name": measure,
							"plan": plan,
							"agency": agency,
							"fiscal_year": str(year),
							"sequence": m,
							"measure_title": measure,
							"status": "In Progress",
							"period_start": start,
							"period_end": end,
						}
					)
					tables["ITA Measure Division"].append(
						{
							**common,
							"name": f"{measure}-d",
							"parent": measure,
							"parenttype": "ITA Measure",
							"parentfield": "responsible_divisions",
							"idx": 1,
							"division": divisions[m % len(divisions)],
						}
					)
					tables["ITA Measure Indicator Result"].append(
						{
							**common,
							"name": f"{measure}-r",
							"parent": measure,
							"parenttype": "ITA Measure",
							"parentfield": "indicator_results",
							"idx": 1,
							"indicator_result": results[m],
						}
					)
					for s in range(STEPS_PER_MEASURE):
						division = divisions[s % len(divisions)] if s % 2 else None
						# The step's effective division, as its validate stores it (step_divisions.py).
						tables["ITA Step Division"].append(
							{
								**common,
								"name": f"{measure}-S{s}-d",
								"parent": f"{measure}-S{s}",
								"parenttype": "ITA Action Step",
								"parentfield": "effective_divisions",
								"idx": 1,
								"effective_division": division or divisions[m % len(divisions)],
							}
						)
						tables["ITA Action Step"].append(
							{
								**common,
								"name": f"{measure}-S{s}",
								"measure": measure,
								"plan": plan,
								"agency": agency,
								"sequence": s,
								"description": "bench",
								"status": random.choice(STATUSES),
								"division": division,
								"start_date": start,
								"due_date": start + timedelta(days=random.randint(0, 364)),
							}
						)
		for doctype in reversed(TABLES):
			insert(doctype, tables[doctype])
		frappe.db.commit()


def print_sizes():
	for doctype in ("ITA Agency", "ITA Plan", "ITA Measure", "ITA Action Step", "ITA Indicator Result"):
		print(f"{doctype}: {frappe.db.count(doctype):,} rows")


def timed(function, repeat: int) -> float:
	times = []
	for _ in range(repeat):
		started = time.perf_counter()
		function()
		times.append(time.perf_counter() - started)
	return statistics.median(times)


RAW_STATUS = """
	select d.name, count(distinct s.measure), count(s.name),
		sum(s.status = 'Not Started'), sum(s.status = 'In Progress'), sum(s.status = 'Done'),
		sum(s.status = 'Verified'), sum(s.status not in ('Done', 'Verified') and s.due_date < %(cutoff)s)
	from `tabITA Action Step` s
	join `tabITA Plan` p on p.name = s.plan
	join `tabITA Step Division` sd on sd.parent = s.name and sd.parenttype = 'ITA Action Step'
	join `tabITA Division` d on d.name = sd.effective_division
	where p.docstatus < 2 {agency}
	group by d.name order by d.name"""

RAW_OVERDUE = """
	select s.name, s.description, s.responsible_user, d.name, s.due_date, s.status, s.measure,
		max(m.measure_title), group_concat(distinct r.indicator)
	from `tabITA Action Step` s
	join `tabITA Plan` p on p.name = s.plan
	join `tabITA Step Division` sd on sd.parent = s.name and sd.parenttype = 'ITA Action Step'
	join `tabITA Division` d on d.name = sd.effective_division
	join `tabITA Measure` m on m.name = s.measure
	left join `tabITA Measure Indicator Result` mr on mr.parent = m.name and mr.parenttype = 'ITA Measure'
	left join `tabITA Indicator Result` r on r.name = mr.indicator_result
	where p.docstatus < 2 and s.status not in ('Done', 'Verified') and s.due_date < %(cutoff)s {agency}
	group by s.name, d.name order by s.due_date"""

RAW_SCORES = """
	select a.fiscal_year, a.overall_score, a.rating, r.indicator, i.indicator_no, i.indicator_name, r.score
	from `tabITA Assessment` a
	left join `tabITA Indicator Result` r on r.assessment = a.name
	left join `tabITA Indicator` i on i.name = r.indicator
	where a.agency = %(agency)s order by i.indicator_no"""


def run(agencies: int, repeat: int):
	from ita_tracker.ita_tracker.report.ita_implementation_status_by_division import (
		ita_implementation_status_by_division as status_report,
	)
	from ita_tracker.ita_tracker.report.ita_indicator_scores_by_year import (
		ita_indicator_scores_by_year as scores,
	)
	from ita_tracker.ita_tracker.report.ita_overdue_action_steps import ita_overdue_action_steps as overdue
	from ita_tracker.rules.deadlines import overdue_cutoff

	agency = f"{PREFIX}{agencies // 2:05d}"
	cutoff = overdue_cutoff(date(2026, 6, 15))
	cases = [
		(
			"Implementation status, one agency",
			lambda: status_report.execute({"agency": agency}),
			RAW_STATUS.format(agency="and p.agency = %(agency)s"),
		),
		("Implementation status, national", lambda: status_report.execute({}), RAW_STATUS.format(agency="")),
		(
			"Overdue steps, one agency",
			lambda: overdue.execute({"agency": agency}),
			RAW_OVERDUE.format(agency="and p.agency = %(agency)s"),
		),
		("Overdue steps, national", lambda: overdue.execute({}), RAW_OVERDUE.format(agency="")),
		("Indicator scores by year, one agency", lambda: scores.execute({"agency": agency}), RAW_SCORES),
	]
	print(
		f"\nmachine: {platform.processor() or platform.machine()}, {frappe.utils.cint(__import__('os').cpu_count())} cores, "
		f"MariaDB {frappe.db.sql('select version()')[0][0]}; median of {repeat} runs"
	)
	print(f"{'case':40} {'execute()':>11} {'raw SQL':>11} {'ratio':>7}")
	from freezegun import freeze_time

	# The reports read today from the clock; the timings must not (freezegun would freeze them too).
	with freeze_time("2026-06-15 12:00", ignore=[__name__]):
		for label, report, sql in cases:
			report_time = timed(report, repeat)
			raw_time = timed(lambda sql=sql: frappe.db.sql(sql, {"agency": agency, "cutoff": cutoff}), repeat)
			print(
				f"{label:40} {report_time * 1000:9.1f}ms {raw_time * 1000:9.1f}ms {report_time / raw_time:7.2f}"
			)


if __name__ == "__main__":
	main()
