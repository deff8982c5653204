"""The reconciler: jobs the broker refused or lost are sent again, once, and never for ever."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from kombu.exceptions import OperationalError

from portal.celery import app
from portal.choices import DocumentKind, JobState
from portal.jobs.reconcile import document_jobs_reconcile
from portal.jobs.service import document_job_request
from portal.jobs.state import give_up_after, job_is_waiting, requeue_after, waiting_note
from portal.jobs.tasks import reconcile_document_jobs, render_document
from portal.models import DocumentJob
from tests.factories import DocumentJobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(monkeypatch):
    """The broker as the outside world: records what is sent, or refuses while `down`."""

    class Broker:
        down = False
        sent: list[int] = []
        refused = 0

        def apply_async(self, args=None, kwargs=None, **options):
            if self.down:
                self.refused += 1
                raise OperationalError(
                    "Error 111 connecting to 127.0.0.1:6391. Connection refused."
                )
            self.sent.append(args[0])

    fake = Broker()
    fake.sent = []
    monkeypatch.setattr(render_document, "apply_async", fake.apply_async)
    return fake


def queued_job(user, *, age=timedelta(0), error="", **trait) -> DocumentJob:
    """A job of `user` last touched `age` ago; a trait (running=True, done=True) moves it on."""
    job = DocumentJobFactory(requested_by=user, kind=DocumentKind.FORM_PLAN, **trait)
    DocumentJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - age, error=error)
    job.refresh_from_db()
    return job


def test_a_refused_send_leaves_the_job_queued_and_waiting(
    broker, organizer_user, campaign, django_capture_on_commit_callbacks
):
    """Redis down when the request commits: no exception, the job waits with the note."""
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        job = document_job_request(
            actor=organizer_user,
            kind=DocumentKind.FORM_PLAN,
            campaign=campaign,
            organizer=organizer_user.organizer,
        )
    job.refresh_from_db()
    assert broker.refused == 1
    assert job.state == JobState.QUEUED and job.error == waiting_note()
    assert job_is_waiting(job)


def test_waiting_jobs_are_sent_when_the_broker_is_back_and_lose_the_note(broker, organizer_user):
    """The next sweep sends every waiting job, whatever its age, and clears the note."""
    jobs = [queued_job(organizer_user, error=waiting_note()) for _ in range(3)]
    assert document_jobs_reconcile() == {"sent": 3, "failed": 0}
    assert broker.sent == [job.pk for job in jobs]
    assert not DocumentJob.objects.exclude(error="").exists()


def test_only_queued_jobs_no_worker_took_in_time_are_sent_again(broker, organizer_user):
    """Old and queued: sent again; fresh, running or done: left alone."""
    late = queued_job(organizer_user, age=requeue_after() + timedelta(minutes=1))
    queued_job(organizer_user, age=requeue_after() - timedelta(minutes=1))
    queued_job(organizer_user, age=timedelta(hours=2), running=True)
    queued_job(organizer_user, age=timedelta(hours=2), done=True)
    document_jobs_reconcile()
    assert broker.sent == [late.pk]


def test_a_job_sent_again_waits_a_full_period_before_the_next_send(broker, organizer_user):
    """Two sweeps a minute apart send a lost job once, not twice."""
    queued_job(organizer_user, age=requeue_after() + timedelta(minutes=1))
    document_jobs_reconcile()
    document_jobs_reconcile(now=timezone.now() + timedelta(minutes=1))
    assert len(broker.sent) == 1


def test_the_sweep_stops_at_the_first_refusal_and_keeps_the_rest_waiting(broker, organizer_user):
    """Redis still down: one attempt, not one per job; every job keeps waiting."""
    for _ in range(3):
        queued_job(organizer_user, error=waiting_note())
    broker.down = True
    assert document_jobs_reconcile() == {"sent": 0, "failed": 0}
    assert broker.refused == 1
    assert DocumentJob.objects.filter(state=JobState.QUEUED, error=waiting_note()).count() == 3


def test_a_lost_job_the_broker_refuses_turns_waiting(broker, organizer_user):
    """A stale job whose second send is refused shows the waiting note too."""
    job = queued_job(organizer_user, age=requeue_after() + timedelta(minutes=5))
    broker.down = True
    document_jobs_reconcile()
    job.refresh_from_db()
    assert job_is_waiting(job)


def test_a_job_no_worker_took_for_a_day_fails_with_a_reason(broker, organizer_user):
    """The user gets a failed job with a reason and the retry button, not a spinner for ever."""
    job = queued_job(organizer_user, error=waiting_note())
    DocumentJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - give_up_after() - timedelta(minutes=1)
    )
    assert document_jobs_reconcile() == {"sent": 0, "failed": 1}
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.error and job.error != waiting_note()
    assert broker.sent == []


def test_beat_runs_the_reconciler_every_minute(broker, organizer_user):
    """The beat entry names a registered task, which sweeps when run."""
    entry = settings.CELERY_BEAT_SCHEDULE["document-jobs-reconcile"]
    assert entry["task"] in app.tasks and entry["schedule"] <= 60
    job = queued_job(organizer_user, error=waiting_note())
    assert reconcile_document_jobs.apply().get() == 1
    assert broker.sent == [job.pk]
