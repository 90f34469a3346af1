from frappe import _
from frappe.query_builder.functions import Count, Sum

from ita_tracker.report_filters import checked_filters
from ita_tracker.reporting import Division, Step, count_where, is_overdue_term, steps_by_division

STATUS_COLUMNS = (
	("not_started", "Not Started"),
	("in_progress", "In Progress"),
	("done", "Done"),
	("verified", "Verified"),
)


def execute(filters: dict | None = None):
	rows = get_data(checked_filters(filters))
	return get_columns(), rows, None, get_chart(rows), get_summary(rows)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "division",
			"label": _("Division"),
			"fieldtype": "Link",
			"options": "ITA Division",
			"width": 220,
		},
		{"fieldname": "measures", "label": _("Measures"), "fieldtype": "Int", "width": 100},
		{"fieldname": "total", "label": _("Steps"), "fieldtype": "Int", "width": 90},
		*(
			{"fieldname": fieldname, "label": _(status), "fieldtype": "Int", "width": 110}
			for fieldname, status in STATUS_COLUMNS
		),
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Int", "width": 100},
		{"fieldname": "percent_complete", "label": _("% Complete"), "fieldtype": "Percent", "width": 120},
	]


def get_data(filters) -> list[dict]:
	rows = (
		steps_by_division(filters)
		.select(
			Division.name.as_("division"),
			Count(Step.measure).distinct().as_("measures"),
			Count(Step.name).as_("total"),
			*(Sum(count_where(Step.status == status)).as_(fieldname) for fieldname, status in STATUS_COLUMNS),
			Sum(count_where(is_overdue_term())).as_("overdue"),
		)
		.groupby(Division.name)
		.orderby(Division.name)
		.run(as_dict=True)
	)
	for row in rows:
		row.percent_complete = 100 * (row.done + row.verified) / row.total if row.total else 0
	return rows


def get_chart(rows) -> dict:
	return {
		"type": "bar",
		"barOptions": {"stacked": True},
		"data": {
			"labels": [row.division for row in rows],
			"datasets": [
				{"name": _(status), "values": [row[fieldname] for row in rows]}
				for fieldname, status in STATUS_COLUMNS
			],
		},
		"colors": ["#98a2b3", "#f79009", "#2e90fa", "#12b76a"],
	}


def get_summary(rows) -> list[dict]:
	total = sum(row.total for row in rows)
	finished = sum(row.done + row.verified for row in rows)
	overdue = sum(row.overdue for row in rows)
	return [
		{"label": _("Steps"), "value": total, "datatype": "Int", "indicator": "Blue"},
		{
			"label": _("% Complete"),
			"value": 100 * finished / total if total else 0,
			"datatype": "Percent",
			"indicator": "Green",
		},
		{
			"label": _("Overdue"),
			"value": overdue,
			"datatype": "Int",
			"indicator": "Red" if overdue else "Green",
		},
	]
