"""Redis stopped and started again under a running portal and worker.

A private redis-server (never the machine's shared one) is the broker of a real worker and the
cache of the portal. While it is down the portal keeps serving pages (sessions are in the
database; no page reads the cache), a requested document waits for the queue and says so, and
a message that was in Redis when it stopped is gone (no persistence). Once Redis is back the
worker reconnects and the reconciler sends the waiting job at once, the lost one after
`requeue_after()`: every job is done exactly once.
"""

import os
import signal
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from portal.choices import DocumentKind, JobState, Role
from portal.jobs.reconcile import document_jobs_reconcile
from portal.jobs.service import document_job_request
from portal.jobs.state import requeue_after, waiting_note
from portal.models import DocumentJob
from tests.factories import CampaignFactory, TaskFactory, UserFactory, province
from tests.faults.conftest import broker_at, needs_redis
from tests.integration import celery_worker, wait_for

pytestmark = [pytest.mark.integration, needs_redis]

ORGANIZER_PAGES = (
    ("home", {}),
    ("reports:documents", {"year": 2021}),
    ("job-list", {}),
    ("enterprises:task-list", {"year": 2021}),
    ("provinces:submission-list", {}),
)


@pytest.fixture
def portal_on(private_redis, settings):
    """The portal's broker and cache are the private Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": private_redis.url,
            "OPTIONS": settings.REDIS_SOCKET_OPTIONS,
        }
    }
    with broker_at(private_redis.url):
        yield private_redis


@pytest.fixture
def people(reference_data, shared_database):
    campaign, hebei = CampaignFactory(year=2021), province("130000")
    TaskFactory.create_batch(3, campaign=campaign, organizer=hebei)
    organizer = UserFactory(username="redis-hebei", role=Role.ORGANIZER, organizer=hebei)
    ministry = UserFactory(username="redis-ministry", role=Role.MINISTRY)
    return campaign, organizer, ministry


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    return client


def request_job(user, campaign, kind: str) -> DocumentJob:
    """A job asked for and sent after its commit, as the document button does."""
    return document_job_request(actor=user, kind=kind, campaign=campaign, organizer=user.organizer)


def assert_done_once(jobs) -> None:
    for job in DocumentJob.objects.filter(pk__in=[j.pk for j in jobs]):
        outputs = [p.name for p in Path(settings.MEDIA_ROOT).rglob(f"job-{job.pk}-*")]
        assert job.state == JobState.DONE and outputs == [Path(job.output.name).name]


def test_pages_and_jobs_survive_a_redis_restart(portal_on, people):
    """Down: pages 200, the job waits and says so. Back: waiting and lost jobs done once."""
    campaign, organizer, ministry = people
    env = {"REDIS_URL": portal_on.url, "PORTAL_TEST_RENDER_DELAY": "4"}
    with celery_worker(queue="celery", extra_env=env):
        busy = request_job(organizer, campaign, DocumentKind.FORM_INTENT)
        lost = request_job(organizer, campaign, DocumentKind.FORM_PLAN)
        wait_for(lambda: DocumentJob.objects.filter(pk=busy.pk, progress__gt=0).exists(), 90)
        portal_on.stop()  # `lost` is still in Redis, behind the job being rendered

        client = signed_in(organizer)
        for name, query in ORGANIZER_PAGES:
            assert client.get(reverse(name), query).status_code == 200, name
        assert signed_in(ministry).get(reverse("reports:dashboard")).status_code == 200
        with translation.override("en"):
            page = client.post(
                reverse("reports:document-request"),
                {"kind": DocumentKind.FORM_RECOMMENDATION, "year": 2021},
                follow=True,
            )
            assert waiting_note() in [str(m) for m in page.context["messages"]]
        waiting = DocumentJob.objects.get(kind=DocumentKind.FORM_RECOMMENDATION)
        assert waiting.state == JobState.QUEUED and waiting.error

        portal_on.start()
        wait_for(lambda: DocumentJob.objects.filter(pk=busy.pk, state=JobState.DONE).exists(), 90)
        assert document_jobs_reconcile()["sent"] == 1  # the waiting one, at once
        wait_for(
            lambda: DocumentJob.objects.filter(pk=waiting.pk, state=JobState.DONE).exists(), 90
        )
        assert DocumentJob.objects.get(pk=lost.pk).state == JobState.QUEUED
        later = timezone.now() + requeue_after() + timedelta(minutes=1)
        assert document_jobs_reconcile(now=later)["sent"] == 1  # the one Redis lost
        wait_for(lambda: DocumentJob.objects.filter(pk=lost.pk, state=JobState.DONE).exists(), 90)
    assert_done_once([busy, lost, waiting])


def test_a_hung_redis_costs_a_request_seconds_not_minutes(portal_on, people):
    """Redis frozen (SIGSTOP: connections open, no answers): the request still ends quickly."""
    _campaign, organizer, _ministry = people
    client = signed_in(organizer)
    os.kill(portal_on.process.pid, signal.SIGSTOP)
    try:
        start = time.monotonic()
        response = client.post(
            reverse("reports:document-request"), {"kind": DocumentKind.FORM_PLAN, "year": 2021}
        )
        took = time.monotonic() - start
        assert client.get(reverse("job-list")).status_code == 200
    finally:
        os.kill(portal_on.process.pid, signal.SIGCONT)
    assert response.status_code == 302 and took < 10
    assert DocumentJob.objects.get().error == waiting_note()
