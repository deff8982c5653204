"""The blank 附件2/附件3 have drop-down lists on their choice columns, read back by the importer."""

import io

import openpyxl
import pytest
from django.urls import reverse

from enterprises.imports import parse_intent_list
from enterprises.validators import industries
from provinces.blank_forms import LISTS_SHEET
from tests.enterprises.workflow_helpers import recommend
from tests.fixtures.sheets import credit_code

pytestmark = pytest.mark.django_db


def _validations(content: bytes) -> tuple[openpyxl.Workbook, dict[str, tuple[str, list, str]]]:
    """The workbook and, per header text, (cell range, the list's values, error style)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    lists = book[LISTS_SHEET]
    found = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list"
        first = str(validation.sqref).split(":")[0]
        header = sheet.cell(row=4, column=sheet[first].column).value
        source = validation.formula1.split("!")[1].replace("$", "")
        values = [c.value for row in lists[source] for c in row]
        found[header] = (str(validation.sqref), values, validation.errorStyle)
    return book, found


def test_blank_intent_list_has_every_choice_column(
    campaign, hebei, agency, organizer_user, client_for
):
    """节能诊断类型, 所属行业 (code and name, from the hidden sheet), 是否中小企业 and the
    organizer's recommended agencies, on the numbered rows."""
    recommend(campaign, hebei, agency)
    response = client_for(organizer_user).get(reverse("enterprises:task-template"))
    book, found = _validations(response.content)
    assert book[LISTS_SHEET].sheet_state == "hidden" and book.active.title == "附件3"
    assert found["节能诊断类型"] == (
        "H5:H2004",
        ["重点行业", "中小企业", "重点用能设备", "区域集中式", "跟踪服务"],
        "stop",
    )
    industry_range, industry_values, style = found["所属行业"]
    assert industry_range == "E5:E2004" and style == "warning"
    assert "C31 黑色金属冶炼和压延加工业" in industry_values
    assert len(industry_values) == len(industries())
    assert found["是否中小企业"][1] == ["否", "是（中型）", "是（小型）", "是（微型）"]
    assert found["提供服务的机构"][1] == [agency.name]


def test_every_listed_value_is_read_back_by_the_importer(
    campaign, hebei, agency, organizer_user, client_for
):
    """A file filled in only from the drop-downs imports without an error."""
    recommend(campaign, hebei, agency)
    response = client_for(organizer_user).get(reverse("enterprises:task-template"))
    book, found = _validations(response.content)
    sheet = book.worksheets[0]
    industry_values = found["所属行业"][1]
    for index, industry in enumerate(industry_values):
        row = 5 + index
        sheet.cell(row=row, column=1, value=index + 1)
        values = {
            2: f"企业{index}",
            3: "石家庄市",
            5: industry,
            6: credit_code(index + 1),
            7: 100,
            8: found["节能诊断类型"][1][index % 3],
            9: agency.name,
            10: found["是否中小企业"][1][1 + index % 3],
        }
        for column, value in values.items():
            sheet.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    result = parse_intent_list(buffer.getvalue())
    assert result.errors == []
    assert {r.industry_code for r in result.rows} == set(industries())


def test_blank_agency_list_lists_the_natures(campaign, organizer_user, client_for):
    """机构性质 offers the natures note 1 names, as a warning list (others may be typed)."""
    response = client_for(organizer_user).get(reverse("agencies:recommendation-template"))
    _book, found = _validations(response.content)
    assert found["机构性质"][1][:3] == ["节能服务公司", "科研院所", "检测机构"]
    assert found["机构性质"][2] == "warning"


def test_blank_forms_have_room_for_2000_rows_and_no_numbered_rows(
    campaign, hebei, agency, organizer_user, client_for
):
    """Both blanks: nothing under the header (no numbered placeholder rows), every drop-down
    down to row 2,004 (2,000 rows), the notes on their own 填表说明 sheet; a file filled in on
    row 2,004 imports that row."""
    from provinces.blank_forms import NOTES_SHEET

    recommend(campaign, hebei, agency)
    client = client_for(organizer_user)
    for name in ("enterprises:task-template", "agencies:recommendation-template"):
        book, found = _validations(client.get(reverse(name)).content)
        sheet = book.worksheets[0]
        below = [c.value for row in sheet.iter_rows(min_row=5) for c in row]
        assert not any(below), name
        assert all(sqref.endswith("2004") for sqref, _values, _style in found.values()), name
        notes = [row[0] for row in book[NOTES_SHEET].iter_rows(values_only=True)]
        assert notes and notes[0].startswith("注"), name
        assert book[NOTES_SHEET].sheet_state == "visible"
    book, found = _validations(client.get(reverse("enterprises:task-template")).content)
    sheet = book.worksheets[0]
    values = {
        1: 1,
        2: "最后一行企业",
        3: "石家庄市",
        5: "C31",
        6: credit_code(7),
        7: 100,
        8: "重点行业",
        9: agency.name,
        10: "否",
    }
    for column, value in values.items():
        sheet.cell(row=2004, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    result = parse_intent_list(buffer.getvalue())
    assert result.errors == [] and len(result.rows) == 1
