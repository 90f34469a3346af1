from hypothesis import given
from hypothesis import strategies as st

from ita_tracker.rules.paging import PT, Font, Row, Table, line_count, paginate

# A monospaced stand-in: every spacing character 0.5 em, marks 0; at 12pt a character is 2.117 mm.
MONO = Font(
	advance=lambda char: 0.0 if "\u0e31" <= char <= "\u0e4e" and char != "\u0e33" else 0.5, size_pt=12
)
CHAR_MM = 0.5 * 12 * PT
SLACK_MM = 1.5 * 12 * PT


def test_a_short_text_takes_one_line():
	assert line_count("abc", 10 * CHAR_MM, MONO) == 1
	assert line_count("", 10 * CHAR_MM, MONO) == 1


def test_latin_text_breaks_at_spaces():
	# "aaaa bbbb cccc" in 9 characters: "aaaa bbbb" then "cccc".
	assert line_count("aaaa bbbb cccc", 9 * CHAR_MM, MONO) == 2
	assert line_count("aaaa bbbb cccc", 8 * CHAR_MM, MONO) == 3


def test_explicit_newlines_start_lines():
	assert line_count("a\nb\n\nc", 10 * CHAR_MM, MONO) == 4


def test_a_word_wider_than_the_box_is_cut_by_it():
	assert line_count("x" * 25, 10 * CHAR_MM, MONO) == 3


def test_thai_keeps_a_word_of_slack_on_each_line():
	# 20 Thai consonants in a box of 20: the browser may have to break one word earlier, so two lines.
	assert line_count("ก" * 20, 20 * CHAR_MM, MONO) == 2
	assert line_count("ก" * 20, 20 * CHAR_MM + SLACK_MM, MONO) == 1


def test_thai_marks_take_no_width():
	plain = "กขคงจฉชซ" * 3
	marked = "ก่ข้ค๊งจ๋ฉชซ" * 3
	assert line_count(marked, 12 * CHAR_MM + SLACK_MM, MONO) == line_count(
		plain, 12 * CHAR_MM + SLACK_MM, MONO
	)


def test_a_row_is_as_tall_as_its_tallest_cell():
	table = Table(columns=[10 * CHAR_MM, 10 * CHAR_MM], font=MONO, row_extra_mm=2.0)
	assert table.row_mm([["aaaa"], ["aaaa bbbb cccc dddd"]]) == 2 * MONO.line_mm + 2.0
	assert table.row_mm([["a", "b", "c"], ["d"]]) == 3 * MONO.line_mm + 2.0


def test_a_heading_across_the_table_has_the_columns_and_the_gaps_between_them():
	# A row's vertical extra is larger than the gap, and does not widen the heading.
	table = Table(columns=[10 * CHAR_MM, 10 * CHAR_MM], font=MONO, row_extra_mm=10.0, gap_mm=CHAR_MM)
	# 21 characters: the two columns' 20 and the gap's one.
	assert table.span_mm(["a" * 21]) == MONO.line_mm + 10.0
	assert table.span_mm(["a" * 22]) == 2 * MONO.line_mm + 10.0


def keys(pages):
	return [[(placed.key, placed.first, placed.last) for placed in page] for page in pages]


def test_rows_go_whole_onto_the_next_page():
	rows = [Row("a", [40]), Row("b", [40]), Row("c", [40])]
	assert keys(paginate(rows, page_mm=100)) == [[("a", 0, 0), ("b", 0, 0)], [("c", 0, 0)]]


def test_the_first_page_may_have_less_room():
	rows = [Row("a", [40]), Row("b", [40])]
	assert keys(paginate(rows, page_mm=100, first_page_mm=50)) == [[("a", 0, 0)], [("b", 0, 0)]]


def test_a_heading_moves_with_the_row_after_it():
	rows = [Row("a", [70]), Row("heading", [10], keep_with_next=True), Row("b", [30])]
	assert keys(paginate(rows, page_mm=100)) == [[("a", 0, 0)], [("heading", 0, 0), ("b", 0, 0)]]


def test_a_heading_moves_with_a_row_that_would_move_whole():
	rows = [Row("a", [50]), Row("heading", [10], keep_with_next=True), Row("b", [20, 30])]
	assert keys(paginate(rows, page_mm=100)) == [[("a", 0, 0)], [("heading", 0, 0), ("b", 0, 1)]]


def test_a_row_taller_than_a_page_is_split_between_its_parts():
	rows = [Row("a", [30]), Row("b", [40, 40, 40, 40])]
	pages = paginate(rows, page_mm=100)
	assert keys(pages) == [[("a", 0, 0), ("b", 0, 0)], [("b", 1, 2)], [("b", 3, 3)]]
	assert [placed.continued for page in pages for placed in page] == [False, False, True, True]


def test_a_row_taller_than_a_page_that_cannot_be_split_gets_a_page_of_its_own():
	rows = [Row("a", [30]), Row("b", [150]), Row("c", [30])]
	assert keys(paginate(rows, page_mm=100)) == [[("a", 0, 0)], [("b", 0, 0)], [("c", 0, 0)]]


@given(
	st.lists(
		st.tuples(st.lists(st.floats(1, 60), min_size=1, max_size=6), st.booleans()), min_size=1, max_size=40
	)
)
def test_every_part_placed_once_in_order_and_no_page_overfull(spec):
	rows = [Row(i, parts, keep) for i, (parts, keep) in enumerate(spec)]
	pages = paginate(rows, page_mm=100)
	placed = [(p.key, n) for page in pages for p in page for n in range(p.first, p.last + 1)]
	assert placed == [(row.key, n) for row in rows for n in range(len(row.parts))]
	for page in pages:
		assert page
		used = sum(rows[p.key].parts[n] for p in page for n in range(p.first, p.last + 1))
		# Only a single part taller than a page may overfill it, alone.
		assert used <= 100 + 1e-9 or (len(page) == 1 and page[0].first == page[0].last)
