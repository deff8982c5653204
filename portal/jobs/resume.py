"""After a restore: the document jobs that were in flight at backup time, sent again once.

At backup time a job may be queued (its message in the old broker) or running (in the old
installation's worker). The restored rows still say so, but no message and no worker exists for
them: the reconciler would send a queued one again only after `requeue_after()`, and a running
one never. `document_jobs_resume(before=…)` takes the jobs queued or running whose row was last
written at or before `before` (the moment the backup's database dump ended), puts the running
ones back in the queue (their attempts kept) and sends each once. Each job is touched before it
is sent, as the reconciler does: a second call, or a reconcile sweep within `requeue_after()`,
does not send it again, and a worker's claim leaves a finished job alone. No job is lost, none
is rendered twice.
"""

import logging
from datetime import datetime

from django.utils import timezone

from portal.choices import JobState
from portal.models import DocumentJob

from .dispatch import job_send
from .state import job_is_waiting

log = logging.getLogger(__name__)


def document_jobs_resume(*, before: datetime, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    in_flight = DocumentJob.objects.filter(updated_at__lte=before)
    requeued = in_flight.filter(state=JobState.RUNNING).update(
        state=JobState.QUEUED, progress=0, updated_at=before
    )
    sent = waiting = 0
    for job in in_flight.filter(state=JobState.QUEUED).order_by("pk"):
        if not DocumentJob.objects.filter(
            pk=job.pk, state=JobState.QUEUED, updated_at=job.updated_at
        ).update(updated_at=now):
            continue  # taken meanwhile
        if job_send(job.pk, waiting=job_is_waiting(job)):
            sent += 1
        else:
            waiting += 1  # the broker is down: the reconciler sends it once it is back
    log.info("Document jobs resumed: %s were running, %s sent, %s waiting", requeued, sent, waiting)
    return {"requeued": requeued, "sent": sent, "waiting": waiting}
