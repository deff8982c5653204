"""The organizer's editorial title and summary of a case: saved, searched, scoped; figures are
the report's; a closed year refuses every edit."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from portal.campaigns import CampaignClosed
from portal.choices import CampaignState
from portal.errors import DomainError
from portal.models import AuditLog, Campaign
from reports.cases.services import case_story_save
from reports.models import CaseStory
from tests.reports.cases.world import build

pytestmark = pytest.mark.django_db


def test_the_organizer_titles_and_summarises_its_case(client_for, organizer_user):
    world = build()
    client = client_for(organizer_user)
    url = reverse("reports:case-edit", args=[world.jia.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "空压机系统改造案例", "summary": "泄漏治理与变频结合"})
    assert response.status_code == 302
    story = CaseStory.objects.get(report=world.jia)
    assert (story.title, story.summary, story.edited_by) == (
        "空压机系统改造案例",
        "泄漏治理与变频结合",
        organizer_user,
    )
    assert AuditLog.objects.filter(action="case.edit").count() == 1
    html = client.get(reverse("reports:case-detail", args=[world.jia.pk])).content.decode()
    assert "空压机系统改造案例" in html and "泄漏治理与变频结合" in html
    rows = client.get(reverse("api-case-list"), {"q": "泄漏治理"}).json()["results"]
    assert [r["title"] for r in rows] == ["空压机系统改造案例"]


def test_the_print_view_masks_names_in_the_editorial_text(client_for, organizer_user):
    world = build()
    client = client_for(organizer_user)
    client.post(
        reverse("reports:case-edit", args=[world.jia.pk]),
        {"title": "甲钢铁有限公司空压机案例", "summary": "甲钢铁有限公司的经验"},
    )
    html = client.get(reverse("reports:case-print", args=[world.jia.pk])).content.decode()
    assert "某企业空压机案例" in html and "某企业的经验" in html
    assert "甲钢铁" not in html


def test_the_api_patches_title_and_summary(client_for, organizer_user):
    world = build()
    url = reverse("api-case-detail", args=[world.jia.pk])
    client = client_for(organizer_user)
    data = client.patch(url, {"summary": "可推广"}, content_type="application/json").json()
    assert (data["title"], data["summary"]) == ("甲钢铁有限公司节能诊断", "可推广")
    data = client.patch(url, {"title": "新标题"}, content_type="application/json").json()
    assert (data["title"], data["summary"]) == ("新标题", "可推广")  # the summary stays
    too_long = client.patch(url, {"title": "长" * 121}, content_type="application/json")
    assert too_long.status_code == 400 and "title" in too_long.json().get("errors", too_long.json())
    assert CaseStory.objects.get().title == "新标题"


def test_another_organizers_case_cannot_be_edited(client_for, organizer_user):
    world = build()
    client = client_for(organizer_user)
    url = reverse("reports:case-edit", args=[world.bing.pk])  # Shandong's
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "x"}).status_code == 404
    api = reverse("api-case-detail", args=[world.bing.pk])
    assert client.patch(api, {"title": "x"}, content_type="application/json").status_code == 404
    # a report that is no case
    assert client.post(reverse("reports:case-edit", args=[world.yi.pk])).status_code == 404
    assert not CaseStory.objects.exists()


def test_only_organizers_edit(client_for, ministry_user, agency_user):
    world = build()
    url = reverse("reports:case-edit", args=[world.jia.pk])
    for user in (ministry_user, agency_user):
        assert client_for(user).post(url, {"title": "x"}).status_code == 403
    api = reverse("api-case-detail", args=[world.jia.pk])
    patch = client_for(ministry_user).patch(api, {"title": "x"}, content_type="application/json")
    assert patch.status_code == 403
    assert not CaseStory.objects.exists()


def _close(world):
    Campaign.objects.filter(pk=world.jia.task.campaign_id).update(state=CampaignState.CLOSED)


def test_a_closed_year_refuses_the_edit(client_for, organizer_user):
    """No write changes what a closed year shows: no edit button, the figures say they are
    frozen, the form says the year is closed, and page and API saves are 409s."""
    world = build()
    _close(world)
    client = client_for(organizer_user)
    edit = reverse("reports:case-edit", args=[world.jia.pk])
    page = client.get(reverse("reports:case-detail", args=[world.jia.pk])).content.decode()
    assert edit not in page  # no edit button
    assert 'id="case-figures-frozen"' in page
    assert 'id="case-closed-note"' in client.get(edit).content.decode()
    response = client.post(edit, {"title": "关闭后的标题", "summary": "年度验收后整理"})
    assert response.status_code == 409
    api = reverse("api-case-detail", args=[world.jia.pk])
    for body in ({"summary": "可推广"}, {"title": "x", "investment_wan": "1"}):
        response = client.patch(api, body, content_type="application/json")
        assert response.status_code == 409
        assert "2019" in str(response.json())
    assert not CaseStory.objects.exists()
    assert not AuditLog.objects.filter(action="case.edit").exists()
    world.jia.refresh_from_db()
    assert world.jia.investment_wan == 12


def test_the_figures_are_corrected_in_the_report_while_the_year_is_open(client_for, organizer_user):
    world = build()
    api = reverse("api-case-detail", args=[world.jia.pk])
    response = client_for(organizer_user).patch(api, {"savings_tce": "1"}, "application/json")
    assert response.status_code == 400
    assert "savings_tce" in str(response.json())
    assert not CaseStory.objects.exists()


def test_a_closed_year_keeps_another_organizers_case_a_404(client_for, other_organizer_user):
    world = build()
    _close(world)
    client = client_for(other_organizer_user)  # Shandong, 甲 is Hebei's
    assert client.post(reverse("reports:case-edit", args=[world.jia.pk]), {}).status_code == 404
    api = reverse("api-case-detail", args=[world.jia.pk])
    for body in ({"title": "x"}, {"investment_wan": "1"}):
        assert client.patch(api, body, content_type="application/json").status_code == 404
    assert not CaseStory.objects.exists()


def test_the_service_saves_the_presentation_and_refuses_figures(organizer_user, ministry_user):
    world = build()
    story = case_story_save(pk=world.jia.pk, title=" 标题 ", actor=organizer_user)
    assert (story.title, story.summary) == ("标题", "")
    story = case_story_save(pk=world.jia.pk, summary="摘要", actor=organizer_user)
    assert (story.title, story.summary) == ("标题", "摘要")  # None keeps the title
    with pytest.raises(DomainError, match="savings_tce"):
        case_story_save(pk=world.jia.pk, figures=["savings_tce"], actor=organizer_user)
    _close(world)
    with pytest.raises(CampaignClosed, match="2019"):
        case_story_save(pk=world.jia.pk, title="关闭后", actor=organizer_user)
    assert CaseStory.objects.get().title == "标题"
    with pytest.raises(PermissionDenied):
        case_story_save(pk=world.jia.pk, title="x", actor=ministry_user)
    with pytest.raises(Http404):
        case_story_save(pk=world.bing.pk, title="x", actor=organizer_user)
