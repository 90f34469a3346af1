"""The pages of the O25 (its indicators' blocks and its measures table) and of the O26 steps table, laid
out before wkhtmltopdf draws them (rules/paging.py says why): the geometry here mirrors the print formats'
CSS (change both together), and the advance widths come from the font the PDF embeds (ita_tracker/fonts)."""

from functools import cache

from ita_tracker.fonts import SOURCE
from ita_tracker.rules.paging import PT, Font, Placed, Row, Table, line_count, paginate

# The print formats' CSS: A4, margins 25/20 mm top/bottom and 30/20 mm left/right, tables at 14pt with
# 3pt x 5pt cell padding and 1px borders, headings at 16pt, all with line-height 1.3.
A4 = (210.0, 297.0)
MARGINS = {"top": 25.0, "bottom": 20.0, "left": 30.0, "right": 20.0}
TABLE_PT = 14
HEADING_PT = 16
BODY_PT = 16
BORDER_MM = 25.4 / 96
PAD_MM = (3 * PT, 5 * PT)
# What wkhtmltopdf leaves unused at the foot of a page, and what the estimate may be short by (CSS mm).
SAFETY_MM = 8.0
# Printed size of a CSS millimetre: wkhtmltopdf without its patched Qt (Debian's build) draws the page at
# 0.76 of its CSS size (measured: 14pt lines at 1.3 print 13.83pt apart). The patched build is taken at
# 1:1 (not measured here); it repeats header rows and keeps rows whole by itself where an estimate is off.
REDUCED_QT_SCALE = 0.76

O25_COLUMNS = (23, 23, 30, 12, 12)
# The scores table: the first column, then the years' columns share the rest.
O25_SCORES_FIRST = 55
O26_COLUMNS = (41, 19, 10, 12, 18)


@cache
def _advances(bold: bool) -> tuple[dict[int, float], float]:
	# Imported here: every web worker imports this module with the Jinja methods (about 40 ms), few print.
	from fontTools.ttLib import TTFont

	font = TTFont(SOURCE / ("SarabunITA-Bold.ttf" if bold else "SarabunITA-Regular.ttf"), lazy=True)
	units = font["head"].unitsPerEm
	metrics = font["hmtx"].metrics
	widths = {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
	return widths, widths.get(ord("ก"), 0.6)


def font(size_pt: float, bold: bool = False) -> Font:
	widths, fallback = _advances(bold)
	return Font(advance=lambda char: widths.get(ord(char), fallback), size_pt=size_pt)


def css_scale() -> float:
	"""The scale of the wkhtmltopdf that Frappe runs: Frappe tells the patched build by its version
	(`is_wkhtmltopdf_valid`, kept in the cache for an hour)."""
	# Imported when a document is laid out, like fontTools: frappe.utils.pdf loads pdfkit and pypdf, which
	# the web workers that load printing's Jinja methods need not.
	from frappe.utils.pdf import is_wkhtmltopdf_valid

	return 1.0 if is_wkhtmltopdf_valid() else REDUCED_QT_SCALE


def _content_width(page_width: float) -> float:
	return (page_width - MARGINS["left"] - MARGINS["right"]) / css_scale()


def _table(percents, page_width: float) -> Table:
	width = _content_width(page_width)
	gap = 2 * PAD_MM[1] + BORDER_MM
	columns = [width * p / 100 - gap for p in percents]
	return Table(columns=columns, font=font(TABLE_PT), row_extra_mm=2 * PAD_MM[0] + BORDER_MM, gap_mm=gap)


def _page_mm(page_height: float) -> float:
	return (page_height - MARGINS["top"] - MARGINS["bottom"]) / css_scale() - SAFETY_MM


def heading_mm(text: str, size_pt: float, page_width: float, margin_em: float = 0.4) -> float:
	"""A bold heading's height across the page with its top and bottom margins (h1-h3: 0.4em each)."""
	heading = font(size_pt, bold=True)
	return (
		line_count(text, _content_width(page_width), heading) * heading.line_mm + 2 * margin_em * size_pt * PT
	)


def o25_measure_pages(measures: list, headers: list[str], title: str) -> list[list[Placed]]:
	"""The measures table page by page, below its title on the first page: an indicator's heading row kept
	with the measure after it, each measure whole where it fits on a page, else split between its steps
	(Placed.first and .last are then the steps of that page). Reads the texts printing.o25 prepares."""
	table = _table(O25_COLUMNS, A4[0])
	bold = font(TABLE_PT, bold=True)
	page = _page_mm(A4[1]) - table.row_mm([[text] for text in headers], bold)
	rows = []
	for index, measure in enumerate(measures):
		if measure.group:
			rows.append(Row(("group", index), [table.span_mm([measure.group], bold)], keep_with_next=True))
		steps = [table.cell_mm(2, [text]) for text in measure.step_texts] or [0.0]
		whole_but_steps = table.row_mm(
			[
				measure.title_texts,
				measure.analysis_texts,
				[""],
				[measure.period_text],
				[measure.responsible_text],
			]
		)
		first = max(whole_but_steps, steps[0] + table.row_extra_mm)
		rows.append(Row(("measure", index), [first, *(height + table.row_extra_mm for height in steps[1:])]))
	return paginate(rows, page, page - heading_mm(title, HEADING_PT, A4[0]))


def o26_step_pages(measures: list, headers: list[str], cover: list[tuple[str, float]]) -> list[list[Placed]]:
	"""The steps table page by page (landscape A4), below the cover lines on the first page: each
	measure's heading row kept with its first step, each step whole. Reads the texts printing.o26 prepares."""
	width, height = A4[1], A4[0]
	table = _table(O26_COLUMNS, width)
	bold = font(TABLE_PT, bold=True)
	page = _page_mm(height) - table.row_mm([[text] for text in headers], bold)
	rows = []
	for index, measure in enumerate(measures):
		rows.append(Row(("group", index), [table.span_mm([measure.group], bold)], keep_with_next=True))
		for n, cells in enumerate(measure.step_cells):
			rows.append(Row(("step", index, n), [table.row_mm(cells)]))
	cover_mm = sum(heading_mm(text, size, width) for text, size in cover) + HEADING_PT * PT
	return paginate(rows, page, page - cover_mm)


def _paragraph_mm(text: str, width: float, bold: bool = False, margin_em: float = 0.3) -> float:
	"""A body paragraph (16pt) with its bottom margin (.ita-doc p: 0.3em)."""
	body = font(BODY_PT, bold)
	return line_count(text, width, body) * body.line_mm + margin_em * BODY_PT * PT


def _result_mm(result, width: float) -> float:
	"""One indicator's block (div.ita-indicator, margin-bottom 0.4em): its title, weakest questions as a
	list indented 1.5em (ul, margin-bottom 0.3em), analysis and measures."""
	height = _paragraph_mm(f"{result.title_text} {result.points_text}", width, bold=True)
	if result.question_texts:
		height += _paragraph_mm(result.questions_label, width)
		indent = 1.5 * BODY_PT * PT
		height += sum(_paragraph_mm(text, width - indent, margin_em=0) for text in result.question_texts)
		height += 0.3 * BODY_PT * PT
	for text in (result.analysis_text, result.measures_text):
		if text:
			height += _paragraph_mm(text, width)
	return height + 0.4 * BODY_PT * PT


def o25_result_pages(
	intro: list[str], score_rows: list[list[list[str]]], results: list
) -> list[list[Placed]]:
	"""The "results by indicator" blocks page by page, after what page 2 prints before them: `intro` the
	headings and paragraph around the scores table (alternating heading, paragraph, heading, heading),
	`score_rows` the scores table's rows (header first). A block stays whole on one page."""
	width = _content_width(A4[0])
	years = len(score_rows[0]) - 1
	scores = _table([O25_SCORES_FIRST, *[(100 - O25_SCORES_FIRST) / years] * years], A4[0])
	bold = font(TABLE_PT, bold=True)
	before = sum(
		heading_mm(text, HEADING_PT, A4[0]) if index != 1 else _paragraph_mm(text, width)
		for index, text in enumerate(intro)
	)
	before += scores.row_mm(score_rows[0], bold) + sum(scores.row_mm(row) for row in score_rows[1:])
	before += 0.6 * TABLE_PT * PT
	rows = [Row(index, [_result_mm(result, width)]) for index, result in enumerate(results)]
	return paginate(rows, _page_mm(A4[1]), _page_mm(A4[1]) - before)
