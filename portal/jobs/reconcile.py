"""Document jobs that have not reached a worker: the periodic reconciler.

A job is sent to the broker once its row commits (dispatch.py). When Redis is down that send
fails and the job stays QUEUED, waiting, with a note the user sees.
`document_jobs_reconcile`, run every minute by Celery beat (CELERY_BEAT_SCHEDULE), sends those
jobs once the broker answers again, and sends again a job queued for longer than
`requeue_after()` that no worker has claimed (its message was lost with a flushed or
failed-over Redis). Sending a job twice is harmless: a worker's claim leaves a finished job
alone, and only one output is ever kept.
"""

import logging

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.choices import JobState
from portal.models import DocumentJob

from .dispatch import job_send
from .state import give_up_after, job_is_waiting, requeue_after

log = logging.getLogger(__name__)

BATCH = 500


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
