"""The top navigation marks the section a page belongs to, also when the page's URL lies under
another entry's URL (the campaign set-up pages under /reports/campaigns/)."""

import pytest
from django.urls import reverse

from portal.choices import Duty, Role
from tests.factories import CampaignFactory, UserFactory

pytestmark = pytest.mark.django_db


def _active(response) -> list[str]:
    return [str(item["label"]) for item in response.context["portal_nav"] if item["active"]]


def _labels(response) -> dict[str, str]:
    return {item["url"]: str(item["label"]) for item in response.context["portal_nav"]}


def test_every_entry_is_active_on_its_own_page(client_for, ministry_user, organizer_user):
    """Each role's entries: opening an entry's page marks that entry and no other."""
    CampaignFactory(year=2021)
    for user in (ministry_user, organizer_user):
        client = client_for(user)
        nav = client.get(reverse("home")).context["portal_nav"]
        for item in nav:
            response = client.get(item["url"])
            if response.status_code != 200:
                continue
            assert _active(response) == [str(item["label"])], (user.role, item["url"])


def test_campaign_setup_pages_are_under_campaign_years(client_for, ministry_user):
    campaign = CampaignFactory(year=2021)
    client = client_for(ministry_user)
    for url in (
        reverse("reports:campaign-setup", args=[campaign.pk]),
        reverse("reports:campaign-new"),
        reverse("campaigns"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _active(response) == [_labels(response)[reverse("campaigns")]], url


def test_a_submission_page_is_the_ministrys_review_and_the_organizers_forms(
    client_for, ministry_user, organizer_user, hebei
):
    from tests.factories import SubmissionFactory

    submission = SubmissionFactory(organizer=hebei, campaign=CampaignFactory(year=2021))
    url = reverse("provinces:submission-detail", args=[submission.pk])
    ministry = client_for(ministry_user).get(url)
    assert _active(ministry) == [_labels(ministry)[reverse("provinces:review-queue")]]
    organizer = client_for(organizer_user).get(url)
    assert _active(organizer) == [_labels(organizer)[reverse("provinces:submission-list")]]


def test_the_plan_and_summary_editors_are_my_forms(client_for, organizer_user):
    CampaignFactory(year=2021)
    client = client_for(organizer_user)
    for name in ("provinces:plan-edit", "reports:summary-edit"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert _active(response) == [_labels(response)[reverse("provinces:submission-list")]]


def test_a_page_outside_every_section_marks_nothing(client_for):
    officer = UserFactory(username="audit-officer", role=Role.MINISTRY, duty=Duty.AUDIT)
    response = client_for(officer).get(reverse("notice-preferences"))
    assert _active(response) == []
