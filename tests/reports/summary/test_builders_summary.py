"""附件4 工作总结 from the data: Word read with python-docx, PDF with pypdf and pdffonts."""

import subprocess
import tempfile

import docx
import pytest
from pypdf import PdfReader

from enterprises.models import Industry
from portal.choices import DocumentKind
from reports.choices import MeasureState
from reports.summary.selectors import summary_data
from tests.factories import CampaignFactory, TaskFactory
from tests.reports.documents_data import accepted_report, content, follow_up, narrative, render

pytestmark = pytest.mark.django_db


@pytest.fixture
def hebei_reports(campaign, hebei):
    """Three accepted Hebei reports (two key-industry steel, one SME cement), one excellent."""
    cement = Industry.objects.get(pk="C30")
    accepted_report(savings_tce="1500", investment_wan="300")
    accepted_report(
        savings_tce="2500",
        investment_wan="700",
        excellent=True,
        note="余热利用效果显著。",
        findings="1. 电机老旧\n2. 空压机泄漏\n3. 无计量",
    )
    accepted_report(
        savings_tce="1000",
        investment_wan="100",
        diagnosis_type="sme",
        industry=cement,
        measures=(("technical", "窑炉保温", "1000"),),
    )
    TaskFactory(state="reported")  # submitted, not accepted: not counted
    return hebei


def docx_text(job) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(content(job))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


def test_figures_count_only_accepted_reports(campaign, hebei_reports):
    """Enterprises by type and industry, problems, measures, savings and investment."""
    summary = summary_data(campaign, hebei_reports)
    assert [(r.label, r.count) for r in summary.counts_by_type] == [
        ("重点行业", 2),
        ("中小企业", 1),
        ("重点用能设备", 0),
        ("区域集中式", 0),
        ("跟踪服务", 0),
    ]
    assert [(r.label, r.count) for r in summary.counts_by_industry] == [
        ("C31 黑色金属冶炼和压延加工业", 2),
        ("C30 非金属矿物制品业", 1),
    ]
    assert summary.problems_found == 2 + 3 + 2
    assert (
        summary.measures,
        summary.technical_measures,
        summary.management_measures,
    ) == (5, 3, 2)
    assert summary.expected_savings_wan_tce == "0.50"
    assert summary.investment_text == "1,100.00"


def test_organizer_summary_leaves_out_other_organizers(campaign, hebei_reports, shandong):
    """Shandong's accepted report is in the national figures, not in Hebei's."""
    accepted_report(organizer=shandong, savings_tce="5000")
    assert summary_data(campaign, hebei_reports).enterprises == 3
    national = summary_data(campaign)
    assert national.enterprises == 4
    assert national.organizer_name == "工业和信息化部节能与综合利用司"
    assert national.expected_savings_wan_tce == "1.00"


def test_follow_up_results_give_the_realization_rate(campaign, hebei):
    """Earlier measures' status: implemented and verified count as realized."""
    earlier = accepted_report(
        campaign=CampaignFactory(year=2019),
        measures=(
            ("technical", "甲", "10"),
            ("technical", "乙", "10"),
            ("management", "丙", "10"),
            ("management", "丁", "10"),
        ),
    )
    follow_up(
        campaign,
        earlier,
        states=(
            MeasureState.IMPLEMENTED,
            MeasureState.VERIFIED,
            MeasureState.PLANNED,
            MeasureState.NOT_ADOPTED,
        ),
        accepted=True,
    )
    result = summary_data(campaign, hebei).follow_up
    assert (
        result.enterprises,
        result.measures,
        result.implemented,
        result.planned,
        result.not_adopted,
    ) == (1, 4, 2, 1, 1)
    assert result.realization_rate == "50.0%"
    assert float(result.realized_savings_tce) == 200


def test_word_summary_has_the_outline_the_figures_and_the_narrative(
    organizer_user, campaign, hebei_reports
):
    """Five sections, the headline, the type table and the organizer's own text."""
    narrative(
        hebei_reports,
        campaign,
        work_done="全省组织开展节能诊断服务。",
        problems="部分企业改造资金不足。",
    )
    job = render(
        organizer_user, DocumentKind.FORM_SUMMARY_DOCX, campaign=campaign, organizer=hebei_reports
    )
    text, tables = docx_text(job)
    for heading in (
        "一、工作开展情况",
        "二、工作成效",
        "三、典型做法与优秀案例",
        "四、存在的问题",
        "五、下一步工作与建议",
    ):
        assert heading in text
    assert "全省组织开展节能诊断服务。" in text and "部分企业改造资金不足。" in text
    assert "共完成3家企业节能诊断" in text and "0.50万吨标准煤" in text
    assert ["重点行业", "2", "66.7%"] in tables[0]
    assert ["预计节能量（万吨标准煤）", "0.50"] in tables[2]
    assert "余热利用效果显著。" in text
    assert job.output_name == "2021年度节能诊断服务工作总结-河北省.docx"


def test_pdf_summary_has_the_figures_and_embeds_a_subset_cjk_font(
    organizer_user, campaign, hebei_reports
):
    """pypdf finds the figures; pdffonts shows the Noto CJK font embedded and subset."""
    job = render(
        organizer_user, DocumentKind.FORM_SUMMARY_PDF, campaign=campaign, organizer=hebei_reports
    )
    data = content(job).getvalue()
    text = "".join(page.extract_text() for page in PdfReader(content(job)).pages)
    assert "工作成效" in text and "0.50" in text and "1,100.00" in text
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(data)
        f.flush()
        fonts = subprocess.run(["pdffonts", f.name], capture_output=True, text=True, check=True)
    cjk = [line for line in fonts.stdout.splitlines() if "CJK" in line]
    assert cjk and all(" yes yes " in line for line in cjk)


def test_national_summary_says_how_many_organizers_reported(ministry_user, campaign, hebei):
    """The ministry's national 附件4 opens with the number of summaries handed in."""
    narrative(hebei, campaign, work_done="略")
    from provinces.models import Submission

    Submission.objects.filter(form=4).update(state="submitted")
    summary = summary_data(campaign)
    assert summary.narrative["overview"][0].startswith(
        "截至目前，共有1个组织单位报送了2021年度节能诊断服务工作总结，"
    )


@pytest.mark.parametrize("count", [10, 100])
def test_summary_figures_take_a_fixed_number_of_queries(
    campaign, hebei, count, django_assert_num_queries
):
    """By type and industry, totals, measure kinds, findings, follow-up tasks (none, so no
    more), the cases and their measures, the narrative, the products by level and those
    exceeding their limit (+2, benchmarking): ten queries at 10 and 100 reports."""
    for n in range(count):
        accepted_report(with_file=False, excellent=n % 10 == 0)
    with django_assert_num_queries(10):
        summary = summary_data(campaign, hebei)
    assert summary.enterprises == count
