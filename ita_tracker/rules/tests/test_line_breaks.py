from ita_tracker.rules.line_breaks import words


def test_compound_words_stay_whole():
	pieces = words("จัดทำแผนการดำเนินงานของหน่วยงานตามหลักเกณฑ์ผู้รับผิดชอบตัวชี้วัด")
	assert "".join(pieces) == "จัดทำแผนการดำเนินงานของหน่วยงานตามหลักเกณฑ์ผู้รับผิดชอบตัวชี้วัด"
	for word in ("จัดทำ", "หน่วยงาน", "หลักเกณฑ์", "ตัวชี้วัด"):
		assert word in pieces, pieces
	assert "หลัก" not in pieces and "เกณฑ์" not in pieces


def test_other_text_with_its_spaces_is_one_piece_between_thai_words():
	assert words("ระบบ E-Service (OSS) ของเทศบาล") == ["ระบบ", " E-Service (OSS) ", "ของ", "เทศบาล"]
	assert words("") == []


def test_brackets_and_stops_stay_with_their_word():
	assert words("ที่กำหนด (ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่)") == [
		"ที่",
		"กำหนด",
		" ",
		"(ตัวชี้วัด",
		"ที่",
		" ",
		"๑",
		" ",
		"การ",
		"ปฏิบัติหน้าที่)",
	]
	assert words("ต่าง ๆ เช่น") == ["ต่าง ๆ", " ", "เช่น"]
