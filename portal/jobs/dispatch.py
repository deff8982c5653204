"""Sending a job to the workers: by task name, once its row is committed.

The task is named, not imported (portal.jobs.tasks imports the run; nothing here imports the
tasks). When Redis is down the send fails: the request must still succeed, so the job stays
QUEUED with a note the user sees ("waiting for the queue") instead of a server error, and the
reconciler (reconcile.py) sends it once the broker answers again.
"""

import logging

from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import RedisError

from portal.celery import app as celery_app
from portal.choices import JobState
from portal.models import DocumentJob

from .state import waiting_note

log = logging.getLogger(__name__)

RENDER_TASK = "portal.render_document"
# What a publish raises when Redis refuses, resets or does not answer in time.
BROKER_ERRORS = (BrokerOperationalError, RedisError, OSError)


def job_send(job_id: int, *, waiting: bool = False) -> bool:
    """Send the job to the workers now; when the broker is down, mark it waiting instead.

    `waiting` says the job carries the note, to be cleared once it is sent.
    """
    try:
        celery_app.signature(RENDER_TASK, args=[job_id]).apply_async()
    except BROKER_ERRORS as exc:
        log.warning("Document job %s waits for the broker: %s", job_id, exc)
        DocumentJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            error=waiting_note(), updated_at=timezone.now()
        )
        return False
    if waiting:
        DocumentJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(error="")
    return True


def job_send_on_commit(job: DocumentJob) -> None:
    """Send `job` once its row is committed; a refused send also puts the note on `job`, so the
    caller (after the commit) sees `job_is_waiting(job)` without reading the row again."""

    def send() -> None:
        if not job_send(job.pk):
            job.error = waiting_note()

    transaction.on_commit(send)
