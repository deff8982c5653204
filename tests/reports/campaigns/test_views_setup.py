"""The ministry's set-up pages: copy a year, edit a deadline and a layout (a broken one refused
with the reason, nothing stored), extensions; nobody else reaches them."""

import copy
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from enterprises.models import PublishedList
from portal.campaigns import campaign_move
from portal.models import Campaign, CampaignExtension
from reports.documents.render.layouts import default_layouts_dict
from tests.factories import CampaignFactory, OrganizerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _copy_body(**changes):
    return {
        "year": 2022,
        "name": "2022年工业节能诊断服务",
        "notice_ref": "",
        "plan_due": "2022-05-31",
        "recommendation_due": "2022-05-31",
        "intent_due": "2022-06-15",
        "summary_due": "2022-11-15",
        **changes,
    }


def test_the_copy_form_starts_a_year_on_and_creates_the_year(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    page = client.get(reverse("reports:campaign-new"))
    assert page.status_code == 200
    assert page.context["form"].initial["plan_due"].isoformat() == "2022-05-31"
    response = client.post(
        reverse("reports:campaign-new"),
        {"source": campaign.pk, **_copy_body(plan_due="2022-05-20")},
    )
    new = Campaign.objects.get(year=2022)
    assert response.status_code == 303
    assert response["Location"] == reverse("reports:campaign-setup", args=[new.pk])
    assert new.plan_due.isoformat() == "2022-05-20"


def test_the_copy_form_shows_why_a_year_is_refused(campaign, ministry_user, client_for):
    response = client_for(ministry_user).post(
        reverse("reports:campaign-new"), {"source": campaign.pk, **_copy_body(year=2021)}
    )
    assert response.status_code == 400
    assert "exists already" in response.content.decode()


def test_the_setup_page_shows_every_piece_and_the_preview(campaign, ministry_user, client_for):
    page = client_for(ministry_user).get(reverse("reports:campaign-setup", args=[campaign.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    for text in ("2021年度节能诊断服务意向企业名单", "一、工作开展情况", "企业反馈", "区域集中式"):
        assert text in html
    assert 'data-duty="none"' in html  # associations and groups: 附件2 not asked


def test_editing_a_deadline(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-settings", args=[campaign.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(plan_due="2021-06-05", reminder_days="7, 3, 1")
    assert client.post(url, data).status_code == 303
    campaign.refresh_from_db()
    assert (campaign.plan_due.isoformat(), campaign.reminder_days) == ("2021-06-05", [7, 3, 1])


def test_a_broken_layout_is_refused_on_the_page_with_its_reason(
    campaign, ministry_user, client_for
):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-layouts", args=[campaign.pk])
    layouts = copy.deepcopy(default_layouts_dict(2021))
    layouts["forms"]["3"]["title"] = "{year}年度意向企业名单{oops}"
    response = client.post(url, {"data": json.dumps(layouts), "action": "save"})
    assert response.status_code == 400
    assert "Attachment 3" in response.content.decode() or "附件3" in response.content.decode()
    assert "uses {oops}" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.form_layouts == {}
    bad_json = client.post(url, {"data": "{not json", "action": "save"})
    assert bad_json.status_code == 400
    assert "Not valid JSON" in bad_json.content.decode()


def test_a_layout_is_previewed_then_saved(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-layouts", args=[campaign.pk])
    layouts = copy.deepcopy(default_layouts_dict(2021))
    layouts["forms"]["2"]["title"] = "{year}年度节能诊断服务机构推荐名单（修订）"
    preview = client.post(url, {"data": json.dumps(layouts), "action": "preview"})
    assert "2021年度节能诊断服务机构推荐名单（修订）" in preview.content.decode()
    campaign.refresh_from_db()
    assert campaign.form_layouts == {}  # a preview stores nothing
    assert client.post(url, {"data": json.dumps(layouts), "action": "save"}).status_code == 303
    campaign.refresh_from_db()
    assert campaign.form_layouts["forms"]["2"]["title"].endswith("（修订）")
    docs = client.get(reverse("reports:documents"), {"year": 2021})
    assert "2021年度节能诊断服务机构推荐名单（修订）" in docs.content.decode()


def test_documents_page_never_500s_on_a_stored_broken_layout(campaign, ministry_user, client_for):
    """A layout written to the database by other means falls back to the bundled one."""
    Campaign.objects.filter(pk=campaign.pk).update(
        form_layouts={"forms": {"3": {"form": 3, "label": "附件3", "title": "{x}", "columns": []}}}
    )
    response = client_for(ministry_user).get(reverse("reports:documents"), {"year": 2021})
    assert response.status_code == 200
    assert "2021年度节能诊断服务意向企业名单" in response.content.decode()


def test_obligations_grid_saves(campaign, ministry_user, client_for):
    client = client_for(ministry_user)
    url = reverse("reports:campaign-data", args=[campaign.pk, "obligations"])
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial}
    data["group_4"] = "required"
    assert client.post(url, data).status_code == 303
    campaign.refresh_from_db()
    assert campaign.duty("group", 4) == "required"
    assert campaign.obligations["province"]["task_letters"] is True


def test_extension_granted_and_withdrawn_on_the_page(campaign, ministry_user, client_for, hebei):
    client = client_for(ministry_user)
    grant = reverse("reports:campaign-extension-grant", args=[campaign.pk])
    body = {"organizer": hebei.pk, "form": 1, "due": "2021-06-20", "reason": "机构调整"}
    assert client.post(grant, body).status_code == 303
    extension = CampaignExtension.objects.get()
    page = client.get(reverse("reports:campaign-setup", args=[campaign.pk]))
    assert "机构调整" in page.content.decode()
    revoke = reverse("reports:campaign-extension-revoke", args=[campaign.pk])
    assert client.post(revoke, {"extension": extension.pk}).status_code == 303
    assert not CampaignExtension.objects.exists()


@pytest.mark.parametrize("who", ["organizer_user", "agency_user"])
def test_nobody_else_reaches_the_setup_pages(campaign, who, request, client_for):
    client = client_for(request.getfixturevalue(who))
    for url in (
        reverse("reports:campaign-new"),
        reverse("reports:campaign-setup", args=[campaign.pk]),
        reverse("reports:campaign-layouts", args=[campaign.pk]),
    ):
        assert client.get(url).status_code == 403


def test_an_archived_year_stays_in_the_year_tabs_read_only(campaign, ministry_user, client):
    """The public list's tabs, like every year switch, keep an archived year (its list
    published); the year asked for whose list is not out yet says so on its tab."""
    CampaignFactory(year=2022)
    PublishedList.objects.create(
        campaign=campaign, version=1, published_at=timezone.now(), published_by=ministry_user
    )
    campaign_move(campaign_id=campaign.pk, move="close", actor=ministry_user)
    campaign_move(campaign_id=campaign.pk, move="archive", actor=ministry_user)
    page = client.get(
        reverse("enterprises:public-list"), {"year": 2022}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    years = [tab["label"] for tab in page.context["tabs"]]
    assert years == ["2022（未公布）", "2021"]
    archived = client.get(reverse("enterprises:public-list"), {"year": 2021})
    assert archived.status_code == 200


def _copy_queries(client, campaign, year: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("reports:campaign-new"),
            {
                "source": campaign.pk,
                **{
                    k: v.replace("2022-", f"{year}-") if isinstance(v, str) else v
                    for k, v in _copy_body(year=year).items()
                },
            },
        )
    assert response.status_code == 303, response.content.decode()[:2000]
    return len(queries)


def test_copying_a_year_is_one_request_with_a_constant_number_of_queries(
    campaign, ministry_user, client_for
):
    """However many organizers and extensions the year has, the copy costs the same queries
    (bench target of issue 13: one request, constant queries)."""
    client = client_for(ministry_user)
    few = _copy_queries(client, campaign, 2022)
    for organizer in OrganizerFactory.create_batch(40):
        CampaignExtension.objects.create(
            campaign=campaign,
            organizer=organizer,
            form=1,
            due=campaign.plan_due,
            reason="疫情",
            granted_by=ministry_user,
        )
    assert _copy_queries(client, campaign, 2023) == few
    assert few <= 20
