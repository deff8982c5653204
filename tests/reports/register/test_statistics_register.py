"""The register's statistics per measure kind and industry, checked against a hand count."""

from decimal import Decimal

import pytest

from reports.choices import MeasureKind
from reports.register.selectors import (
    RegisterFilters,
    register_list_for,
    register_statistics_for,
)
from tests.reports.register.world import hand_counted_world, measure

pytestmark = pytest.mark.django_db


def _by_key(groups):
    return {(g.kind_code, g.industry_code): g for g in groups}


def test_statistics_of_a_campaign_match_the_hand_count(organizer_user):
    hand_counted_world()
    groups = _by_key(register_statistics_for(organizer_user, RegisterFilters(year=2019)))
    assert set(groups) == {("ZZ-1", "C31"), ("ZZ-1", "C26")}
    g = groups["ZZ-1", "C31"]
    assert (g.count, g.enterprise_count, g.followed_up, g.implemented) == (4, 4, 3, 2)
    assert g.median_investment == Decimal(25)
    assert g.median_payback == Decimal(2)
    assert g.implementation_rate == Decimal(50)
    assert (g.expected_tce, g.implemented_expected_tce, g.realized_tce) == (20, 12, 8)
    assert round(g.realized_ratio, 1) == Decimal("66.7")
    assert groups["ZZ-1", "C26"].count == 1


def test_the_ministry_sees_every_organizer_and_filters_narrow(ministry_user):
    hand_counted_world()
    groups = _by_key(register_statistics_for(ministry_user, RegisterFilters()))
    assert groups["ZZ-1", "C31"].count == 5  # the Shandong measure too, never the draft
    assert groups["ZZ-1", "C31"].median_investment == Decimal(30)
    only_c26 = register_statistics_for(ministry_user, RegisterFilters(industry="C26"))
    assert [(g.industry_code, g.count) for g in only_c26] == [("C26", 1)]
    assert register_statistics_for(ministry_user, RegisterFilters(year=2020)) == []


def test_the_list_carries_the_latest_follow_up(organizer_user):
    hand_counted_world()
    rows = list(register_list_for(organizer_user, RegisterFilters()))
    assert len(rows) == 5
    states = sorted(r.follow_state for r in rows)
    assert states == ["implemented", "not_adopted", "proposed", "proposed", "verified"]
    not_adopted = register_list_for(organizer_user, RegisterFilters(state="not_adopted"))
    assert [r.investment_wan for r in not_adopted] == [Decimal(30)]
    implemented = register_statistics_for(organizer_user, RegisterFilters(state="implemented"))
    assert [(g.count, g.realized_tce) for g in implemented] == [(1, Decimal(5))]


def test_a_measure_without_a_kind_counts_under_its_category(organizer_user):
    """No taxonomy node: grouped by its category, named by the category's label; a group where
    no measure has a payback has no median payback; one measure is its own median."""
    measure(None, category=MeasureKind.MANAGEMENT, investment_wan=Decimal("12.5"),
            payback_years=None, savings_tce=Decimal("1.25"))  # fmt: skip
    groups = _by_key(register_statistics_for(organizer_user, RegisterFilters()))
    g = groups[MeasureKind.MANAGEMENT.value, "C31"]
    assert g.kind_name == str(MeasureKind.MANAGEMENT.label)
    assert g.industry_name  # the industry's name, read by its code
    assert (g.count, g.median_investment, g.median_payback) == (1, Decimal("12.5"), None)
    assert g.expected_tce == Decimal("1.25") and g.followed_up == 0
