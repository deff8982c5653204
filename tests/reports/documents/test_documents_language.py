"""Documents are written in Chinese whatever the language of the page that asked for them.

In development and in the tests a job runs inside the request (Celery eager), so an English
page's request used to be the active language while the file was built.
"""

from pathlib import Path

import docx
import openpyxl
import pytest
from django.utils import translation

from portal.choices import DocumentKind
from portal.jobs.registry import REGISTRY, Builder
from reports.documents.render.data import CountRow, SummaryData
from tests.factories import AgencyFactory, EnterpriseFactory, TaskFactory, TaskLetterFactory
from tests.reports.documents_data import content, plan, render

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def _docx_text(job) -> str:
    document = docx.Document(content(job))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_job_renders_in_the_site_language(english, organizer_user, campaign, monkeypatch):
    """The worker's render runs under zh-hans even when the asking request is English."""
    seen = []

    def build(job, path: Path, progress) -> str:
        seen.append(translation.get_language())
        path.write_text(translation.gettext("Key industry"), encoding="utf8")
        return "probe.txt"

    monkeypatch.setitem(REGISTRY, DocumentKind.FORM_PLAN, Builder(build=build))
    job = render(organizer_user, DocumentKind.FORM_PLAN, campaign=campaign)
    assert seen == ["zh-hans"]
    assert content(job).read().decode() == "重点行业"
    assert translation.get_language() == "en"  # the request's language is back afterwards


def test_intent_list_built_from_an_english_page_is_chinese(
    english, organizer_user, campaign, hebei
):
    """附件3's type and SME cells are the notice's words, not the page's English labels."""
    TaskFactory(
        campaign=campaign,
        organizer=hebei,
        enterprise=EnterpriseFactory(name="唐山园区企业"),
        diagnosis_type="key_industry",
        is_sme=True,
        sme_class="small",
        agency=AgencyFactory(name="丙机构"),
        energy_tce=12000000,
    )
    job = render(organizer_user, DocumentKind.FORM_INTENT, campaign=campaign, organizer=hebei)
    ws = openpyxl.load_workbook(content(job)).active
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "重点行业" in values and "是（小型）" in values
    assert "Key industry" not in values
    energy = next(c for row in ws.iter_rows() for c in row if c.value == 12000000)
    assert "#,##0" in energy.number_format  # a number the spreadsheet shows as 12,000,000.0


def test_task_letter_built_from_an_english_page_is_chinese(
    english, organizer_user, campaign, hebei, agency
):
    """The letter's enterprise table prints 重点行业 under an English page."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, diagnosis_type="key_industry")
    plan(hebei, campaign)
    letter = TaskLetterFactory(campaign=campaign, organizer=hebei, agency=agency)
    job = render(organizer_user, DocumentKind.TASK_LETTER_DOCX, params={"letter_id": letter.pk})
    text = _docx_text(job)
    assert "重点行业" in text and "Key industry" not in text


def test_summary_built_from_an_english_page_is_chinese(english, organizer_user, campaign, hebei):
    """附件4 lists every diagnosis type in the notice's words."""
    job = render(organizer_user, DocumentKind.FORM_SUMMARY_DOCX, campaign=campaign, organizer=hebei)
    text = _docx_text(job)
    for words in ("重点行业", "中小企业", "重点用能设备", "区域集中式", "跟踪服务"):
        assert words in text
    assert "Follow-up" not in text


def test_summary_figures_have_thousands_separators():
    """Large figures in 附件4's sentences and table read 12,345.60 and 1,250."""
    summary = SummaryData(
        year=2021,
        organizer_name="河北省工业和信息化厅",
        counts_by_type=[CountRow("重点行业", 1250)],
        counts_by_industry=[],
        problems_found=3400,
        measures=5120,
        expected_savings_tce=123456789,
        investment_wan=12345.6,
    )
    rows = dict(summary.outcome_rows)
    assert rows["诊断企业数（家）"] == "1,250"
    assert rows["预计投资（万元）"] == "12,345.60"
    assert rows["预计节能量（万吨标准煤）"] == "12,345.68"
    assert "共完成1,250家企业节能诊断，发现问题3,400项，提出节能改造建议5,120条" in summary.headline
