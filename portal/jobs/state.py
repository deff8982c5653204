"""What a job's row says about it: how long it may wait, stale, waiting for the broker."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.choices import JobState
from portal.models import DocumentJob

MAX_ATTEMPTS = 3
STALE_MARGIN_S = 300


def waiting_note() -> str:
    return _(
        "Waiting for the queue: the job service is not reachable right now. The file will be "
        "generated as soon as it is back; you do not need to ask again."
    )


def job_is_waiting(job: DocumentJob) -> bool:
    """Queued but not yet handed to the broker (a queued job carries no error otherwise)."""
    return job.state == JobState.QUEUED and bool(job.error)


def job_is_stale(job: DocumentJob, now=None) -> bool:
    """Queued or running for longer than a worker may take: its worker is gone for good."""
    if job.state not in (JobState.QUEUED, JobState.RUNNING):
        return False
    options = getattr(settings, "CELERY_BROKER_TRANSPORT_OPTIONS", {}) or {}
    limit = options.get("visibility_timeout", 3600) + STALE_MARGIN_S
    return ((now or timezone.now()) - job.updated_at).total_seconds() > limit


def requeue_after() -> timedelta:
    """How long a sent job may stay queued before it is sent again (a long backlog is fine)."""
    return timedelta(minutes=getattr(settings, "DOCUMENT_JOB_REQUEUE_MINUTES", 15))


def give_up_after() -> timedelta:
    """A job no worker took for this long fails with a reason and a "try again" button."""
    return timedelta(hours=getattr(settings, "DOCUMENT_JOB_GIVE_UP_HOURS", 24))
