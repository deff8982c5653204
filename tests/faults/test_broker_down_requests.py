"""Redis refusing connections: requests that queue work answer at once and say what happens.

The broker is a localhost port nothing listens on, so every publish is really refused (no
mock). The tests are transactional: the job is sent after the request's commit, as in
production, where no ATOMIC_REQUESTS wraps a view.
"""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from portal.choices import DocumentKind, JobState, Role
from portal.jobs.state import waiting_note
from portal.models import DocumentJob, Notice
from provinces.models import Submission
from tests.factories import (
    CampaignFactory,
    DocumentJobFactory,
    SubmissionFactory,
    UserFactory,
    province,
)

FAST_S = 3.0


@pytest.fixture
def organizer(reference_data):
    return UserFactory(
        username="hebei-broker-down", role=Role.ORGANIZER, organizer=province("130000")
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    return client


def timed(call):
    start = time.monotonic()
    response = call()
    return response, time.monotonic() - start


def test_asking_for_a_document_answers_with_the_waiting_state(dead_broker, organizer):
    """The page request is not a 500: the user lands on the job, told it waits for the queue."""
    campaign = CampaignFactory(year=2021)
    client = signed_in(organizer)
    with translation.override("en"):
        response, took = timed(
            lambda: client.post(
                reverse("reports:document-request"),
                {"kind": DocumentKind.FORM_PLAN, "year": campaign.year},
                follow=True,
            )
        )
        note = waiting_note()
    job = DocumentJob.objects.get()
    assert response.status_code == 200 and took < FAST_S
    assert response.redirect_chain[-1][0] == reverse("job-detail", args=[job.pk])
    assert note in [str(message) for message in response.context["messages"]]
    assert job.state == JobState.QUEUED and job.error == note


def test_the_api_answers_202_with_the_waiting_note(dead_broker, organizer):
    """API clients read the same state in the job's `error` while it is queued."""
    CampaignFactory(year=2021)
    api = APIClient()
    api.force_authenticate(organizer)
    with translation.override("en"):
        response, took = timed(
            lambda: api.post("/api/v1/documents/", {"kind": DocumentKind.FORM_PLAN, "year": 2021})
        )
        assert response.status_code == 202 and took < FAST_S
        assert response.json()["state"] == JobState.QUEUED
        assert response.json()["error"] == waiting_note()


def test_try_again_with_the_broker_down_keeps_the_job_waiting(dead_broker, organizer):
    """Retrying a failed job while Redis is down: redirected to the job, which waits."""
    job = DocumentJobFactory(requested_by=organizer, kind=DocumentKind.FORM_PLAN, failed=True)
    response, took = timed(lambda: signed_in(organizer).post(reverse("job-retry", args=[job.pk])))
    job.refresh_from_db()
    assert response.status_code == 302 and took < FAST_S
    assert job.state == JobState.QUEUED and job.error == waiting_note()


def test_returning_a_form_with_the_broker_down_still_returns_it(dead_broker, organizer):
    """The ministry's return (whose e-mail goes through Celery) is committed, not a 500, and
    the organizer's notice is in the portal."""
    campaign = CampaignFactory(year=2021)
    submission = SubmissionFactory(
        campaign=campaign, organizer=organizer.organizer, form=1, submitted=True
    )
    ministry = UserFactory(username="ministry-broker-down", role=Role.MINISTRY)
    url = reverse("provinces:submission-move", args=[submission.pk, "return"])
    response, took = timed(lambda: signed_in(ministry).post(url, {"comment": "请补充"}))
    assert response.status_code in {302, 303} and took < FAST_S
    assert Submission.objects.get(pk=submission.pk).state == "returned"
    assert Notice.objects.filter(recipient=organizer, kind="submission_returned").exists()
