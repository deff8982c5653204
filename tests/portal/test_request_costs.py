"""What every request pays: the signed-in user with their tenant, and a lazy page context."""

import pytest
from django.contrib.auth import get_user_model
from django.http import Http404
from django.test import RequestFactory

from portal.context_processors import portal
from portal.security.backends import TenantModelBackend
from portal.selectors import campaign_ref_by_year

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_their_organizer(organizer_user, django_assert_num_queries):
    """One query loads the user and the organizer every scoped page reads."""
    with django_assert_num_queries(1):
        user = TenantModelBackend().get_user(organizer_user.pk)
        assert user.organizer.code == "130000"


def test_an_inactive_or_unknown_user_is_not_signed_in(organizer_user):
    get_user_model().objects.filter(pk=organizer_user.pk).update(is_active=False)
    assert TenantModelBackend().get_user(organizer_user.pk) is None
    assert TenantModelBackend().get_user(987654) is None


def test_the_page_context_costs_nothing_until_a_template_reads_it(
    organizer_user, campaign, django_assert_num_queries
):
    """An htmx fragment that shows no navigation makes none of the navigation's queries."""
    request = RequestFactory().get("/reports/")
    request.user = organizer_user
    with django_assert_num_queries(0):
        context = portal(request)
    with django_assert_num_queries(2):  # the current campaign, the unread notices
        assert context["current_campaign"].year == 2021
        assert int(str(context["unread_notice_count"])) == 0
    assert any(item["url"] == "/reports/" and item["active"] for item in context["portal_nav"])


def test_a_campaign_reference_is_read_once_per_year(campaign, django_assert_num_queries):
    """The document buttons need the campaign as a foreign key only: its id, read once."""
    with django_assert_num_queries(1):
        assert campaign_ref_by_year(2021).pk == campaign.pk
        assert campaign_ref_by_year(2021).pk == campaign.pk


def test_an_unknown_or_deleted_campaign_is_a_404(campaign):
    with pytest.raises(Http404):
        campaign_ref_by_year(1999)
    assert campaign_ref_by_year(2021).pk == campaign.pk
    campaign.delete()
    with pytest.raises(Http404):
        campaign_ref_by_year(2021)
