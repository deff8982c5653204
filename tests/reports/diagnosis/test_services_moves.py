"""Submit, return, resubmit, accept: the task's moves with the report's guards and checklist."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation

from enterprises.models import TaskEvent
from portal.errors import DomainError, InvalidMove
from portal.models import AuditLog
from reports.diagnosis.services import moves
from reports.models import Acceptance, DiagnosisReport
from tests.reports.reporting import (
    ALL_OK,
    fill_report,
    pdf_upload,
    published_task,
    rate,
    submitted_task,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def submitted(agency_user, enterprise, campaign):
    """A report submitted on 2021-09-01, before the summary deadline."""
    with time_machine.travel(dt.datetime(2021, 9, 1, 2, 0, tzinfo=dt.UTC)):
        return submitted_task(agency_user, enterprise=enterprise, campaign=campaign)


def test_incomplete_report_cannot_be_submitted(agency_user, enterprise, campaign):
    """Without energy data and measures the agency is told what is missing."""
    from reports.diagnosis.services import editing

    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    editing.report_upload_file(task_id=task.pk, actor=agency_user, upload=pdf_upload())
    with pytest.raises(DomainError, match="measure"):
        moves.report_submit(task_id=task.pk, actor=agency_user)
    task.refresh_from_db()
    assert task.state == "published"


def test_submit_moves_the_task_with_an_event_and_audit(submitted):
    """Submitting: task reported, a submit_report event, an audit record, a timestamp."""
    submitted.refresh_from_db()
    report = DiagnosisReport.objects.get(task=submitted)
    assert submitted.state == "reported"
    assert (report.submit_count, report.is_late) == (1, False)
    assert TaskEvent.objects.filter(
        task=submitted, action="submit_report", from_state="published", to_state="reported"
    ).exists()
    assert AuditLog.objects.filter(action="report.submit", object_id=str(report.pk)).exists()


def test_submission_after_the_summary_deadline_is_marked_late(agency_user, enterprise, campaign):
    """After 2021-11-15 (Asia/Shanghai) the report is still accepted but marked late."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    fill_report(task, agency_user)
    with time_machine.travel(dt.datetime(2021, 11, 16, 9, 0, tzinfo=dt.UTC)):
        report = moves.report_submit(task_id=task.pk, actor=agency_user)
    assert report.is_late is True


def test_return_needs_a_comment(submitted, organizer_user):
    """Returning without a comment is refused."""
    with pytest.raises(InvalidMove):
        moves.report_return(task_id=submitted.pk, actor=organizer_user, comment=" ")


def test_return_then_resubmit_counts_twice(submitted, organizer_user, agency_user):
    """A returned report carries the comment; the agency resubmits it."""
    moves.report_return(
        task_id=submitted.pk,
        actor=organizer_user,
        comment="请补充实测数据",
        checklist={"quantity_ok": True},
    )
    report = DiagnosisReport.objects.get(task=submitted)
    assert report.last_comment == "请补充实测数据"
    assert Acceptance.objects.get(report=report).decision == "return"
    report = moves.report_submit(task_id=submitted.pk, actor=agency_user)
    assert report.submit_count == 2
    submitted.refresh_from_db()
    assert submitted.state == "reported"


def test_accept_needs_the_enterprise_feedback(submitted, organizer_user):
    """Accepting before any feedback is refused with the reason."""
    with pytest.raises(DomainError, match="feedback"):
        moves.report_accept(task_id=submitted.pk, actor=organizer_user, checklist=ALL_OK)


def test_accept_needs_all_four_criteria(submitted, organizer_user, enterprise_user):
    """An unticked criterion blocks acceptance and is named."""
    rate(submitted, enterprise_user)
    with pytest.raises(DomainError, match="data completeness"):
        moves.report_accept(
            task_id=submitted.pk, actor=organizer_user, checklist={**ALL_OK, "data_ok": False}
        )


def test_accept_records_the_checklist(submitted, organizer_user, enterprise_user):
    """Accepted: the task moves, the checklist is kept, the report is stamped."""
    rate(submitted, enterprise_user)
    acceptance = moves.report_accept(
        task_id=submitted.pk, actor=organizer_user, checklist=ALL_OK, comment="数据完整"
    )
    submitted.refresh_from_db()
    assert submitted.state == "accepted"
    assert (acceptance.decision, acceptance.data_ok) == ("accept", True)
    assert DiagnosisReport.objects.get(task=submitted).accepted_at is not None


def test_agency_cannot_accept(submitted, agency_user):
    """Only the organizer accepts."""
    with pytest.raises(PermissionDenied):
        moves.report_accept(task_id=submitted.pk, actor=agency_user, checklist=ALL_OK)


def test_another_organizer_gets_404(submitted, other_organizer_user):
    """Shandong cannot see, let alone return, a Hebei report."""
    with pytest.raises(Http404):
        moves.report_return(task_id=submitted.pk, actor=other_organizer_user, comment="x")


def test_only_accepted_reports_become_excellent_cases(submitted, organizer_user, enterprise_user):
    """Marking waits for acceptance; then the mark and its note are kept."""
    with pytest.raises(InvalidMove):
        moves.report_mark_excellent(task_id=submitted.pk, actor=organizer_user, excellent=True)
    rate(submitted, enterprise_user)
    moves.report_accept(task_id=submitted.pk, actor=organizer_user, checklist=ALL_OK)
    report = moves.report_mark_excellent(
        task_id=submitted.pk, actor=organizer_user, excellent=True, note="系统节能改造的典型"
    )
    assert (report.is_excellent_case, report.excellent_note) == (True, "系统节能改造的典型")
