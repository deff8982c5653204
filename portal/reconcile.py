"""Document jobs that have not reached a worker: safe sending and a periodic reconciler.

A job is sent to the broker once its row commits (`JobTask.delay_on_commit` → `job_send`).
When Redis is down that send fails: the request must still succeed, so the job stays QUEUED
with a note the user sees ("waiting for the queue") instead of a server error.
`document_jobs_reconcile`, run every minute by Celery beat (CELERY_BEAT_SCHEDULE), sends those
jobs once the broker answers again, and sends again a job queued for longer than
`requeue_after()` that no worker has claimed (its message was lost with a flushed or
failed-over Redis). Sending a job twice is harmless: a worker's claim leaves a finished job
alone, and only one output is ever kept.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import RedisError

from .choices import JobState
from .models import DocumentJob

log = logging.getLogger(__name__)

# What a publish raises when Redis refuses, resets or does not answer in time.
BROKER_ERRORS = (BrokerOperationalError, RedisError, OSError)
BATCH = 500
REMEMBERED = 100  # refusals kept per thread for job_tell_if_waiting (a request reads its own)
_REFUSED = threading.local()


def requeue_after() -> timedelta:
    """How long a sent job may stay queued before it is sent again (a long backlog is fine)."""
    return timedelta(minutes=getattr(settings, "DOCUMENT_JOB_REQUEUE_MINUTES", 15))


def give_up_after() -> timedelta:
    """A job no worker took for this long fails with a reason and a "try again" button."""
    return timedelta(hours=getattr(settings, "DOCUMENT_JOB_GIVE_UP_HOURS", 24))


def waiting_note() -> str:
    return _(
        "Waiting for the queue: the job service is not reachable right now. The file will be "
        "generated as soon as it is back; you do not need to ask again."
    )


def job_is_waiting(job: DocumentJob) -> bool:
    """Queued but not yet handed to the broker (a queued job carries no error otherwise)."""
    return job.state == JobState.QUEUED and bool(job.error)


def job_send(job_id: int, *, waiting: bool = False, task=None, remember: bool = False) -> bool:
    """Send the job to the workers now; when the broker is down, mark it waiting instead.

    `JobTask.delay_on_commit` calls this once the job's row is committed, with `remember` so
    that `job_tell_if_waiting` can tell the user without reading the row again; `waiting`
    says the job carries the note, to be cleared once it is sent. `task`: render_document.
    """
    if task is None:
        from .tasks import render_document as task
    try:
        task.apply_async(args=[job_id])
    except BROKER_ERRORS as exc:
        log.warning("Document job %s waits for the broker: %s", job_id, exc)
        DocumentJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            error=waiting_note(), updated_at=timezone.now()
        )
        if remember:
            _refused_here().add(job_id)
        return False
    if waiting:
        DocumentJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(error="")
    return True


def _refused_here() -> set[int]:
    """Jobs this thread could not send, until the request that queued them says so."""
    refused = getattr(_REFUSED, "ids", None)
    if refused is None or len(refused) > REMEMBERED:
        refused = _REFUSED.ids = set()
    return refused


def job_tell_if_waiting(job: DocumentJob, request) -> bool:
    """After a request queued `job`: if the broker refused it, show the note to the user."""
    refused = _refused_here()
    if job.pk not in refused:
        return False
    refused.discard(job.pk)
    job.error = waiting_note()
    messages.warning(request, job.error, fail_silently=True)
    return True


def _give_up(queued, now) -> int:
    reason = _("No worker took this file up within a day. Try again.")
    return queued.filter(created_at__lt=now - give_up_after()).update(
        state=JobState.FAILED, error=reason, finished_at=now, updated_at=now
    )


def document_jobs_reconcile(*, now=None) -> dict[str, int]:
    """Send the queued jobs no worker has: waiting for the broker, or sent and lost.

    Each job is touched before it is sent, so overlapping sweeps do not both send it and the
    next sweep waits `requeue_after()` again. Stops at the first broker error: the rest waits
    for the next sweep.
    """
    now = now or timezone.now()
    queued = DocumentJob.objects.filter(state=JobState.QUEUED)
    failed = _give_up(queued, now)
    due = queued.filter(Q(error__gt="") | Q(updated_at__lt=now - requeue_after())).order_by("pk")
    sent = 0
    for job in due[:BATCH]:
        if not DocumentJob.objects.filter(
            pk=job.pk, state=JobState.QUEUED, updated_at=job.updated_at
        ).update(updated_at=now):
            continue  # a worker claimed it, or another sweep took it
        if not job_send(job.pk, waiting=job_is_waiting(job)):
            break
        sent += 1
    if sent or failed:
        log.info("Document jobs reconciled: %s sent again, %s given up", sent, failed)
    return {"sent": sent, "failed": failed}
