"""Celery adapters of the document jobs: an id in, a service call out, safe to run twice.

Registered in every process by PortalConfig.ready(); the request side sends them by name
(dispatch.RENDER_TASK), so nothing imports this module but the app config and tests.
"""

from celery import shared_task
from celery.contrib.django.task import DjangoTask
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from .dispatch import RENDER_TASK
from .reconcile import document_jobs_reconcile
from .run import document_job_fail, document_job_run
from .state import MAX_ATTEMPTS

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class JobTask(DjangoTask):
    """Marks the job failed, with a reason the user sees, once retries are used up."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        job_id = args[0] if args else kwargs.get("job_id")
        if job_id is not None:
            reason = _("Rendering failed: %(error)s") % {"error": exc.__class__.__name__}
            document_job_fail(job_id=job_id, reason=f"{reason} ({exc})")


@shared_task(
    bind=True,
    base=JobTask,
    name=RENDER_TASK,
    autoretry_for=TRANSIENT,
    retry_backoff=5,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=MAX_ATTEMPTS - 1,
    acks_late=True,
    reject_on_worker_lost=True,
    # The job row is the result; a result store would also put Redis in the request's path.
    ignore_result=True,
)
def render_document(self, job_id: int) -> int:
    """At most three attempts; a crash of the worker redelivers the job (acks late)."""
    return document_job_run(job_id=job_id).pk


@shared_task(name="portal.reconcile_document_jobs", ignore_result=True)
def reconcile_document_jobs() -> int:
    """Every minute (beat): send the jobs the broker never got or lost; safe to run twice."""
    return document_jobs_reconcile()["sent"]
