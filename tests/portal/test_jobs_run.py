"""Document jobs (portal/jobs/: run.py, service.py, tasks.py): reuse, idempotent runs, retries, failures."""

import hashlib
import os
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from portal.choices import DocumentKind, JobState
from portal.jobs.registry import REGISTRY, Builder
from portal.jobs.run import document_job_run
from portal.jobs.service import document_job_request
from portal.jobs.tasks import JobTask, render_document
from portal.models import DocumentJob

pytestmark = pytest.mark.django_db
KIND = DocumentKind.EXPORT  # any kind: the tests put their own builder behind it


class FakeBuilder:
    """Writes "<version>" to the file; can fail the first `failures` times with `error`."""

    def __init__(self, version="v1", failures=0, error=ValueError):
        self.version_value, self.failures, self.error, self.calls = version, failures, error, 0

    def build(self, job, path: Path, progress) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error("database went away")
        progress(1, 2)
        path.write_text(f"data {self.version_value}", encoding="utf-8")
        return "测试文件.txt"

    def version(self, job) -> str:
        return self.version_value


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """A media folder per test: job ids restart at 1 in every test's database."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def fake(monkeypatch):
    builder = FakeBuilder()
    monkeypatch.setitem(REGISTRY, KIND, Builder(build=builder.build, version=builder.version))
    return builder


def request(user, **kwargs):
    return document_job_request(actor=user, kind=KIND, params={"x": 1}, dispatch=False, **kwargs)


def stored_files(job) -> list[str]:
    folder = Path(job.output.path).parent
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f"job-{job.pk}-"))


def test_render_task_is_sent_by_name_only_after_commit(
    fake, ministry_user, monkeypatch, django_capture_on_commit_callbacks
):
    """Nothing is sent while the job's row is uncommitted; then the task named
    portal.render_document, with the job's id only."""
    assert issubclass(JobTask, __import__("celery").contrib.django.task.DjangoTask)
    sent = []
    monkeypatch.setattr(
        render_document, "apply_async", lambda args, kwargs=None, **o: sent.append(args)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = document_job_request(actor=ministry_user, kind=KIND)
    assert sent == []
    for callback in callbacks:
        callback()
    assert render_document.name == "portal.render_document"
    assert [list(args) for args in sent] == [[job.pk]]


def test_requested_job_is_rendered_by_the_worker_after_commit(
    fake, ministry_user, django_capture_on_commit_callbacks
):
    """Queued on commit; the worker leaves it done with size, checksum and the file name."""
    with django_capture_on_commit_callbacks(execute=True):
        job = document_job_request(actor=ministry_user, kind=KIND)
    job.refresh_from_db()
    data = job.output.open("rb").read()
    assert (job.state, job.progress, job.attempts) == (JobState.DONE, 100, 1)
    assert job.size == len(data) and job.checksum == hashlib.sha256(data).hexdigest()
    assert job.output_name == "测试文件.txt"


def test_same_request_on_unchanged_data_reuses_the_finished_file(fake, ministry_user):
    """A second request is a job of its own, finished by the worker with the first one's file
    (no second render) while the builder's version is the same."""
    first = document_job_run(job_id=request(ministry_user).pk)
    again = document_job_run(job_id=request(ministry_user).pk)
    assert again.pk != first.pk and fake.calls == 1
    assert (again.state, again.output.name, again.checksum, again.output_name) == (
        JobState.DONE,
        first.output.name,
        first.checksum,
        first.output_name,
    )
    assert again.output.open("rb").read() == b"data v1"
    fake.version_value = "v2"
    changed = document_job_run(job_id=request(ministry_user).pk)
    assert fake.calls == 2 and changed.output.name != first.output.name


def test_reuse_needs_the_file_to_still_exist(fake, ministry_user):
    """A finished job whose file was removed from storage is rendered again."""
    first = document_job_run(job_id=request(ministry_user).pk)
    os.remove(first.output.path)
    again = document_job_run(job_id=request(ministry_user).pk)
    assert fake.calls == 2 and again.output.name != first.output.name


def test_another_users_identical_request_gets_its_own_file(fake, ministry_user, organizer_user):
    """Jobs belong to who asked: files are never shared between users through reuse."""
    first = document_job_run(job_id=request(ministry_user).pk)
    other = document_job_run(job_id=request(organizer_user).pk)
    assert fake.calls == 2 and other.output.name != first.output.name


def test_the_request_records_and_sends_only(
    fake, ministry_user, monkeypatch, django_assert_num_queries
):
    """On every document button's path: the job and its audit row, in one transaction; the
    data's version is read by the worker as the render starts."""
    calls = []
    version = lambda job: calls.append(job.pk) or "v1"  # noqa: E731
    monkeypatch.setitem(REGISTRY, KIND, Builder(build=fake.build, version=version))
    # savepoint, the same person's identical job still on its way (none), the job, its audit
    # row, release; on PostgreSQL also the lock on the person's row (SQLite's IMMEDIATE
    # transaction already holds the write lock)
    with django_assert_num_queries(5 if connection.vendor == "sqlite" else 6):
        job = request(ministry_user)
    assert calls == [] and job.fingerprint == "" and job.state == JobState.QUEUED
    done = document_job_run(job_id=job.pk)
    assert calls == [job.pk] and len(done.fingerprint) == 64


def test_a_finished_file_is_kept_when_a_later_job_shares_it(fake, ministry_user):
    """Running the first job again (a late redelivery) leaves the shared file in place."""
    first = document_job_run(job_id=request(ministry_user).pk)
    again = document_job_run(job_id=request(ministry_user).pk)
    document_job_run(job_id=first.pk)
    assert Path(again.output.path).exists() and fake.calls == 1


def test_running_a_finished_job_again_changes_nothing(fake, ministry_user):
    """A second delivery of the same job returns at once: one output, one render."""
    job = document_job_run(job_id=request(ministry_user).pk)
    again = document_job_run(job_id=job.pk)
    assert (again.output.name, again.attempts, fake.calls) == (job.output.name, 1, 1)
    assert len(stored_files(job)) == 1


def test_rerun_after_a_crash_mid_render_leaves_one_output(fake, ministry_user):
    """A worker that died while running: the redelivered job counts a second attempt."""
    job = request(ministry_user)
    DocumentJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=1)
    done = document_job_run(job_id=job.pk)
    assert (done.state, done.attempts) == (JobState.DONE, 2)
    assert len(stored_files(done)) == 1


def test_worker_dying_three_times_fails_the_job_with_a_reason(fake, ministry_user):
    """The fourth delivery does not render again: the job fails, saying why."""
    job = request(ministry_user)
    DocumentJob.objects.filter(pk=job.pk).update(state=JobState.RUNNING, attempts=3)
    failed = document_job_run(job_id=job.pk)
    assert failed.state == JobState.FAILED and "3" in failed.error
    assert fake.calls == 0


def test_a_render_error_fails_the_job_with_the_reason(fake, ministry_user):
    """A builder error (not transient) is not retried; the user sees the reason."""
    fake.failures, fake.error = 1, ValueError
    job = request(ministry_user)
    render_document.apply(args=[job.pk])
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.FAILED, 1)
    assert "ValueError" in job.error and "database went away" in job.error


def test_a_transient_error_is_retried(fake, ministry_user):
    """A lost database connection is retried and the second attempt finishes the job."""
    fake.failures, fake.error = 1, OperationalError
    job = request(ministry_user)
    render_document.apply(args=[job.pk])
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.DONE, 2)


def test_at_most_three_attempts_then_failed(fake, ministry_user):
    """A transient error that never goes away: three attempts, then failed with the reason."""
    fake.failures, fake.error = 99, OperationalError
    job = request(ministry_user)
    render_document.apply(args=[job.pk])
    job.refresh_from_db()
    assert (job.state, job.attempts, fake.calls) == (JobState.FAILED, 3, 3)
    assert "OperationalError" in job.error


def test_a_second_identical_request_while_the_first_waits_gets_the_same_job(
    fake, ministry_user, organizer_user
):
    """A double click: the same person's same request still queued is handed back (one audit
    row); another person, other parameters, or a finished first job make a new job."""
    first = request(ministry_user)
    assert request(ministry_user).pk == first.pk
    assert DocumentJob.objects.count() == 1
    assert request(organizer_user).pk != first.pk
    other = document_job_request(actor=ministry_user, kind=KIND, params={"x": 2}, dispatch=False)
    assert other.pk != first.pk
    document_job_run(job_id=first.pk)
    assert request(ministry_user).pk != first.pk


def test_a_stale_twin_is_not_reused(fake, ministry_user):
    """A job whose worker is gone (stale) does not swallow the next request."""
    first = request(ministry_user)
    DocumentJob.objects.filter(pk=first.pk).update(updated_at=first.updated_at.replace(year=2000))
    assert request(ministry_user).pk != first.pk
