"""Document jobs: request a file, render it in a worker, track progress, reuse unchanged output.

Apps register a builder per `DocumentKind` (reports/documents/builders.py does it for every
kind). A builder gets the job and a `progress(done, total)` callback, writes the file to the
path it is given and returns the file name the user downloads. It must be deterministic for
unchanged data: the job's fingerprint includes the builder's `version(job)` (e.g. the latest
update time of the rows it reads), worked out by the worker as the render starts, so an
identical request with unchanged data reuses the finished output instead of rendering again.

The request that queues a job is on every document button's path and stays cheap: it looks
up the same person's jobs for the same request (one query), and only when one exists reads
the data's version to decide on reuse; a first request records the job, its audit row and the
task message, nothing more (bench/bench_jobs.py holds it to 2× a one-query view).
"""

import hashlib
import json
import logging
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_record
from .choices import JobState
from .models import DocumentJob

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
MAX_ATTEMPTS = 3
STALE_MARGIN_S = 300
REUSE_CANDIDATES = 50  # the person's latest jobs of one kind looked at for reuse


@dataclass(frozen=True)
class Builder:
    build: Callable[[DocumentJob, Path, Progress], str]
    version: Callable[[DocumentJob], str] = lambda job: ""


REGISTRY: dict[str, Builder] = {}


def register_builder(kind: str, builder: Builder) -> None:
    REGISTRY[kind] = builder


def _fingerprint(job: DocumentJob) -> str:
    builder = REGISTRY[job.kind]
    payload = json.dumps(
        [
            job.kind,
            job.campaign_id,
            job.organizer_id,
            job.agency_id,
            job.params,
            builder.version(job),
        ],
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _same_request(job: DocumentJob, actor) -> list[DocumentJob]:
    """The actor's recent jobs for the same request (kind, scope, parameters), newest first:
    finished ones and ones still on their way. One query on the actor's jobs of that kind (a
    short query: on every document button's path, building a longer one costs more than
    comparing a few rows here)."""
    recent = DocumentJob.objects.filter(requested_by=actor, kind=job.kind).order_by("-id")
    return [
        j
        for j in recent[:REUSE_CANDIDATES]
        if j.state in (JobState.DONE, JobState.QUEUED, JobState.RUNNING)
        and (j.campaign_id, j.organizer_id, j.agency_id, j.params)
        == (job.campaign_id, job.organizer_id, job.agency_id, job.params)
    ]


def _reusable(job: DocumentJob, actor) -> DocumentJob | None:
    """What an identical request gets instead of a new job: a job still queued (it reads the
    data when it runs), or a running or finished one rendered from the data as it is now (the
    same fingerprint) whose file is still stored. The fingerprint, which reads the data's
    version, is worked out only when there is such a job: a first request never pays for it."""
    candidates = _same_request(job, actor)
    queued = next((j for j in candidates if j.state == JobState.QUEUED), None)
    if queued is not None and not job_is_stale(queued):
        return queued
    if not any(j.fingerprint for j in candidates):
        return None
    fingerprint = _fingerprint(job)
    done = [j for j in candidates if j.state == JobState.DONE and j.output]
    latest = max(done, key=lambda j: j.finished_at or j.created_at, default=None)
    if (
        latest is not None
        and latest.fingerprint == fingerprint
        and latest.output.storage.exists(latest.output.name)
    ):
        return latest
    running = next(
        (j for j in candidates if j.state == JobState.RUNNING and j.fingerprint == fingerprint),
        None,
    )
    if running is not None and not job_is_stale(running):
        return running
    return None


def document_job_request(
    *,
    actor,
    kind: str,
    campaign=None,
    organizer=None,
    agency=None,
    params: dict | None = None,
    request=None,
    dispatch: bool = True,
) -> DocumentJob:
    """Queue a render, or hand back the job for the same request on unchanged data.

    `dispatch=False` only records the job: the caller runs `document_job_run` itself
    (`manage.py render_form` renders synchronously through the same path).
    """
    from .reconcile import job_tell_if_waiting
    from .tasks import render_document

    job = DocumentJob(
        requested_by=actor,
        kind=kind,
        campaign=campaign,
        organizer=organizer,
        agency=agency,
        params=params or {},
    )
    reusable = _reusable(job, actor)
    if reusable is not None:
        return reusable
    with transaction.atomic():
        job.save()
        audit_record(
            actor=actor,
            action="document.request",
            obj=job,
            organizer=organizer,
            summary=kind,
            request=request,
        )
        if dispatch:
            render_document.delay_on_commit(job.pk)
    if dispatch and request is not None:
        job_tell_if_waiting(job, request)  # the broker refused it: say the file waits
    return job


def job_is_stale(job: DocumentJob, now=None) -> bool:
    """Queued or running for longer than a worker may take: its worker is gone for good."""
    if job.state not in (JobState.QUEUED, JobState.RUNNING):
        return False
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
    limit = options.get("visibility_timeout", 3600) + STALE_MARGIN_S
    return ((now or timezone.now()) - job.updated_at).total_seconds() > limit


def _claim(job_id: int) -> DocumentJob | None:
    """Mark the job running under a row lock; None when it is already done (run twice) or has
    used up its attempts (a worker that dies on it every time must not loop for ever)."""
    with transaction.atomic():
        job = DocumentJob.objects.select_for_update().get(pk=job_id)
        if job.state in (JobState.DONE, JobState.FAILED):
            return None
        if job.attempts >= MAX_ATTEMPTS:
            reason = _("The worker stopped %(n)s times while rendering this file.") % {
                "n": job.attempts
            }
            document_job_fail(job_id=job_id, reason=reason)
            return None
        job.state = JobState.RUNNING
        job.attempts += 1
        job.started_at = job.started_at or timezone.now()
        job.error = ""
        # The data's version as the render starts: what the file will show, and what a later
        # identical request compares to reuse it.
        job.fingerprint = _fingerprint(job)
        job.save(
            update_fields=["state", "attempts", "started_at", "error", "fingerprint", "updated_at"]
        )
        return job


def _progress_updater(job_id: int) -> Progress:
    last = {"pct": -1}

    def progress(done: int, total: int) -> None:
        pct = min(99, int(done * 100 / total)) if total else 0
        if pct >= last["pct"] + 5:
            last["pct"] = pct
            DocumentJob.objects.filter(pk=job_id).update(progress=pct)

    return progress


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_job_run(*, job_id: int) -> DocumentJob:
    """Render the job's file; idempotent (a finished job is left alone, a rerun replaces output)."""
    job = _claim(job_id)
    if job is None:
        return DocumentJob.objects.get(pk=job_id)
    builder = REGISTRY[job.kind]
    with tempfile.TemporaryDirectory(prefix="job-") as tmp:
        path = Path(tmp) / "output"
        name = builder.build(job, path, _progress_updater(job.pk))
        size, checksum = path.stat().st_size, _sha256(path)
        with transaction.atomic():
            job = DocumentJob.objects.select_for_update().get(pk=job_id)
            if job.state == JobState.DONE:  # another delivery finished first
                return job
            old = job.output.name
            with path.open("rb") as f:
                job.output.save(
                    f"job-{job.pk}-{checksum[:12]}{Path(name).suffix}", File(f), save=False
                )
            if old and old != job.output.name:
                job.output.storage.delete(old)
            job.output_name, job.size, job.checksum = name, size, checksum
            job.state, job.progress, job.finished_at = JobState.DONE, 100, timezone.now()
            job.save()
    return job


def document_job_fail(*, job_id: int, reason: str) -> None:
    DocumentJob.objects.filter(pk=job_id).exclude(state=JobState.DONE).update(
        state=JobState.FAILED, error=reason[:2000], finished_at=timezone.now()
    )


def document_job_retry(*, job_id: int, actor) -> DocumentJob:
    """Queue a failed (or stale) job again (the user pressed 'try again')."""
    from .tasks import render_document

    with transaction.atomic():
        job = DocumentJob.objects.select_for_update().get(pk=job_id)
        if job.state == JobState.FAILED or job_is_stale(job):
            job.state, job.progress, job.error, job.attempts = JobState.QUEUED, 0, "", 0
            job.save(update_fields=["state", "progress", "error", "attempts", "updated_at"])
            render_document.delay_on_commit(job.pk)
    return job
