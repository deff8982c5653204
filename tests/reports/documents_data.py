"""Data for the document tests: forms, accepted reports with known figures, rendered jobs."""

import io
from decimal import Decimal

from django.core.files.base import ContentFile

from portal.choices import JobState
from portal.jobs.run import document_job_run
from portal.jobs.service import document_job_request
from provinces.choices import SubmissionState
from provinces.models import PlanContent, SummaryContent
from reports.models import DiagnosisReport
from tests.factories import (
    DiagnosisReportFactory,
    FollowUpFactory,
    MeasureFactory,
    SubmissionFactory,
    TaskFactory,
)

PDF = b"%PDF-1.4\n% diagnosis report\n" + b"0" * 2000 + b"\n%%EOF\n"


def plan(organizer, campaign, *, state=SubmissionState.SUBMITTED, **values) -> PlanContent:
    submission = SubmissionFactory(organizer=organizer, campaign=campaign, form=1, state=state)
    defaults = {
        "key_industry": 120,
        "sme": 60,
        "key_equipment": 10,
        "regional": 5,
        "follow_up": 5,
        "agencies_planned": 4,
        "contact_name": "李科长",
        "contact_title": "科长",
        "contact_phone": "0311-12345678",
        "contact_email": "jn@example.cn",
    }
    return PlanContent.objects.create(submission=submission, **{**defaults, **values})


def submitted(organizer, campaign, form: int, state=SubmissionState.SUBMITTED):
    return SubmissionFactory(organizer=organizer, campaign=campaign, form=form, state=state)


def accepted_report(
    *,
    savings_tce="1000",
    investment_wan="200",
    measures=(("technical", "电机变频改造", "600"), ("management", "完善能源计量", "400")),
    findings="电机能效偏低；空压机泄漏",
    excellent=False,
    note="",
    with_file=True,
    **task_kwargs,
) -> DiagnosisReport:
    """An accepted task whose report holds the given totals and measures."""
    task = TaskFactory(accepted=True, **task_kwargs)
    report = DiagnosisReportFactory(
        task=task,
        findings=findings,
        measure_count=len(measures),
        savings_tce=Decimal(savings_tce),
        investment_wan=Decimal(investment_wan),
        savings_wan=Decimal("80"),
        co2_t=Decimal("2660"),
        is_excellent_case=excellent,
        excellent_note=note,
        file_type="pdf" if with_file else "",
        file_size=len(PDF),
    )
    for category, title, tce in measures:
        MeasureFactory(report=report, category=category, title=title, savings_tce=Decimal(tce))
    if with_file:
        report.file.save("report.pdf", ContentFile(PDF), save=True)
    return report


def follow_up(
    campaign, earlier_report, *, states, organizer=None, realized_tce="50", accepted=False
):
    """A follow-up task of `campaign` revisiting `earlier_report`; its follow-up records of the
    earlier measures get `states` (the earlier measures themselves stay as reported). An
    `accepted` follow-up counts in 附件4 (its report accepted by the organizer)."""
    earlier = earlier_report.task
    task = TaskFactory(
        campaign=campaign,
        enterprise=earlier.enterprise,
        agency=earlier.agency,
        diagnosis_type="follow_up",
        previous_task=earlier,
        published=True,
        **({"organizer": organizer} if organizer else {}),
    )
    if accepted:
        DiagnosisReportFactory(task=task, accepted=True)
        type(task).objects.filter(pk=task.pk).update(state="accepted")
    for measure, state in zip(earlier_report.measures.order_by("id"), states, strict=False):
        FollowUpFactory(
            task=task,
            measure=measure,
            state=state,
            realized_tce=Decimal(realized_tce),
            actual_investment_wan=Decimal("10"),
        )
    return task


def narrative(organizer, campaign, **texts) -> SummaryContent:
    submission = SubmissionFactory(organizer=organizer, campaign=campaign, form=4)
    return SummaryContent.objects.create(submission=submission, **texts)


def render(user, kind, *, campaign=None, organizer=None, params=None):
    """Request and run a job in this process (as a worker would); returns the finished job."""
    job = document_job_request(
        actor=user,
        kind=kind,
        campaign=campaign,
        organizer=organizer,
        params=params or {},
        dispatch=False,
    )
    if job.state != JobState.DONE:
        job = document_job_run(job_id=job.pk)
    assert job.state == JobState.DONE, job.error
    return job


def content(job) -> io.BytesIO:
    with job.output.open("rb") as f:
        return io.BytesIO(f.read())
