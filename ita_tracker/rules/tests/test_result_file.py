from decimal import Decimal

from ita_tracker.rules.result_file import read_result_rows

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
