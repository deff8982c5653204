"""The ministry's national 附件4 gathers the organizers' figures and texts (Word read back with
python-docx, PDF with pdftotext), and the type table agrees with the follow-up table."""

import os
import re
import subprocess
import tempfile
from pathlib import Path

import docx
import pytest
from django.urls import reverse

from portal.choices import DocumentKind
from provinces.models import Submission
from reports.choices import MeasureState
from reports.summary.selectors import summary_data
from tests.factories import CampaignFactory
from tests.reports.documents_data import accepted_report, content, follow_up, narrative, render

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_organizers(campaign, hebei, shandong):
    """Hebei: two accepted reports (1500 + 2500 tce, 300 + 700 万元, 2 measures each) and a
    handed-in summary; Shandong: one accepted report (5000 tce, 200 万元, 2 measures) and a
    summary still in draft (its text stays out)."""
    accepted_report(organizer=hebei, savings_tce="1500", investment_wan="300")
    accepted_report(organizer=hebei, savings_tce="2500", investment_wan="700")
    accepted_report(organizer=shandong, savings_tce="5000")
    narrative(
        hebei,
        campaign,
        work_done="河北省组织开展节能诊断。",
        results_commentary="河北省成效明显。",
        good_practices="河北省做法：以诊促改。",
        problems="河北省资金不足。",
        next_steps="河北省继续推进。",
    )
    narrative(shandong, campaign, work_done="山东省草稿，不应出现。")
    Submission.objects.filter(organizer=hebei, form=4).update(state="submitted")
    return hebei, shandong


def test_national_figures_per_organizer_by_hand(campaign, two_organizers):
    hebei, shandong = two_organizers
    summary = summary_data(campaign)
    assert summary.organizer_name == "工业和信息化部节能与综合利用司"
    assert summary.enterprises == 3
    assert summary.organizer_rows == [
        (hebei.official_name, "2", "4", "4,000.0", "1,000.00"),
        (shandong.official_name, "1", "2", "5,000.0", "200.00"),
    ]
    hebei_part, shandong_part = summary.organizer_parts
    assert hebei_part.narrative["problems"] == ["河北省资金不足。"]
    assert shandong_part.narrative["overview"] == []  # a draft is not gathered
    assert "共有1个组织单位报送" in summary.narrative["overview"][0]
    assert "2个组织单位有验收通过的诊断报告" in summary.narrative["overview"][0]


def test_national_word_has_each_organizer_in_the_outline_order(
    ministry_user, campaign, two_organizers
):
    hebei, shandong = two_organizers
    job = render(ministry_user, DocumentKind.FORM_SUMMARY_DOCX, campaign=campaign)
    document = docx.Document(content(job))
    lines = [p.text for p in document.paragraphs]
    text = "\n".join(lines)
    order = [
        "一、工作开展情况",
        "河北省组织开展节能诊断。",
        "二、工作成效",
        "（五）各组织单位诊断情况",
        "河北省成效明显。",
        "三、典型做法与优秀案例",
        "河北省做法：以诊促改。",
        "四、存在的问题",
        "河北省资金不足。",
        "五、下一步工作与建议",
        "河北省继续推进。",
    ]
    positions = [lines.index(line) for line in order]
    assert positions == sorted(positions)
    # each organizer text stands under the organizer's name
    assert lines[lines.index("河北省资金不足。") - 1] == hebei.official_name
    assert "山东省草稿" not in text
    assert lines[-2] == "工业和信息化部节能与综合利用司"
    assert "全国" not in lines[-2:]
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    organizers = next(t for t in tables if t[0][0] == "组织单位")
    assert organizers[1:] == [
        [hebei.official_name, "2", "4", "4,000.0", "1,000.00"],
        [shandong.official_name, "1", "2", "5,000.0", "200.00"],
    ]
    assert job.output_name == "2021年度节能诊断服务工作总结-全国.docx"


def test_national_pdf_has_each_organizer_and_the_ministry_signs(
    ministry_user, campaign, two_organizers
):
    job = render(ministry_user, DocumentKind.FORM_SUMMARY_PDF, campaign=campaign)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content(job).getvalue())
        f.flush()
        if os.environ.get("ANNEX4_KEEP"):
            Path(os.environ["ANNEX4_KEEP"]).write_bytes(content(job).getvalue())
        text = subprocess.run(
            ["pdftotext", "-layout", f.name, "-"], capture_output=True, text=True, check=True
        ).stdout
    flat = "".join(text.split())
    assert "各组织单位诊断情况" in flat
    assert "4,000.0" in flat and "5,000.0" in flat
    for line in ("河北省组织开展节能诊断。", "河北省资金不足。", "河北省继续推进。"):
        assert line in flat
    assert flat.index("河北省资金不足。") < flat.index("五、下一步工作与建议")
    assert "山东省草稿" not in flat
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    last = [line for line in lines if not re.fullmatch(r"第\d+页共\d+页", line)][-2:]
    assert last[0] == "工业和信息化部节能与综合利用司"
    assert last[1].endswith("日")


def test_type_table_and_follow_up_table_agree(campaign, hebei):
    """跟踪服务 in the type table and 回访企业数 count the same accepted follow-ups: one
    accepted, one still at work (in neither)."""
    earlier = accepted_report(campaign=CampaignFactory(year=2019), organizer=hebei)
    other = accepted_report(campaign=earlier.task.campaign, organizer=hebei)
    follow_up(campaign, earlier, states=(MeasureState.IMPLEMENTED,), accepted=True)
    follow_up(campaign, other, states=(MeasureState.PLANNED,))
    for summary in (summary_data(campaign, hebei), summary_data(campaign)):
        by_type = {row.label: row.count for row in summary.counts_by_type}
        assert by_type["跟踪服务"] == 1
        assert summary.follow_up.enterprises == 1
        assert dict(summary.follow_up_rows)["回访企业数（家）"] == "1"


def test_national_page_gathers_the_organizers(
    client_for, ministry_user, organizer_user, campaign, two_organizers
):
    hebei, shandong = two_organizers
    url = reverse("reports:summary-national") + "?year=2021"
    html = client_for(ministry_user).get(url).content.decode()
    organizers = html.split('id="summary-organizers"')[1].split("</table>")[0]
    assert f'<th scope="row">{hebei.official_name}</th><td class="num">2</td>' in organizers
    assert f'<th scope="row">{shandong.official_name}</th><td class="num">1</td>' in organizers
    texts = html.split('id="summary-organizer-texts"')[1]
    assert texts.index("四、存在的问题") < texts.index("河北省资金不足。")
    assert texts.index("河北省资金不足。") < texts.index("五、下一步工作与建议")
    assert "山东省草稿" not in html
    assert "（四）验收情况" in html and "工业和信息化部节能与综合利用司" in html
    assert client_for(organizer_user).get(url).status_code in (403, 404)
