"""Two officials of one province edit the same work plan (附件1): the later save is refused.

Each official opens the plan (page or API) and gets the version they read; whoever saves
second with that version is refused with a message saying so, and the first one's figures
stay. On PostgreSQL two saves are also raced in two threads: exactly one wins.
"""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from portal.choices import Role
from portal.errors import Conflict
from provinces.models import PlanContent
from provinces.services import plan_save
from tests.factories import UserFactory

PLAN = {
    "key_industry": 150,
    "sme": 40,
    "key_equipment": 10,
    "regional": 5,
    "follow_up": 5,
    "agencies_planned": 4,
    "completion_date": "2021-10-31",
    "contact_name": "李科长",
    "contact_phone": "0311-1",
}
REFUSED = "Someone else saved this work plan after you opened it."
ENGLISH = {"accept-language": "en"}  # the message's msgid, whatever catalog is installed


@pytest.fixture
def officials(hebei):
    """Two officials of the Hebei department."""
    return [
        UserFactory(username=f"hebei-official-{n}", role=Role.ORGANIZER, organizer=hebei)
        for n in (1, 2)
    ]


@pytest.fixture
def saved_plan(campaign, hebei, officials) -> PlanContent:
    return plan_save(
        organizer=hebei, campaign=campaign, data=PLAN, version=None, actor=officials[0]
    )


def page_client(user) -> Client:
    client = Client()
    client.force_login(user, backend="portal.security.backends.TenantModelBackend")
    return client


def opened_version(client: Client) -> str:
    """The version the plan page hands the official (its hidden field)."""
    html = client.get(reverse("provinces:plan-edit"), {"year": 2021}).content.decode()
    tag = re.search(r'<input[^>]*name="version"[^>]*>', html)
    assert tag is not None, "the plan form carries no version"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return value.group(1) if value else ""


@pytest.mark.django_db
def test_second_save_from_the_page_is_refused_with_a_message(saved_plan, officials):
    """Both open the page; the first saves; the second is told and sees both values."""
    first, second = (page_client(user) for user in officials)
    read_first, read_second = opened_version(first), opened_version(second)
    url = f"{reverse('provinces:plan-edit')}?year=2021"
    assert first.post(url, {**PLAN, "sme": 60, "version": read_first}).status_code == 302
    response = second.post(url, {**PLAN, "sme": 45, "version": read_second}, headers=ENGLISH)
    assert response.status_code == 409
    assert REFUSED in response.content.decode()
    assert PlanContent.objects.get().sme == 60


@pytest.mark.django_db
def test_second_first_save_of_a_new_plan_is_refused(campaign, officials):
    """Both open the plan before anyone saved it; the second save must not overwrite the first."""
    first, second = (page_client(user) for user in officials)
    read_first, read_second = opened_version(first), opened_version(second)
    url = f"{reverse('provinces:plan-edit')}?year=2021"
    assert first.post(url, {**PLAN, "sme": 60, "version": read_first}).status_code == 302
    assert second.post(url, {**PLAN, "sme": 45, "version": read_second}).status_code == 409
    assert PlanContent.objects.get().sme == 60


@pytest.mark.django_db
def test_refused_official_saves_after_reloading(saved_plan, officials):
    """The refusal carries the new version: saving again from it goes through."""
    first, second = (page_client(user) for user in officials)
    url = f"{reverse('provinces:plan-edit')}?year=2021"
    version = opened_version(second)
    first.post(url, {**PLAN, "sme": 60, "version": opened_version(first)})
    assert second.post(url, {**PLAN, "sme": 45, "version": version}).status_code == 409
    assert (
        second.post(url, {**PLAN, "sme": 45, "version": opened_version(second)}).status_code == 302
    )
    assert PlanContent.objects.get().sme == 45


@pytest.mark.django_db
def test_second_save_through_the_api_is_a_409(saved_plan, officials):
    """Both GET the plan; the first PUT wins, the second gets 409 with the reason."""
    first, second = APIClient(), APIClient()
    first.force_authenticate(officials[0])
    second.force_authenticate(officials[1])
    url = f"/api/v1/plans/{saved_plan.pk}/"
    read_first, read_second = first.get(url).json(), second.get(url).json()
    body = {**PLAN, "campaign": read_first["campaign"]}
    assert first.put(url, {**body, "sme": 60, "version": read_first["version"]}).status_code == 200
    refused = second.put(
        url, {**body, "sme": 45, "version": read_second["version"]}, headers=ENGLISH
    )
    assert refused.status_code == 409 and REFUSED in refused.json()["detail"]
    assert first.get(url).json()["sme"] == 60


@pytest.mark.django_db
def test_page_and_api_edits_refuse_each_other(saved_plan, officials):
    """An API save after the other official opened the page: the page's save is refused."""
    page = page_client(officials[0])
    version = opened_version(page)
    api = APIClient()
    api.force_authenticate(officials[1])
    url = f"/api/v1/plans/{saved_plan.pk}/"
    current = api.get(url).json()
    api.patch(url, {"sme": 70, "version": current["version"]})
    response = page.post(
        f"{reverse('provinces:plan-edit')}?year=2021", {**PLAN, "version": version}
    )
    assert response.status_code == 409
    assert PlanContent.objects.get().sme == 70


def _race(campaign, hebei, officials, version: int) -> list[str]:
    barrier, outcomes = threading.Barrier(len(officials)), []

    def save(user, sme):
        try:
            barrier.wait(timeout=10)
            plan_save(
                organizer=hebei,
                campaign=campaign,
                data={**PLAN, "sme": sme},
                version=version,
                actor=user,
            )
            outcomes.append("saved")
        except Conflict:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(user, 60 + n)) for n, user in enumerate(officials)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_one_wins_one_is_refused(reference_data, campaign, hebei, officials):
    """PostgreSQL: two saves of the same version at the same instant, one row lock: one wins."""
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL's row locks (set DATABASE_URL)")
    plan = plan_save(
        organizer=hebei, campaign=campaign, data=PLAN, version=None, actor=officials[0]
    )
    assert _race(campaign, hebei, officials, plan.version) == ["refused", "saved"]
    plan.refresh_from_db()
    assert plan.version == 2 and plan.sme in {60, 61}


@pytest.mark.django_db
def test_api_create_with_version_zero_is_refused_once_the_plan_exists(saved_plan, officials):
    """A client that read no plan (version 0) and POSTs after someone saved it gets 409."""
    api = APIClient()
    api.force_authenticate(officials[1])
    body = {**PLAN, "campaign": saved_plan.submission.campaign_id, "sme": 45, "version": 0}
    refused = api.post("/api/v1/plans/", body, headers=ENGLISH)
    assert refused.status_code == 409 and REFUSED in refused.json()["detail"]
    assert PlanContent.objects.get().sme == saved_plan.sme
