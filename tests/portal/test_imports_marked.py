"""A file with bad rows can be downloaded back with each bad cell marked and commented."""

import io
import zipfile

import openpyxl
import pytest
from django.urls import reverse

from enterprises.models import DiagnosisTask
from portal.spreadsheets.marked import BAD_FILL, PROBLEMS_SHEET, marked_workbook
from portal.spreadsheets.results import Layout, RowError
from tests.enterprises.workflow_helpers import recommend, rows, upload
from tests.fixtures.sheets import agency_row, agency_xlsx, intent_xlsx

pytestmark = pytest.mark.django_db
ENERGY = "上年度综合能源消费量（吨标准煤）"


def _bad_intent_file(agency_name: str) -> bytes:
    table = rows(3, agency_name)
    table[1]["组织机构代码"] = "123"  # sheet row 6, column F
    table[2][ENERGY] = "=1000*2"  # a formula without a stored value: sheet row 7, column G
    table[2]["是否中小企业"] = "也许"  # the same row, column J
    return intent_xlsx(table)


def test_the_page_offers_the_marked_file_and_it_marks_each_bad_cell(
    campaign, hebei, agency, organizer_user, client_for
):
    """附件3 with three bad cells: the link downloads the workbook with those cells filled and
    commented, the rest as uploaded, and a sheet listing the problems; nothing imported."""
    recommend(campaign, hebei, agency)
    client = client_for(organizer_user)
    response = client.post(
        reverse("enterprises:task-import"),
        {
            "year": "2021",
            "import": "1",
            "file": upload("附件3.xlsx", _bad_intent_file(agency.name)),
        },
    )
    assert response.status_code == 422 and not DiagnosisTask.objects.exists()
    url = response.context["marked_url"]
    assert f'href="{url}"' in response.content.decode()
    download = client.get(url)
    assert download.status_code == 200
    assert (
        "%EF%BC%88%E9%97%AE%E9%A2%98%E6%A0%87%E6%B3%A8%EF%BC%89" in download["Content-Disposition"]
    )
    book = openpyxl.load_workbook(io.BytesIO(download.content))
    sheet = book.active
    marked = {
        c.coordinate
        for row in sheet.iter_rows()
        for c in row
        if c.fill.fgColor.rgb == BAD_FILL.fgColor.rgb
    }
    assert marked == {"F6", "G7", "J7"}
    assert "18" in sheet["F6"].comment.text  # the credit code's length
    assert "G7" in sheet["G7"].comment.text and "公式" in sheet["G7"].comment.text
    assert sheet["B5"].value == "测试钢铁有限公司1" and sheet["F6"].value == "123"
    assert sheet["A3"].value.startswith("填报单位")
    problems = list(book[PROBLEMS_SHEET].iter_rows(min_row=2, values_only=True))
    assert [(p[1], p[2]) for p in problems] == [
        (6, "组织机构代码"),
        (7, ENERGY),
        (7, "是否中小企业"),
    ]


def test_the_marked_file_is_only_for_its_uploader(
    campaign, hebei, agency, organizer_user, other_organizer_user, client_for
):
    """Another user (here another organizer) following the link gets a 404."""
    recommend(campaign, hebei, agency)
    response = client_for(organizer_user).post(
        reverse("enterprises:task-import"),
        {"year": "2021", "check": "1", "file": upload("a.xlsx", _bad_intent_file(agency.name))},
    )
    url = response.context["marked_url"]
    assert client_for(other_organizer_user).get(url).status_code == 404
    assert (
        client_for(organizer_user).get(reverse("import-marked", args=["nope"])).status_code == 404
    )


def test_a_clean_file_offers_no_marked_copy(campaign, organizer_user, client_for):
    """The 附件2 page offers the copy only when there are problems."""
    client = client_for(organizer_user)
    url = reverse("agencies:recommendation-import")
    clean = client.post(
        url, {"year": "2021", "check": "1", "file": upload("a.xlsx", agency_xlsx([agency_row(1)]))}
    )
    assert clean.status_code == 200 and clean.context["marked_url"] is None
    bad = agency_xlsx([agency_row(1, 邮箱="not-an-email")])
    refused = client.post(url, {"year": "2021", "check": "1", "file": upload("a.xlsx", bad)})
    assert refused.status_code == 422 and refused.context["marked_url"]


def test_marked_workbook_keeps_hostile_text_as_text():
    """A cell that reads like a formula stays text (quotePrefix), and the copy holds no <f>."""
    source = openpyxl.Workbook()
    source.active.append(["企业名称", "备注"])
    source.active.append([None, "x"])
    source.active["A2"].value = "=cmd|' /C calc'!A0"
    source.active["A2"].data_type = "s"  # text in the uploaded file, as Excel stores '=…
    buffer = io.BytesIO()
    source.save(buffer)
    data = marked_workbook(
        buffer.getvalue(),
        Layout("Sheet", {"企业名称": 1}),
        [RowError(1, "企业名称", "bad", 2), RowError(1, "其他", "no column", 2)],
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    cell = book["Sheet"]["A2"]
    assert cell.data_type == "s" and cell.value == "=cmd|' /C calc'!A0" and cell.quotePrefix
    assert "其他：no column" in cell.comment.text
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
