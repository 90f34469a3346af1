import codecs
import html
import io
import zipfile
from decimal import Decimal

import pytest

from ita_tracker.rules.result_file import (
	MAX_COLUMNS,
	MAX_FILE_BYTES,
	MAX_ROWS,
	MAX_XLSX_UNCOMPRESSED_BYTES,
	MEGABYTE,
	ZIP_SIGNATURE,
	ResultFileRefused,
	decode_text,
	is_formula_like,
	read_result_rows,
	rows_of_file,
)

HEADER = ["record", "code", "score", "fiscal_year", "indicator", "text", "analysis"]
INDICATORS = set(range(1, 11))


def read(*rows, known=("i2",)):
	return read_result_rows([HEADER, *rows], 2568, INDICATORS, set(known))


def test_a_good_file_in_thai_and_arabic_digits():
	result, errors = read(
		["overall", "", "๘๑.๒๔", "๒๕๖๘"],
		["tool", "iit", "85.5", "2568"],
		["indicator", "๑", "๘๕.๘๘", "2568", "", "", "วิเคราะห์"],
		["question", "i2", "80", "2568", "1"],
		["question", "e9", "๘๙.๕๘", "2568", "๘", "หน่วยงานมีการพัฒนาการให้บริการผ่านช่องทางออนไลน์"],
		["", "", "", ""],
	)
	assert errors == []
	assert result.overall == Decimal("81.24")
	assert result.tools == {"IIT": Decimal("85.5")}
	assert result.indicators == {1: Decimal("85.88")}
	assert result.analyses == {1: "วิเคราะห์"}
	assert [(q.code, q.indicator, q.score) for q in result.questions] == [
		("i2", 1, Decimal("80")),
		("e9", 8, Decimal("89.58")),
	]


def test_each_bad_row_is_named_by_row_and_column():
	_result, errors = read(
		["overall", "", "81.24", "2568"],
		["indicator", "11", "80", "2568"],
		["indicator", "2", "๑๒๐", "2568"],
		["question", "x2", "80", "2568", "1"],
		["question", "i99", "80", "2568", "1"],
		["indicator", "3", "90", "2567"],
		["score", "3", "90", "2568"],
		["tool", "XIT", "90", "2568"],
		["indicator", "4", "ดี", "2568"],
	)
	assert [(e.row, e.column) for e in errors] == [
		(3, "code"),
		(4, "score"),
		(5, "code"),
		(6, "code"),
		(7, "fiscal_year"),
		(8, "record"),
		(9, "code"),
		(10, "score"),
	]
	assert errors[1].render() == "Row 4, column score: ๑๒๐ is not between 0 and 100."
	assert "i99" in errors[3].render()


def test_header_and_overall_are_required():
	assert [(e.row, e.column) for e in read_result_rows([], 2568, INDICATORS, set())[1]] == [(1, "record")]
	_result, errors = read_result_rows([["record", "code"]], 2568, INDICATORS, set())
	assert [(e.row, e.column) for e in errors] == [(1, "score"), (1, "fiscal_year")]
	_result, errors = read(["indicator", "1", "80", "2568"])
	assert [e.render() for e in errors] == ["Row 2, column record: The file has no overall score."]


# Reading the file: encodings, limits and workbooks.

THAI_CSV = (
	"record,code,score,fiscal_year,indicator,text,analysis\r\n"
	"overall,,๘๑.๒๔,๒๕๖๘,,,\r\n"
	"indicator,1,85.88,2568,,,ยังมีเจ้าหน้าที่เลือกปฏิบัติ “ไม่เป็นธรรม”\r\n"
)
THAI_ROWS = [
	HEADER,
	["overall", "", "๘๑.๒๔", "๒๕๖๘", "", "", ""],
	["indicator", "1", "85.88", "2568", "", "", "ยังมีเจ้าหน้าที่เลือกปฏิบัติ “ไม่เป็นธรรม”"],
]


def no_sheet(content):
	raise AssertionError("the workbook must not be opened")


def refusal(file_name, content, sheet_rows=no_sheet) -> ResultFileRefused:
	with pytest.raises(ResultFileRefused) as refused:
		rows_of_file(file_name, content, sheet_rows)
	return refused.value


def xlsx_zip(**members) -> bytes:
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
		for name, data in members.items():
			archive.writestr(name, data)
	return out.getvalue()


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8], ids=["utf-8", "utf-8 with BOM (Excel CSV UTF-8)"])
def test_utf8_with_or_without_bom(bom):
	rows = rows_of_file("result.csv", bom + THAI_CSV.encode("utf-8"), no_sheet)
	assert rows == THAI_ROWS
	result, errors = read_result_rows(rows, 2568, INDICATORS, set())
	assert errors == []
	assert result.analyses[1] == "ยังมีเจ้าหน้าที่เลือกปฏิบัติ “ไม่เป็นธรรม”"


@pytest.mark.parametrize("encoding", ["cp874", "tis-620"])
def test_thai_windows_text_is_decoded(encoding):
	text = THAI_CSV if encoding == "cp874" else THAI_CSV.replace("“", '"').replace("”", '"')
	content = text.encode(encoding)
	with pytest.raises(UnicodeDecodeError):
		content.decode("utf-8")
	assert decode_text(content) == text


@pytest.mark.parametrize(
	"content",
	[
		THAI_CSV.encode("utf-16"),
		"record,code,score\r\noverall,Café,81\r\n".encode("latin-1"),
		b"record,code,score\r\noverall,\x00,81\r\n",
	],
	ids=["utf-16", "latin-1", "binary"],
)
def test_other_encodings_are_refused_with_a_way_out(content):
	refused = refusal("result.csv", content)
	assert refused.rule == "unknown-encoding"
	assert "CSV UTF-8" in refused.render()


def test_a_file_over_the_byte_limit_is_refused_unread():
	refused = refusal("result.csv", b"x" * (MAX_FILE_BYTES + 1))
	assert refused.rule == "file-too-large"
	assert refused.render() == "The file is larger than 2 MB; a result file is a few kilobytes."


def test_rows_are_limited_and_cut_to_the_columns_read():
	row = ",".join(["overall", "", "81", "2568", *["x"] * 40]) + "\n"
	rows = rows_of_file("result.csv", (row * MAX_ROWS).encode(), no_sheet)
	assert len(rows) == MAX_ROWS
	assert len(rows[0]) == MAX_COLUMNS
	refused = refusal("result.csv", (row * (MAX_ROWS + 1)).encode())
	assert refused.rule == "too-many-rows"
	assert "5000 rows" in refused.render()


def test_a_cell_beyond_the_csv_field_limit_is_named_by_line():
	content = ("record,code\n" + "overall," + "๑" * 140_000 + "\n").encode()
	refused = refusal("result.csv", content)
	assert refused.rule == "malformed-csv"
	assert refused.render().startswith("Line 2 of the file is not valid CSV")


def test_a_zip_bomb_is_refused_from_its_directory_before_the_workbook_is_opened():
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
		archive.writestr("[Content_Types].xml", b"<Types/>")
		with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
			for _megabyte in range(200):
				sheet.write(b"0" * MEGABYTE)
	bomb = out.getvalue()
	assert len(bomb) < 1_000_000
	refused = refusal("result.xlsx", bomb)
	assert refused.rule == "xlsx-too-large"
	assert refused.render().startswith("The workbook expands to 201 MB when opened, more than 20 MB;")
	refused = refusal("result.xlsx", xlsx_zip(sheet=b"0" * (MAX_XLSX_UNCOMPRESSED_BYTES + 1)))
	assert refused.render().startswith("The workbook expands to 21 MB when opened, more than 20 MB;")


def test_a_workbook_within_the_limit_is_read_by_the_sheet_reader():
	workbook = xlsx_zip(**{"xl/worksheets/sheet1.xml": b"<worksheet/>"})
	seen = []

	def sheet_rows(content):
		seen.append(content)
		return iter([("record", "code", *[None] * 30)])

	# By its content: a workbook saved under a .csv name is still a workbook.
	assert rows_of_file("result.csv", workbook, sheet_rows) == [["record", "code", *[None] * 24]]
	assert seen == [workbook]


@pytest.mark.parametrize(
	("file_name", "content"),
	[
		("result.xlsx", THAI_CSV.encode()),
		("result.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 100),
		("result.xlsx", ZIP_SIGNATURE + b"not a zip at all"),
	],
	ids=["text named .xlsx", "old Excel .xls", "broken zip"],
)
def test_what_is_not_a_workbook_is_refused_as_such(file_name, content):
	refused = refusal(file_name, content)
	assert refused.rule == "not-xlsx"
	assert refused.render() == (
		f"{file_name} is not an XLSX workbook: save it as Excel Workbook (.xlsx) or as CSV UTF-8."
	)


def test_values_in_messages_go_through_the_given_escape():
	refused = refusal("<b>.xlsx", b"text")
	assert refused.render(escape=html.escape).startswith("&lt;b&gt;.xlsx is not")
	_result, errors = read(["overall", "", "<i>", "2568"])
	assert errors[0].render(escape=html.escape) == "Row 2, column score: &lt;i&gt; is not a number."


# Repeated rows.


def test_conflicting_repeats_are_errors_naming_both_rows():
	_result, errors = read(
		["overall", "", "81.24", "2568"],
		["indicator", "1", "85.88", "2568", "", "", "ก"],
		["tool", "IIT", "85.5", "2568"],
		["question", "i2", "80", "2568", "1"],
		["indicator", "1", "85.88", "2568", "", "", "ข"],
		["tool", "iit", "86", "2568"],
		["question", "I2", "๘๐", "2568", "2"],
		["overall", "", "81.25", "2568"],
	)
	assert [(e.row, e.column, e.rule) for e in errors] == [
		(6, "code", "duplicate-row"),
		(7, "code", "duplicate-row"),
		(8, "code", "duplicate-row"),
		(9, "record", "duplicate-row"),
	]
	assert [e.render() for e in errors] == [
		"Row 6, column code: indicator 1 is also in row 3 with other values; keep one of the two rows.",
		"Row 7, column code: tool IIT is also in row 4 with other values; keep one of the two rows.",
		"Row 8, column code: question i2 is also in row 5 with other values; keep one of the two rows.",
		"Row 9, column record: overall is also in row 2 with other values; keep one of the two rows.",
	]


def test_an_exact_repeat_is_read_once():
	result, errors = read(
		["overall", "", "81.24", "2568"],
		["question", "i2", "80", "2568", "1"],
		["indicator", "1", "85.88", "2568", "", "", "ก"],
		["question", "i2", "80.00", "๒๕๖๘", "๑"],
		["indicator", "๑", "๘๕.๘๘", "2568", "", "", "ก"],
		["overall", "", "81.24", "2568"],
	)
	assert errors == []
	assert [(q.code, q.score) for q in result.questions] == [("i2", Decimal("80"))]
	assert result.indicators == {1: Decimal("85.88")}


# Cells a spreadsheet would run as formulas.


@pytest.mark.parametrize(
	("column", "value"),
	[
		("text", '=HYPERLINK("http://evil.example","คลิก")'),
		("analysis", "@SUM(1+1)*cmd|' /C calc'!A0"),
		("analysis", "+66 81 234 5678"),
		("analysis", "- เจ้าหน้าที่ยังเลือกปฏิบัติ"),
		("text", "\t=1+1"),
		("text", " \r=1+1"),
		("score", "=80"),
		("code", "=1"),
	],
)
def test_formula_like_cells_are_refused(column, value):
	cells = {"record": "question", "code": "e9", "score": "80", "fiscal_year": "2568", "indicator": "8"}
	cells[column] = value
	row = [cells.get(name, "") for name in HEADER]
	result, errors = read(["overall", "", "81.24", "2568"], row)
	assert [(e.row, e.column, e.rule) for e in errors] == [(3, column, "formula-cell")]
	assert "which a spreadsheet runs as a formula" in errors[0].render()
	assert result.questions == []


def test_a_negative_number_is_a_number_not_a_formula():
	_result, errors = read(["overall", "", "-5", "2568"])
	assert [(e.column, e.rule, e.render()) for e in errors] == [
		("score", "invalid-row", "Row 2, column score: -5 is not between 0 and 100.")
	]
	assert not is_formula_like("-5") and not is_formula_like("+๘๐.๕")
	assert is_formula_like("-5+A1") and is_formula_like("=5")


def test_a_lone_dash_for_none_is_text():
	result, errors = read(["overall", "", "81", "2568"], ["indicator", "1", "85", "2568", "", "", "-"])
	assert errors == []
	assert result.analyses == {1: "-"}


def test_a_long_formula_is_quoted_shortened():
	_result, errors = read(["overall", "", "81", "2568", "", "", "=" + "A" * 100])
	assert errors[0].render() == (
		"Row 2, column analysis: ="
		+ "A" * 38
		+ "… starts with =, which a spreadsheet runs as a formula; remove it."
	)


def test_only_the_site_administrator_adds_to_the_question_bank():
	rows = [HEADER, ["overall", "", "81.24", "2568"], ["question", "i7", "60", "2568", "1", "ข้อคำถามใหม่"]]
	result, errors = read_result_rows(rows, 2568, INDICATORS, set(), may_add_questions=False)
	assert [(e.row, e.column) for e in errors] == [(3, "code")]
	assert "ITA Administrator" in errors[0].message
	result, errors = read_result_rows(rows, 2568, INDICATORS, set(), may_add_questions=True)
	assert not errors
	assert [q.text for q in result.questions] == ["ข้อคำถามใหม่"]
	_result, errors = read_result_rows(rows, 2568, INDICATORS, {"i7"}, may_add_questions=False)
	assert not errors
