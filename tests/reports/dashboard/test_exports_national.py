"""National exports through the job path: each kind renders the data, filtered by organizer kind."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.choices import DocumentKind, JobState
from portal.jobs.service import document_job_request
from provinces.models import PlanContent
from reports.dashboard.exports.rows import intent_rows
from reports.dashboard.exports.rows_status import status_rows
from reports.models import Acceptance, Feedback
from tests.factories import (
    CampaignFactory,
    DiagnosisReportFactory,
    FollowUpFactory,
    MeasureFactory,
    OrganizerFactory,
    RecommendationFactory,
    SubmissionFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def _export(user, campaign, capture, export: str, kind: str = ""):
    with capture(execute=True):
        job = document_job_request(
            actor=user,
            kind=DocumentKind.EXPORT,
            campaign=campaign,
            params={"export": export, "organizer_kind": kind},
        )
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    return job, load_workbook(job.output.open("rb"))


def _values(sheet) -> list[list]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _column(sheet, header: str) -> list:
    """The values under `header` down to the blank row that separates the notes."""
    rows = _values(sheet)
    header_row = next(i for i, r in enumerate(rows) if header in r)
    index = rows[header_row].index(header)
    values = []
    for row in rows[header_row + 1 :]:
        if all(v is None for v in row):
            break
        values.append(row[index])
    return values


def test_plans_export_has_each_submitted_plan_and_the_total(
    ministry_user, campaign, hebei, shandong, django_capture_on_commit_callbacks
):
    """附件1 nationally: Hebei's submitted plan (210) appears, Shandong's draft does not."""
    sent = SubmissionFactory(
        organizer=hebei, campaign=campaign, form=1, submitted=True, submitted_at=timezone.now()
    )
    PlanContent.objects.create(submission=sent, key_industry=150, sme=60, agencies_planned=8)
    draft = SubmissionFactory(organizer=shandong, campaign=campaign, form=1)
    PlanContent.objects.create(submission=draft, key_industry=500)
    job, book = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "plans")
    body = _values(book.active)
    assert job.output_name == "2021年度节能诊断服务工作计划汇总表.xlsx"
    assert any(r[:2] == ["河北省工业和信息化厅", 210] for r in body)
    assert not any("山东省工业和信息化厅" in r for r in body)
    assert any(r[0] == "合计" and r[1] == 210 for r in body)


def test_recommendations_export_lists_the_submitted_lists_agencies(
    ministry_user,
    campaign,
    hebei,
    shandong,
    agency,
    other_agency,
    django_capture_on_commit_callbacks,
):
    """附件2 nationally: Hebei's submitted list is in; Shandong's, still a draft, is not."""
    SubmissionFactory(organizer=hebei, campaign=campaign, form=2, submitted=True)
    SubmissionFactory(organizer=shandong, campaign=campaign, form=2)
    RecommendationFactory(campaign=campaign, organizer=hebei, agency=agency)
    RecommendationFactory(campaign=campaign, organizer=shandong, agency=other_agency)
    _, book = _export(
        ministry_user, campaign, django_capture_on_commit_callbacks, "recommendations"
    )
    assert _column(book.active, "机构名称") == [agency.name]
    assert _column(book.active, "填报单位") == ["河北省工业和信息化厅"]


def test_intent_list_filtered_by_organizer_kind(
    ministry_user, campaign, hebei, django_capture_on_commit_callbacks
):
    """organizer_kind=association keeps the association's tasks only; the name says so."""
    association = OrganizerFactory(code="ASSOC-EXP", name="中国建筑材料联合会")
    for organizer in (hebei, association):
        SubmissionFactory(organizer=organizer, campaign=campaign, form=3, approved=True)
    TaskFactory(campaign=campaign, organizer=hebei)
    TaskFactory.create_batch(2, campaign=campaign, organizer=association)
    job, book = _export(
        ministry_user, campaign, django_capture_on_commit_callbacks, "intent_list", "association"
    )
    assert _column(book.active, "填报单位") == ["中国建筑材料联合会"] * 2
    assert "行业协会" in job.output_name or "Industry association" in job.output_name


def test_published_list_is_the_current_snapshot_by_kind(
    ministry_user, campaign, hebei, django_capture_on_commit_callbacks
):
    """After publishing, the export lists the snapshot; by kind, only that kind's entries."""
    from enterprises.services.publishing import published_list_publish

    association = OrganizerFactory(code="ASSOC-PUB", name="中国有色金属工业协会")
    for organizer, n in ((hebei, 2), (association, 1)):
        SubmissionFactory(organizer=organizer, campaign=campaign, form=3, approved=True)
        TaskFactory.create_batch(n, campaign=campaign, organizer=organizer, state="letter_signed")
    TaskFactory(campaign=campaign, organizer=hebei)  # matched only: never published
    published_list_publish(campaign=campaign, actor=ministry_user)
    _, book = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "published_list")
    assert len(_column(book.active, "企业名称")) == 3
    _, book = _export(
        ministry_user, campaign, django_capture_on_commit_callbacks, "published_list", "association"
    )
    assert len(_column(book.active, "企业名称")) == 1


def test_published_list_before_publication_fails_with_a_reason(
    ministry_user, campaign, django_capture_on_commit_callbacks
):
    """Nothing published yet: the job fails and says why."""
    with django_capture_on_commit_callbacks(execute=True):
        job = document_job_request(
            actor=ministry_user,
            kind=DocumentKind.EXPORT,
            campaign=campaign,
            params={"export": "published_list"},
        )
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert "no published list" in job.error


def test_status_export_has_returns_rating_and_savings_per_task(
    ministry_user, campaign, hebei, django_capture_on_commit_callbacks
):
    """Per task: the report's lateness, two returns, rating 4 and 120 tce; a total row."""
    task = TaskFactory(campaign=campaign, organizer=hebei, accepted=True)
    report = DiagnosisReportFactory(
        task=task, submitted=True, is_late=True, savings_tce=Decimal(120)
    )
    for _ in range(2):
        Acceptance.objects.create(report=report, decision="return", decided_by=ministry_user)
    Feedback.objects.create(report=report, rating=4, recorded_by=ministry_user)
    TaskFactory(campaign=campaign, organizer=hebei, published=True)
    _, book = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "status")
    sheet = book.active
    row = _column(sheet, "企业名称").index(task.enterprise.name)
    assert _column(sheet, "退回次数")[row] == 2
    assert sorted(_column(sheet, "退回次数")[:2]) == [0, 2]
    assert _column(sheet, "企业评分（1–5）")[row] == 4
    assert _column(sheet, "是否逾期")[row] == "是"
    assert _column(sheet, "预计年节能量（吨标准煤）")[-1] == 120  # the 合计 row


def test_follow_up_export_lists_each_earlier_recommendation(
    ministry_user, campaign, hebei, django_capture_on_commit_callbacks
):
    """A 2019 recommendation followed up in 2021 shows its status and realized savings."""
    earlier = TaskFactory(campaign=CampaignFactory(year=2019), organizer=hebei, accepted=True)
    report = DiagnosisReportFactory(task=earlier, submitted=True)
    measure = MeasureFactory(
        report=report,
        category="technical",
        title="空压机改造",
        implemented=True,
        savings_tce=Decimal(50),
    )
    later = TaskFactory(
        campaign=campaign,
        organizer=hebei,
        enterprise=earlier.enterprise,
        diagnosis_type="follow_up",
        previous_task=earlier,
    )
    FollowUpFactory(task=later, measure=measure, realized_tce=Decimal(45))
    _, book = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "follow_up")
    assert _column(book.active, "节能建议")[0] == "空压机改造"
    assert _column(book.active, "原诊断年度")[0] == 2019
    assert _column(book.active, "实现年节能量（吨标准煤）")[0] == 45


def test_statistics_export_has_a_sheet_per_dashboard_table(
    ministry_user, campaign, hebei, django_capture_on_commit_callbacks
):
    """Sheets by type, industry, organizer, deadlines and ratings, with the dashboard's figures."""
    TaskFactory.create_batch(3, campaign=campaign, organizer=hebei, accepted=True)
    _, book = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "statistics")
    assert book.sheetnames == ["按诊断类型", "按行业", "按组织单位", "报送进度", "企业评价"]
    hebei_row = next(r for r in _values(book["按组织单位"]) if r[0] == "河北省")
    assert hebei_row[2:6] == [3, 3, 3, 3]
    assert len([r for r in _values(book["报送进度"]) if r[1]]) == 38  # header + 37 organizers


def test_same_request_on_unchanged_data_reuses_the_file(
    ministry_user, campaign, hebei, django_capture_on_commit_callbacks
):
    """Asking twice gives the finished file again; a new task makes a new one."""
    SubmissionFactory(organizer=hebei, campaign=campaign, form=3, submitted=True)
    TaskFactory(campaign=campaign, organizer=hebei)
    first, _ = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "intent_list")
    again, _ = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "intent_list")
    assert again.output.name == first.output.name
    TaskFactory(campaign=campaign, organizer=hebei)
    fresh, _ = _export(ministry_user, campaign, django_capture_on_commit_callbacks, "intent_list")
    assert fresh.output.name != first.output.name


@pytest.mark.parametrize("n", [10, 100])
@pytest.mark.parametrize("selector", [intent_rows, status_rows])
def test_row_selectors_make_two_queries_whatever_the_length(
    ministry_user, campaign, hebei, n, selector, django_assert_num_queries
):
    """A count and one streamed select (chunks of 2000), at 10 and at 100 tasks."""
    SubmissionFactory(organizer=hebei, campaign=campaign, form=3, approved=True)
    TaskFactory.create_batch(n, campaign=campaign, organizer=hebei, published=True)
    with django_assert_num_queries(2):
        count, rows = selector(ministry_user, campaign)
        assert len(list(rows)) == count == n


def test_export_page_is_ministry_only_and_queues_a_job(
    client_for, ministry_user, organizer_user, campaign, django_capture_on_commit_callbacks
):
    """Organizers get 403; the ministry's POST queues the job and lands on its page."""
    url = reverse("reports:export-list")
    assert client_for(organizer_user).get(url).status_code == 403
    client = client_for(ministry_user)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"export": "statistics", "campaign": 2021, "organizer_kind": ""}
        )
    assert response.status_code == 302
    assert response["Location"].startswith("/documents/")
    assert "2021年度工业节能诊断服务统计" in client.get(url).content.decode()
