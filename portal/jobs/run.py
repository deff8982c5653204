"""The worker's half of a document job: claim it, reuse an unchanged file or render, finish.

The request that queued the job did only what must happen there (service.py; bench/
bench_jobs.py holds it to 2× a one-query view). The worker decides the rest: it works out the
fingerprint as the render starts and, when the same person already has a finished file with
that fingerprint still stored, finishes the job with that file instead of rendering again.
"""

import hashlib
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.choices import JobState
from portal.i18n import site_language
from portal.models import DocumentJob

from .registry import REGISTRY, Progress
from .state import MAX_ATTEMPTS

REUSE_CANDIDATES = 5  # finished files of the same fingerprint looked at for one still stored


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


def _reusable_output(job: DocumentJob) -> DocumentJob | None:
    """The requester's latest finished job with `job`'s fingerprint whose file is still stored
    (files are never shared between people through reuse)."""
    earlier = (
        DocumentJob.objects.filter(
            requested_by_id=job.requested_by_id,
            fingerprint=job.fingerprint,
            state=JobState.DONE,
        )
        .exclude(pk=job.pk)
        .exclude(output="")
        .order_by("-finished_at", "-id")[:REUSE_CANDIDATES]
    )
    return next((j for j in earlier if j.output.storage.exists(j.output.name)), None)


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
    earlier = _reusable_output(job)
    if earlier is not None:
        return _finish_with(job_id, earlier)
    builder = REGISTRY[job.kind]
    with tempfile.TemporaryDirectory(prefix="job-") as tmp:
        path = Path(tmp) / "output"
        with site_language():  # documents are Chinese whoever asked (eager jobs run in the request)
            name = builder.build(job, path, _progress_updater(job.pk))
        size, checksum = path.stat().st_size, _sha256(path)

        def store(job: DocumentJob) -> None:
            old = job.output.name
            with path.open("rb") as f:
                job.output.save(
                    f"job-{job.pk}-{checksum[:12]}{Path(name).suffix}", File(f), save=False
                )
            if old and old != job.output.name:
                job.output.storage.delete(old)

        return _finish(job_id, store, output_name=name, size=size, checksum=checksum)


def _finish_with(job_id: int, earlier: DocumentJob) -> DocumentJob:
    """Finish the job with the file of an earlier job for the same data (no render). Both rows
    name the same stored file; a finished job's file is never replaced or removed."""
    return _finish(
        job_id,
        lambda job: setattr(job, "output", earlier.output.name),
        output_name=earlier.output_name,
        size=earlier.size,
        checksum=earlier.checksum,
    )


def _finish(
    job_id: int,
    store: Callable[[DocumentJob], None],
    *,
    output_name: str,
    size: int | None,
    checksum: str,
) -> DocumentJob:
    """Under the job's row lock: `store(job)` puts the file on it and the job is done. A job
    that another delivery finished first is left as it is."""
    with transaction.atomic():
        job = DocumentJob.objects.select_for_update().get(pk=job_id)
        if job.state == JobState.DONE:
            return job
        store(job)
        job.output_name, job.size, job.checksum = output_name, size, checksum
        job.state, job.progress, job.finished_at = JobState.DONE, 100, timezone.now()
        job.save()
    return job


def document_job_fail(*, job_id: int, reason: str) -> None:
    DocumentJob.objects.filter(pk=job_id).exclude(state=JobState.DONE).update(
        state=JobState.FAILED, error=reason[:2000], finished_at=timezone.now()
    )
