"""The "my documents" pages: progress fragment, download with a Chinese name, retry."""

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.choices import DocumentKind, JobState
from portal.jobs.registry import REGISTRY, Builder
from portal.jobs.run import document_job_run
from portal.jobs.service import document_job_request
from portal.models import AuditLog, DocumentJob

pytestmark = pytest.mark.django_db
KIND = DocumentKind.EXPORT


def _build(job, path: Path, progress) -> str:
    path.write_bytes(b"content")
    return "2021年度节能诊断服务意向企业名单-河北省.xlsx"


@pytest.fixture(autouse=True)
def builder(monkeypatch, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setitem(REGISTRY, KIND, Builder(build=_build))


def done_job(user) -> DocumentJob:
    job = document_job_request(actor=user, kind=KIND, dispatch=False)
    return document_job_run(job_id=job.pk)


def test_download_sends_the_chinese_name_as_rfc_6266_filename_star(client_for, organizer_user):
    """Content-Disposition: attachment; filename*=utf-8''<percent-encoded name>; audited."""
    job = done_job(organizer_user)
    response = client_for(organizer_user).get(reverse("job-download", args=[job.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(job.output_name)}" in disposition
    assert b"".join(response.streaming_content) == b"content"
    assert AuditLog.objects.filter(action="document.download", object_id=str(job.pk)).exists()


def test_another_users_job_is_not_found(client_for, organizer_user, other_organizer_user):
    """Jobs are their requester's: another organizer gets 404 for page and download."""
    job = done_job(organizer_user)
    client = client_for(other_organizer_user)
    assert client.get(reverse("job-detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("job-download", args=[job.pk])).status_code == 404


def test_my_documents_lists_only_my_own_jobs_also_for_the_ministry(
    client_for, ministry_user, organizer_user
):
    """The ministry may read every job, but its list shows the files it asked for."""
    mine, theirs = done_job(ministry_user), done_job(organizer_user)
    page = client_for(ministry_user).get(reverse("job-list"))
    listed = {job.pk for job in page.context["page_obj"]}
    assert mine.pk in listed and theirs.pk not in listed


def test_progress_fragment_polls_while_running(client_for, organizer_user):
    """htmx gets only the fragment: a progress bar that asks again every 2 s."""
    job = document_job_request(actor=organizer_user, kind=KIND, dispatch=False)
    DocumentJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, progress=40)
    response = client_for(organizer_user).get(
        reverse("job-detail", args=[job.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html and 'hx-trigger="every 2s"' in html
    assert 'value="40"' in html and f'id="job-{job.pk}"' in html


def test_failed_job_can_be_tried_again(client_for, organizer_user, monkeypatch):
    """The user sees the reason and a button; pressing it queues the job afresh."""
    job = document_job_request(actor=organizer_user, kind=KIND, dispatch=False)
    DocumentJob.objects.filter(pk=job.pk).update(
        state=JobState.FAILED, error="字体缺失", attempts=3
    )
    client = client_for(organizer_user)
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert "字体缺失" in page and reverse("job-retry", args=[job.pk]) in page
    client.post(reverse("job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert (job.state, job.attempts, job.error) == (JobState.QUEUED, 0, "")


def test_a_job_stuck_past_the_worker_time_limit_is_shown_failed_and_can_be_retried(
    client_for, organizer_user
):
    """A worker killed for good (hard time limit) leaves a running row: it is offered again."""
    job = document_job_request(actor=organizer_user, kind=KIND, dispatch=False)
    long_ago = timezone.now() - dt.timedelta(days=1)
    DocumentJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, updated_at=long_ago)
    client = client_for(organizer_user)
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert reverse("job-retry", args=[job.pk]) in page and "every 2s" not in page
    client.post(reverse("job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
