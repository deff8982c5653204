"""The measure-kind filter: a choice list of the kinds that exist, validated on the server.

A kind is a taxonomy measure's code, or a category (technical, management) for the measures
that name no taxonomy measure. Anything else is a 400 that names `kind` (page and API), never
an empty or an unfiltered list.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from reports.choices import MeasureKind
from tests.reports.register.world import hand_counted_world, kind, measure

pytestmark = pytest.mark.django_db

REGISTER_ROUTES = [
    "reports:register",
    "reports:register-export",
    "reports:register-public",
    "api-register-measures",
    "api-register-statistics",
    "api-register-public",
    "reports:case-list",
    "api-case-list",
]


def _select(html: str) -> str:
    match = re.search(r'<select name="kind"[^>]*>(.*?)</select>', html, re.S)
    assert match, "the filter bar has a kind select"
    return match.group(1)


def test_the_filter_bar_offers_the_kinds_that_exist_with_chinese_labels(client_for, ministry_user):
    hand_counted_world()
    kind("ZZ-2")
    html = client_for(ministry_user).get(reverse("reports:register")).content.decode()
    options = _select(html)
    assert '<optgroup label="技术类">' in options and '<optgroup label="管理类">' in options
    assert '<option value="ZZ-1">ZZ-1 变频改造ZZ-1</option>' in options
    assert '<option value="ZZ-2">ZZ-2 变频改造ZZ-2</option>' in options
    assert '<option value="technical">技术类，未选分类措施</option>' in options
    assert '<option value="management">管理类，未选分类措施</option>' in options
    assert "措施类型" in html  # the field's label
    public = client_for(ministry_user).get(reverse("reports:register-public")).content.decode()
    assert '<option value="ZZ-2">' in _select(public)


def test_the_chosen_kind_stays_selected_and_narrows_the_list(client_for, ministry_user):
    hand_counted_world()
    other = measure(kind("ZZ-2"), investment_wan=Decimal(55))
    client = client_for(ministry_user)
    html = client.get(reverse("reports:register"), {"kind": "ZZ-2"}).content.decode()
    assert '<option value="ZZ-2" selected>' in _select(html)
    rows = client.get(reverse("api-register-measures"), {"kind": "ZZ-2"}).json()["results"]
    assert [r["id"] for r in rows] == [other.pk]
    assert len(client.get(reverse("api-register-measures"), {"kind": "ZZ-1"}).json()["results"])


def test_a_category_finds_the_measures_without_a_taxonomy_measure(client_for, ministry_user):
    hand_counted_world()
    bare = measure(None, category=MeasureKind.MANAGEMENT, investment_wan=Decimal(3))
    client = client_for(ministry_user)
    rows = client.get(reverse("api-register-measures"), {"kind": "management"}).json()
    assert [r["id"] for r in rows["results"]] == [bare.pk]
    stats = client.get(reverse("api-register-statistics"), {"kind": "management"}).json()
    assert [(g["kind"], g["measures"]) for g in stats["groups"]] == [("management", 1)]
    technical = client.get(reverse("api-register-measures"), {"kind": "technical"}).json()
    assert technical["results"] == []  # every technical measure here names its taxonomy node


@pytest.mark.parametrize("route", REGISTER_ROUTES)
def test_an_unknown_kind_is_a_400_naming_the_parameter(client_for, ministry_user, route):
    hand_counted_world()
    response = client_for(ministry_user).get(reverse(route), {"kind": "NO-SUCH-KIND"})
    assert response.status_code == 400
    if route.startswith("api-"):
        body = response.json()
        assert body["parameter"] == "kind"
        assert "NO-SUCH-KIND" in body["detail"]
    else:
        html = response.content.decode()
        assert "kind" in html and "NO-SUCH-KIND" in html
        assert "不是措施类型" in html  # the reason, in Chinese


def test_other_invalid_filters_are_400s_too_not_an_unfiltered_list(client_for, ministry_user):
    """Before, one invalid value dropped every filter: ?year=2019&state=junk listed all years."""
    hand_counted_world()
    client = client_for(ministry_user)
    response = client.get(reverse("api-register-measures"), {"year": 2019, "state": "junk"})
    assert response.status_code == 400 and response.json()["parameter"] == "state"
    assert client.get(reverse("reports:register"), {"year": "20x9"}).status_code == 400
    assert client.get(reverse("reports:results"), {"kind": "ignored"}).status_code == 200


def test_an_organizer_may_not_pass_an_organizer_but_is_not_refused_for_it(
    client_for, organizer_user
):
    hand_counted_world()
    response = client_for(organizer_user).get(reverse("reports:register"), {"organizer": "x"})
    assert response.status_code == 200  # the field is the ministry's: ignored, not read
