"""附件4 验收情况: the four acceptance dimensions against a hand count, and in Word and PDF."""

import io
from decimal import Decimal

import pytest
from docx import Document

from enterprises.choices import TaskState
from provinces.models import PlanContent
from reports.documents.builders.texts import write_summary
from reports.documents.render.outcomes import dimension_rows, quantity_rows
from reports.models import Acceptance, CheckReason, Feedback
from reports.summary.dimensions import acceptance_outcomes
from tests.factories import DiagnosisReportFactory, SubmissionFactory, TaskFactory
from tests.reports.reporting import ALL_OK

pytestmark = pytest.mark.django_db


@pytest.fixture
def hebei_year(campaign, hebei, shandong, organizer_user, agency_user, enterprise_user):
    """Hebei planned 3 key-industry and 2 SME diagnoses and listed 4 tasks:

    * A key industry, accepted first time, rated 5 "诊断细致";
    * B key industry, returned once ("补充设备清单"), then accepted, rated 3, a check reason;
    * C SME, reported (waiting);
    * D SME, published, no report; one reason on the intent list.
    Shandong's accepted task must not count."""
    plan = SubmissionFactory(campaign=campaign, organizer=hebei, form=1)
    PlanContent.objects.create(submission=plan, key_industry=3, sme=2)
    a = DiagnosisReportFactory(
        task=TaskFactory(campaign=campaign, organizer=hebei, state=TaskState.ACCEPTED),
        accepted=True,
    )
    b = DiagnosisReportFactory(
        task=TaskFactory(campaign=campaign, organizer=hebei, state=TaskState.ACCEPTED),
        accepted=True,
    )
    c_task = TaskFactory(
        campaign=campaign, organizer=hebei, diagnosis_type="sme", state=TaskState.REPORTED
    )
    DiagnosisReportFactory(task=c_task, submitted=True)
    d_task = TaskFactory(
        campaign=campaign, organizer=hebei, diagnosis_type="sme", state=TaskState.PUBLISHED
    )
    Acceptance.objects.create(report=a, decision="accept", decided_by=organizer_user, **ALL_OK)
    Acceptance.objects.create(
        report=b, decision="return", decided_by=organizer_user, comment="补充设备清单"
    )
    Acceptance.objects.create(report=b, decision="accept", decided_by=organizer_user, **ALL_OK)
    Feedback.objects.create(report=a, recorded_by=enterprise_user, rating=5, comments="诊断细致")
    Feedback.objects.create(report=b, recorded_by=enterprise_user, rating=3)
    CheckReason.objects.create(
        task=b.task, code="energy_vs_list", target="report", reason="口径", given_by=agency_user
    )
    CheckReason.objects.create(
        task=d_task,
        code="sme_energy",
        target=f"task:{d_task.pk}",
        reason="分立",
        given_by=organizer_user,
    )
    other = DiagnosisReportFactory(
        task=TaskFactory(campaign=campaign, organizer=shandong, state=TaskState.ACCEPTED),
        accepted=True,
    )
    Feedback.objects.create(report=other, recorded_by=enterprise_user, rating=1)
    return campaign, hebei


def test_the_four_dimensions_by_hand(hebei_year):
    campaign, hebei = hebei_year
    outcomes = acceptance_outcomes(campaign, hebei)
    rows = quantity_rows(outcomes)
    assert rows[0] == ("重点行业", "3", "2", "2", "2")
    assert rows[1] == ("中小企业", "2", "2", "1", "0")
    assert rows[-1] == ("合计", "5", "4", "3", "2")
    quality, data, feedback = dimension_rows(outcomes)
    assert quality == (
        "完成质量",
        [
            ("验收通过报告数", "2"),
            ("一次验收通过数", "1"),
            ("一次验收通过率", "50.0%"),
            ("退回修改次数", "1"),
        ],
    )
    assert outcomes.return_reasons == ["补充设备清单"]
    assert data[1] == [
        ("报送诊断报告数", "3"),
        ("已说明的数据核验警告（诊断报告）", "1"),
        ("已说明的数据核验警告（意向企业名单）", "1"),
    ]
    assert feedback[1] == [("企业反馈数", "2"), ("平均满意度（1–5分）", "4.0")]
    assert outcomes.comments == ["诊断细致"]


def test_nationally_every_organizer_counts(hebei_year):
    campaign, _hebei = hebei_year
    outcomes = acceptance_outcomes(campaign)
    assert outcomes.accepted == 3 and outcomes.feedback_count == 3
    assert outcomes.rating_average == Decimal("3.0")


def test_word_and_pdf_carry_the_dimensions(hebei_year, tmp_path):
    campaign, hebei = hebei_year
    docx_path = tmp_path / "s.docx"
    write_summary("docx", campaign, hebei, docx_path)
    document = Document(io.BytesIO(docx_path.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert "（四）验收情况" in texts and "3. 数据填报" in texts
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "一次验收通过率" in cells and "50.0%" in cells
    from reports.documents.render.pdf import render_html
    from reports.summary.dimensions import outcomes_context
    from reports.summary.selectors import summary_data

    summary = summary_data(campaign, hebei)
    html = render_html(
        "documents/summary.html",
        {"summary": summary, **outcomes_context(summary, acceptance_outcomes(campaign, hebei))},
    )
    assert "验收情况" in html and "退回原因：补充设备清单" in html and "企业意见：诊断细致" in html
