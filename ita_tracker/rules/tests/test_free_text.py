from pathlib import Path

import pytest

from ita_tracker.rules.free_text import (
	MEASURE_REQUEST_PHRASES,
	AgencyName,
	measure_request,
	other_agency_names,
	parse_agency_name,
)

OWN = "เทศบาลตำบลเขวาใหญ่"
REFERENCE = Path(__file__).resolve().parents[4] / "shared" / "reference" / "ita-2568-khwao-yai-plan.txt"


@pytest.mark.parametrize(
	"name, parsed",
	[
		("เทศบาลตำบลเขวาใหญ่", AgencyName("เทศบาลตำบล", "เขวาใหญ่")),
		("ทต.เขวาใหญ่", AgencyName("เทศบาลตำบล", "เขวาใหญ่")),
		("อบต. หนองโน", AgencyName("องค์การบริหารส่วนตำบล", "หนองโน")),
		("องค์การบริหารส่วนจังหวัดมหาสารคาม", AgencyName("องค์การบริหารส่วนจังหวัด", "มหาสารคาม")),
		("กทม.", AgencyName("กรุงเทพมหานคร", "")),
		("กรมส่งเสริมการปกครองท้องถิ่น", None),
		("เทศบาลตำบล", None),
	],
)
def test_an_agency_name_is_its_kind_and_proper_name(name, parsed):
	assert parse_agency_name(name) == parsed


@pytest.mark.parametrize(
	"text",
	[
		"ผลการประเมินของเทศบาลตำบลเขวาใหญ่ มีผลคะแนน",
		"แจ้งบุคลากรของ ทต.เขวาใหญ่ทุกคน",
		"ผู้บังคับบัญชาของเทศบาลตำบล เขวาใหญ่กำกับดูแล",
		"ตามระเบียบว่าด้วยเทศบาลตำบลทุกแห่ง และองค์การบริหารส่วนตำบลในพื้นที่",
		"ตอบตกลงกับเทศบาล และจัดทำแผน",
	],
)
def test_the_plans_own_agency_and_generic_mentions_are_no_other_agency(text):
	assert other_agency_names(text, OWN) == []


def test_other_agencies_end_before_the_words_that_follow_names():
	text = (
		"หน่วยงานเทศบาลตำบลเขวาสินรินทร์ยังมีการสั่งการ ของเทศบาลตำบล เขาใหญ่ มีผลคะแนน "
		"ประสานองค์การบริหารส่วนตำบลบ้านโคกอำเภอเมือง, อบจ.มหาสารคาม และเทศบาลตำบลเขวาสินรินทร์ทางเว็บไซต์"
	)
	assert other_agency_names(text, OWN) == [
		"เทศบาลตำบลเขวาสินรินทร์",
		"เทศบาลตำบลเขาใหญ่",
		"องค์การบริหารส่วนตำบลบ้านโคก",
		"อบจ.มหาสารคาม",
	]


def test_a_known_agency_is_read_whole():
	text = "ของเทศบาลตำบลในเมืองทุกคน"
	assert other_agency_names(text, OWN) == []  # ใน starts no name when the site knows none
	assert other_agency_names(text, OWN, ["เทศบาลตำบลในเมือง"]) == ["เทศบาลตำบลในเมือง"]


def test_a_known_agency_whose_name_extends_the_own_name_is_another_agency():
	assert other_agency_names("ของเทศบาลตำบลเขวาใหญ่พัฒนา", OWN, ["เทศบาลตำบลเขวาใหญ่พัฒนา"]) == [
		"เทศบาลตำบลเขวาใหญ่พัฒนา"
	]


def test_an_agency_named_with_its_district_is_itself_without_it():
	own = "องค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง"
	known = [own, "องค์การบริหารส่วนตำบลหนองบัวแดง"]
	text = "บุคลากรของ อบต.หนองบัว และองค์การบริหารส่วนตำบลหนองบัว อำเภอเมือง ประสาน อบต.หนองบัวแดง"
	assert other_agency_names(text, own, known) == ["อบต.หนองบัวแดง"]


def test_another_kind_with_the_own_proper_name_is_another_agency():
	assert other_agency_names("องค์การบริหารส่วนตำบลเขวาใหญ่ เดิม", OWN) == ["องค์การบริหารส่วนตำบลเขวาใหญ่"]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference document is not here")
def test_the_reference_document_names_two_other_agencies():
	text = REFERENCE.read_text(encoding="utf-8")
	assert other_agency_names(text, OWN) == ["เทศบาลตำบลเขวาสินรินทร์", "เทศบาลตำบลเขาใหญ่"]


@pytest.mark.parametrize("phrase", MEASURE_REQUEST_PHRASES)
def test_every_phrase_asks_for_a_measure(phrase):
	assert measure_request(f"ผลการวิเคราะห์แสดงว่า {phrase}ในประเด็นดังกล่าว") is not None


def test_a_phrase_broken_by_a_line_still_asks():
	assert measure_request("เห็นควร\nมีมาตรการ ในการยกระดับ") == "เห็นควรมีมาตรการ"


@pytest.mark.parametrize(
	"text", ["ควรรักษามาตรฐานการดำเนินงานนี้ไว้", "ไม่จำเป็นต้องมีมาตรการเพิ่มเติม", "ไม่ควรมีมาตรการซ้ำ", "", None]
)
def test_no_request_or_a_negated_one(text):
	assert measure_request(text) is None
