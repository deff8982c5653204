"""Task letters (Word, PDF) and the published national list, built through the job path."""

import datetime as dt

import docx
import openpyxl
import pytest
from django.utils import timezone
from pypdf import PdfReader

from enterprises.models import PublishedEntry, PublishedList
from portal.choices import DocumentKind
from tests.factories import EnterpriseFactory, TaskFactory, TaskLetterFactory
from tests.reports.documents_data import content, plan, render

pytestmark = pytest.mark.django_db
FREE = "机构须承诺对任务书内的服务内容不收取费用"


@pytest.fixture
def letter(campaign, hebei, agency):
    """Hebei's letter with the agency: three enterprises; another agency's task is not in it."""
    for n in range(3):
        TaskFactory(
            campaign=campaign,
            organizer=hebei,
            agency=agency,
            seq=n + 1,
            enterprise=EnterpriseFactory(name=f"唐山测试{n}钢铁有限公司"),
        )
    TaskFactory(campaign=campaign, organizer=hebei)
    plan(hebei, campaign, contact_name="王处长", contact_phone="0311-88888888")
    return TaskLetterFactory(campaign=campaign, organizer=hebei, agency=agency)


def test_word_letter_lists_the_agencys_enterprises_and_says_free_of_charge(organizer_user, letter):
    """甲方/乙方, the three enterprises with location and type, the free-of-charge clause."""
    job = render(organizer_user, DocumentKind.TASK_LETTER_DOCX, params={"letter_id": letter.pk})
    document = docx.Document(content(job))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "甲方（组织单位）：河北省工业和信息化厅" in text
    assert f"乙方（服务机构）：{letter.agency.name}" in text
    assert FREE in text
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert [r[1] for r in rows[1:]] == [f"唐山测试{n}钢铁有限公司" for n in range(3)]
    assert rows[1][3] == "河北省唐山市路北区" and rows[1][4] == "重点行业"
    signatures = "\n".join(c.text for row in document.tables[1].rows for c in row.cells)
    assert "王处长" in signatures and "0311-88888888" in signatures
    assert job.output_name == f"2021年度节能诊断服务任务书-河北省-{letter.agency.name}.docx"


def test_pdf_letter_is_small_and_embeds_its_font(agency_user, letter):
    """The agency's own letter as PDF: extractable Chinese, subset fonts, under 0.5 MB."""
    job = render(agency_user, DocumentKind.TASK_LETTER_PDF, params={"letter_id": letter.pk})
    reader = PdfReader(content(job))
    text = "".join(page.extract_text() for page in reader.pages)
    assert FREE in text and "唐山测试2钢铁有限公司" in text
    assert job.size < 512 * 1024
    fonts = {
        f.get_object()["/BaseFont"]
        for page in reader.pages
        for f in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("+" in str(name) for name in fonts)  # ABCDEF+Name: a subset


def test_signed_letter_prints_the_signing_date(organizer_user, letter):
    """Once signed, the date line shows the day of signing (Asia/Shanghai)."""
    signed = dt.datetime(2021, 6, 10, 20, 0, tzinfo=dt.UTC)  # 11 June in Beijing
    type(letter).objects.filter(pk=letter.pk).update(state="signed", signed_at=signed)
    job = render(organizer_user, DocumentKind.TASK_LETTER_DOCX, params={"letter_id": letter.pk})
    cells = [c.text for row in docx.Document(content(job)).tables[1].rows for c in row.cells]
    assert "日期：2021年6月11日" in cells


def test_changing_the_letters_enterprises_renders_a_new_file(organizer_user, letter, agency):
    """Same request, same data: the same file; one more enterprise: a new render."""
    first = render(organizer_user, DocumentKind.TASK_LETTER_DOCX, params={"letter_id": letter.pk})
    again = render(organizer_user, DocumentKind.TASK_LETTER_DOCX, params={"letter_id": letter.pk})
    assert again.output.name == first.output.name
    TaskFactory(campaign=letter.campaign, organizer=letter.organizer, agency=agency, seq=9)
    changed = render(organizer_user, DocumentKind.TASK_LETTER_DOCX, params={"letter_id": letter.pk})
    assert changed.output.name != first.output.name
    assert len(docx.Document(content(changed)).tables[0].rows) == 1 + 4


def test_published_list_snapshot_as_xlsx(ministry_user, campaign):
    """The current snapshot's entries in order, with the version in the title line and name."""
    published = PublishedList.objects.create(
        campaign=campaign,
        version=2,
        published_at=timezone.now(),
        published_by=ministry_user,
        entry_count=2,
    )
    for seq, name in ((1, "甲企业"), (2, "乙企业")):
        PublishedEntry.objects.create(
            published_list=published,
            seq=seq,
            enterprise_name=name,
            credit_code="91130100MA0000000X",
            city="石家庄市",
            organizer_name="河北省",
            organizer_code="130000",
            agency_name="甲机构",
            diagnosis_type="sme",
        )
    job = render(ministry_user, DocumentKind.PUBLISHED_LIST, campaign=campaign)
    ws = openpyxl.load_workbook(content(job)).active
    assert ws["A2"].value == "2021年度工业节能诊断服务企业名单"
    assert "第2版" in ws["A3"].value
    assert [c.value for c in ws[4]] == [
        "序号",
        "企业名称",
        "统一社会信用代码",
        "所在地市",
        "组织单位",
        "提供服务的机构",
        "节能诊断类型",
    ]
    assert [(r[0], r[1], r[6]) for r in ws.iter_rows(min_row=5, max_row=6, values_only=True)] == [
        (1, "甲企业", "中小企业"),
        (2, "乙企业", "中小企业"),
    ]
    assert job.output_name == "2021年度工业节能诊断服务企业名单（第2版）.xlsx"
