"""The ministry's review queue (issue 15): it opens on what awaits review (as the home page
counts it), its filters live in the URL, and a reviewed form offers the next one of the same
queue."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from provinces.models import Organizer
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
T0 = timezone.make_aware(dt.datetime(2021, 6, 1, 9))


@pytest.fixture
def queue(campaign):
    """Four forms awaiting review (handed in an hour apart), one returned, three approved."""
    organizers = list(Organizer.objects.filter(kind="province").order_by("sort_order")[:6])
    waiting = [
        SubmissionFactory(
            campaign=campaign,
            organizer=organizers[i],
            form=1 + i % 2,
            submitted=True,
            submitted_at=T0 + dt.timedelta(hours=i),
        )
        for i in range(4)
    ]
    SubmissionFactory(
        campaign=campaign, organizer=organizers[4], form=1, returned=True, submitted_at=T0
    )
    for form in (1, 2, 3):
        SubmissionFactory(
            campaign=campaign, organizer=organizers[5], form=form, approved=True, submitted_at=T0
        )
    return waiting


def _pks(response) -> list[int]:
    return [row["submission"].pk for row in response.context["rows"]]


def test_the_queue_opens_on_what_awaits_review(queue, ministry_user, client_for):
    response = client_for(ministry_user).get(reverse("provinces:review-queue"))
    assert _pks(response) == [s.pk for s in queue]  # oldest first, nothing approved
    assert response.context["filters"]["state"].value() == "submitted"
    html = response.content.decode()
    assert f"/provinces/forms/{queue[0].pk}/?year=2021&amp;state=submitted" in html


def test_every_filter_is_in_the_url(queue, ministry_user, client_for, campaign):
    client = client_for(ministry_user)
    url = reverse("provinces:review-queue")
    assert len(_pks(client.get(url + "?state=approved"))) == 3
    assert len(_pks(client.get(url + "?state=any"))) == 8
    only_form_2 = client.get(url + "?state=submitted&form=2")
    assert _pks(only_form_2) == [queue[1].pk, queue[3].pk]
    html = only_form_2.content.decode()
    assert 'method="get"' in html and "hx-push-url" not in html  # an ordinary GET: shareable
    junk = client.get(url + "?state=nonsense&form=99")
    assert junk.status_code == 200 and _pks(junk) == [s.pk for s in queue]


def test_after_approving_the_next_item_of_the_same_queue_is_offered(
    queue, ministry_user, client_for
):
    client = client_for(ministry_user)
    query = "year=2021&form=2&state=submitted"
    move = reverse("provinces:submission-move", args=[queue[1].pk, "approve"])
    response = client.post(f"{move}?{query}")
    assert response.status_code == 302
    assert response["Location"] == reverse("provinces:submission-detail", args=[queue[1].pk]) + (
        f"?{query}"
    )
    page = client.get(response["Location"])
    assert page.context["queue_next"].pk == queue[3].pk  # form 2 only, not queue[2]
    assert page.context["queue_left"] == 1
    html = page.content.decode()
    next_url = reverse("provinces:submission-detail", args=[queue[3].pk]) + f"?{query}"
    assert f'href="{next_url.replace("&", "&amp;")}"' in html
    assert "下一条" in html


def test_the_last_item_leads_back_to_any_skipped_and_then_says_the_queue_is_empty(
    queue, ministry_user, client_for
):
    client = client_for(ministry_user)
    detail = reverse("provinces:submission-detail", args=[queue[3].pk])
    page = client.get(detail + "?state=submitted")
    assert page.context["queue_next"].pk == queue[0].pk  # past the end: the first one left
    for item in queue[:3]:
        client.post(reverse("provinces:submission-move", args=[item.pk, "approve"]))
    page = client.get(detail + "?state=submitted")
    assert page.context["queue_next"] is None
    assert 'id="queue-next"' in page.content.decode()


def test_an_organizer_sees_no_queue(queue, organizer_user, client_for):
    mine = next(s for s in queue if s.organizer_id == organizer_user.organizer_id)
    page = client_for(organizer_user).get(
        reverse("provinces:submission-detail", args=[mine.pk]) + "?state=submitted"
    )
    assert "queue_next" not in page.context
    assert 'id="queue-next"' not in page.content.decode()
