"""Opening and closing a campaign (ministry only, page and API, with its event and audit row),
and the operator's history import into a closed year (issue 11, item 2)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from agencies.models import Recommendation
from enterprises.models import DiagnosisTask
from portal.choices import CampaignState
from portal.models import AuditLog, Campaign, CampaignEvent
from tests.enterprises.workflow_helpers import SAMPLES
from tests.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2020(db):
    return CampaignFactory(year=2020)


def _state(campaign) -> str:
    return Campaign.objects.values_list("state", flat=True).get(pk=campaign.pk)


def test_ministry_closes_and_opens_through_the_api(year_2020, ministry_user, api_for):
    """close, then open: the state, one event per move with the reason, one audit row each."""
    api = api_for(ministry_user)
    response = api.post(f"/api/v1/campaigns/{year_2020.pk}/close/", {"comment": "历史年度"})
    assert (response.status_code, response.json()["state"]) == (200, "closed")
    assert _state(year_2020) == CampaignState.CLOSED
    response = api.post(f"/api/v1/campaigns/{year_2020.pk}/open/", {}, format="json")
    assert response.status_code == 409  # the reopen needs its reason
    response = api.post(f"/api/v1/campaigns/{year_2020.pk}/open/", {"comment": "补录数据"})
    assert (response.status_code, response.json()["state"]) == (200, "open")
    events = list(
        CampaignEvent.objects.filter(campaign=year_2020).values_list(
            "action", "from_state", "to_state", "comment", "actor"
        )
    )
    assert events == [
        ("close", "open", "closed", "历史年度", ministry_user.pk),
        ("open", "closed", "open", "补录数据", ministry_user.pk),
    ]
    actions = AuditLog.objects.filter(object_type="portal.campaign", object_id=str(year_2020.pk))
    assert sorted(actions.values_list("action", flat=True)) == ["campaign.close", "campaign.open"]


def test_closing_a_closed_campaign_is_an_invalid_move(year_2020, ministry_user, api_for):
    """A second close answers 409 and writes no second event."""
    api = api_for(ministry_user)
    api.post(f"/api/v1/campaigns/{year_2020.pk}/close/")
    assert api.post(f"/api/v1/campaigns/{year_2020.pk}/close/").status_code == 409
    assert CampaignEvent.objects.filter(campaign=year_2020).count() == 1


@pytest.mark.parametrize("who", ["organizer_user", "agency_user", "enterprise_user"])
def test_nobody_but_the_ministry_moves_a_campaign_through_the_api(year_2020, who, request, api_for):
    """403 for organizers, agencies and enterprises; the state and the events are unchanged."""
    if who == "enterprise_user":
        from portal.choices import Role
        from tests.factories import UserFactory

        user = UserFactory(role=Role.ENTERPRISE, enterprise=request.getfixturevalue("enterprise"))
    else:
        user = request.getfixturevalue(who)
    response = api_for(user).post(f"/api/v1/campaigns/{year_2020.pk}/close/")
    assert response.status_code == 403
    assert _state(year_2020) == CampaignState.OPEN
    assert not CampaignEvent.objects.exists()


def test_ministry_closes_through_the_page_after_confirming(year_2020, ministry_user, client_for):
    """The list offers "close"; GET asks to confirm (nothing changes); POST closes the year."""
    client = client_for(ministry_user)
    page = client.get(reverse("campaigns"))
    url = reverse("campaign-move", args=[year_2020.pk, "close"])
    assert url in page.content.decode()
    assert client.get(url).status_code == 200
    assert _state(year_2020) == CampaignState.OPEN
    response = client.post(url, {"comment": "2020年度数据已归档"})
    assert response.status_code == 303
    assert _state(year_2020) == CampaignState.CLOSED
    assert CampaignEvent.objects.get().comment == "2020年度数据已归档"
    assert reverse("campaign-move", args=[year_2020.pk, "open"]) in (
        client.get(reverse("campaigns")).content.decode()
    )


def test_organizer_cannot_reach_the_campaign_page(year_2020, organizer_user, client_for):
    """403 on the list and on the move, GET and POST; the campaign stays open."""
    client = client_for(organizer_user)
    url = reverse("campaign-move", args=[year_2020.pk, "close"])
    assert client.get(reverse("campaigns")).status_code == 403
    assert client.post(url).status_code == 403
    assert _state(year_2020) == CampaignState.OPEN


def test_state_is_not_writable_through_the_campaign_api(year_2020, ministry_user, api_for):
    """The campaign endpoint stays read-only: PATCH is not allowed, the state only moves."""
    response = api_for(ministry_user).patch(
        f"/api/v1/campaigns/{year_2020.pk}/", {"state": "closed"}, format="json"
    )
    assert response.status_code == 405
    assert _state(year_2020) == CampaignState.OPEN


def test_database_refuses_an_unknown_state(year_2020):
    """The CheckConstraint: only open, closed or archived."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Campaign.objects.filter(pk=year_2020.pk).update(state="paused")


def _import(kind: str, year: str = "2020") -> None:
    call_command(
        f"import_{kind}_list",
        "--campaign",
        year,
        "--organizer",
        "130000",
        str(SAMPLES / "hebei-2021-clean" / f"{'agencies' if kind == 'agency' else 'intent'}.xlsx"),
    )


def test_import_commands_load_history_into_a_closed_year_and_say_so(
    year_2020, hebei, ministry_user, capsys
):
    """Both commands print that they write into a closed year, import, and leave an audit row."""
    from portal.campaigns import campaign_move

    campaign_move(campaign_id=year_2020.pk, move="close", actor=ministry_user)
    _import("agency")
    _import("intent")
    out = capsys.readouterr().out
    assert out.count("The 2020 campaign is closed: this import writes into a closed year") == 2
    assert Recommendation.objects.filter(campaign=year_2020).count() == 3
    assert DiagnosisTask.objects.filter(campaign=year_2020).exists()
    records = AuditLog.objects.filter(action="campaign.history_import")
    assert [r.summary.split(":")[0] for r in records.order_by("pk")] == [
        "2020 (closed) import_agency_list",
        "2020 (closed) import_intent_list",
    ]
    assert {r.organizer_id for r in records} == {hebei.pk}


def test_import_commands_into_an_open_year_say_nothing_of_closing(year_2020, hebei, capsys):
    """An open year: no closed-year line, no history-import audit row."""
    _import("agency")
    assert "closed" not in capsys.readouterr().out
    assert not AuditLog.objects.filter(action="campaign.history_import").exists()


def test_demo_closes_2019_and_2020_and_leaves_2021_open(db):
    """seed_demo: the history years closed, the 2021 cycle open."""
    from demo.seed.base import seed_campaigns

    states = {year: c.state for year, c in seed_campaigns().items()}
    assert states == {2019: "closed", 2020: "closed", 2021: "open"}
