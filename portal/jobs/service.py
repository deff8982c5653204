"""The request's half of a document job: record it, send it once committed, try again.

    job = document_job_request(actor=user, kind=DocumentKind.EXPORT, campaign=campaign)
    if job_is_waiting(job):  # the broker refused it: the page says the file waits
        ...

The request does only what must happen there (bench/bench_jobs.py holds it to 2× a one-query
view): the job row, its audit row and the task message; the worker does the rest (run.py).
"""

from django.db import connection, transaction

from portal.audit import audit_record
from portal.choices import JobState
from portal.models import DocumentJob, User

from .dispatch import job_send_on_commit
from .state import job_is_stale


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
    """Record the job and send it to the workers (which reuse an unchanged file).

    Returns the job; when the broker refused it, `job_is_waiting(job)` is true and `job.error`
    is the note for the user (the view shows it). `dispatch=False` only records the job: the
    caller runs `document_job_run` itself (`manage.py render_form` renders synchronously).
    `request` is for the audit row only. The same person's identical request that is still
    queued or running is handed back instead of a second job (a double click makes one job).
    """
    job = DocumentJob(
        requested_by=actor,
        kind=kind,
        campaign=campaign,
        organizer=organizer,
        agency=agency,
        params=params or {},
    )
    with transaction.atomic():
        pending = _pending_twin(job)
        if pending is not None:
            return pending
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
            job_send_on_commit(job)
    return job


def _transaction_holds_write_lock() -> bool:
    """SQLite in IMMEDIATE mode (the embedded default) takes the database's write lock when the
    transaction begins: requests are already one after the other, no row lock is needed."""
    options = connection.settings_dict.get("OPTIONS") or {}
    return connection.vendor == "sqlite" and options.get("transaction_mode") == "IMMEDIATE"


def _pending_twin(job: DocumentJob) -> DocumentJob | None:
    """The same person's same request still waiting for a worker (a double click, a second
    tab): that job, not a second one. Under a lock on the person's row, so two requests at
    the same instant cannot both miss the first one. A finished, failed or stale job is no
    twin: asking again then makes a new job (the worker reuses an unchanged file)."""
    actor_id = getattr(job.requested_by, "pk", None)
    if actor_id is None:
        return None
    if not _transaction_holds_write_lock():
        list(User.objects.select_for_update().filter(pk=actor_id).values_list("pk", flat=True))
    # `field=None` reads IS NULL: a national file is the twin of a national file only.
    same = {
        "campaign_id": job.campaign_id,
        "organizer_id": job.organizer_id,
        "agency_id": job.agency_id,
    }
    candidates = DocumentJob.objects.filter(
        requested_by_id=actor_id,
        kind=job.kind,
        state__in=(JobState.QUEUED, JobState.RUNNING),
        **same,
    ).order_by("-pk")
    for candidate in candidates[:5]:
        if candidate.params == job.params and not job_is_stale(candidate):
            return candidate
    return None


def document_job_retry(*, job_id: int, actor) -> DocumentJob:
    """Queue a failed (or stale) job again (the user pressed 'try again')."""
    with transaction.atomic():
        job = DocumentJob.objects.select_for_update().get(pk=job_id)
        if job.state == JobState.FAILED or job_is_stale(job):
            job.state, job.progress, job.error, job.attempts = JobState.QUEUED, 0, "", 0
            job.save(update_fields=["state", "progress", "error", "attempts", "updated_at"])
            job_send_on_commit(job)
    return job
