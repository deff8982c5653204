"""The campaign set-up API: the same services as the pages, in the schema."""

import copy
import datetime as dt

import pytest
from django.utils import translation

from portal.models import AuditLog, Campaign, CampaignExtension
from reports.documents.render.layouts import default_layouts_dict

pytestmark = pytest.mark.django_db
BASE = "/api/v1/campaign-setup/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_copy_with_defaults_then_patch(campaign, ministry_user, api_for):
    api = api_for(ministry_user)
    response = api.post(f"{BASE}copy/", {"source": 2021, "year": 2022}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["year"], body["intent_due"], body["state"]) == (2022, "2022-06-15", "open")
    new = Campaign.objects.get(year=2022)
    patch = api.patch(
        f"{BASE}{new.pk}/",
        {"summary_due": "2022-11-30", "diagnosis_types": ["sme", "key_industry"]},
        format="json",
    )
    assert patch.status_code == 200, patch.json()
    new.refresh_from_db()
    assert new.summary_due == dt.date(2022, 11, 30)
    assert new.diagnosis_types == ["key_industry", "sme"]


def test_patch_with_a_broken_layout_stores_nothing_at_all(campaign, ministry_user, api_for):
    """400 with the reason; the deadline sent in the same PATCH is not stored either."""
    layouts = copy.deepcopy(default_layouts_dict(2021))
    layouts["forms"]["1"]["columns"][0]["width"] = "wide"
    response = api_for(ministry_user).patch(
        f"{BASE}{campaign.pk}/",
        {"plan_due": "2021-06-01", "form_layouts": layouts},
        format="json",
    )
    assert response.status_code == 400
    assert "附件1" in response.json()["detail"]
    assert "TypeError" in response.json()["detail"]
    campaign.refresh_from_db()
    assert (campaign.plan_due, campaign.form_layouts) == (dt.date(2021, 5, 31), {})
    assert not AuditLog.objects.filter(action="campaign.edit").exists()


def test_check_layouts_stores_nothing(campaign, ministry_user, api_for):
    layouts = copy.deepcopy(default_layouts_dict(2021))
    response = api_for(ministry_user).post(
        f"{BASE}{campaign.pk}/check-layouts/", {"form_layouts": layouts}, format="json"
    )
    assert response.status_code == 200
    assert [f["label"] for f in response.json()["forms"]] == ["附件1", "附件2", "附件3"]
    campaign.refresh_from_db()
    assert campaign.form_layouts == {}


def test_extensions_through_the_api(campaign, ministry_user, api_for, hebei):
    api = api_for(ministry_user)
    url = f"{BASE}{campaign.pk}/extensions/"
    body = {"organizer": "130000", "form": 3, "due": "2021-06-30", "reason": "疫情"}
    response = api.post(url, body, format="json")
    assert response.status_code == 201, response.json()
    assert api.get(url).json()[0]["due"] == "2021-06-30"
    extension = CampaignExtension.objects.get()
    revoke = api.post(f"{BASE}{campaign.pk}/revoke-extension/", {"extension": extension.pk})
    assert revoke.status_code == 204
    assert not CampaignExtension.objects.exists()


def test_archive_and_reopen_through_the_api(campaign, ministry_user, api_for):
    api = api_for(ministry_user)
    api.post(f"/api/v1/campaigns/{campaign.pk}/close/")
    assert api.post(f"/api/v1/campaigns/{campaign.pk}/archive/").json()["state"] == "archived"
    assert api.patch(f"{BASE}{campaign.pk}/", {"co2_per_tce": "2.7"}).status_code == 409
    reopened = api.post(f"/api/v1/campaigns/{campaign.pk}/open/", {"comment": "补录"})
    assert reopened.json()["state"] == "open"


@pytest.mark.parametrize("who", ["organizer_user", "agency_user", "enterprise_user"])
def test_only_the_ministry_uses_the_setup_api(campaign, who, request, api_for):
    api = api_for(request.getfixturevalue(who))
    assert api.get(BASE).status_code == 403
    response = api.post(f"{BASE}copy/", {"source": 2021, "year": 2022}, format="json")
    assert response.status_code == 403
    assert not Campaign.objects.filter(year=2022).exists()


def test_the_setup_api_is_in_the_schema(ministry_user, api_for):
    schema = api_for(ministry_user).get("/api/schema/", {"format": "json"}).json()
    for path in (f"{BASE}copy/", f"{BASE}{{id}}/", f"{BASE}{{id}}/extensions/"):
        assert path in schema["paths"]
    assert "/api/v1/campaigns/{id}/archive/" in schema["paths"]
