"""The register's statistics are computed once per data version: a second read runs no
statistics statement, and any committed write to a table they read gives the new numbers."""

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reports.choices import MeasureState
from reports.models import FollowUp, MeasureCategory
from reports.register.selectors import RegisterFilters, register_statistics_for
from tests.reports.register.world import hand_counted_world, measure

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def versioned(settings, reference_data):
    settings.DATAVERSION_LOCAL = True  # a per-process cache is enough for one test process


def _c31(user):
    groups = register_statistics_for(user, RegisterFilters(year=2019))
    return next(g for g in groups if g.industry_code == "C31")


def _statements(user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        _c31(user)
    return sum("WITH m AS" in q["sql"] for q in ctx.captured_queries)


def test_a_second_read_is_not_computed_and_a_write_is_seen(versioned, ministry_user):
    with transaction.atomic():
        kind, _shandong = hand_counted_world()
    first = _c31(ministry_user)
    assert (first.count, first.implemented, first.median_investment) == (5, 2, Decimal(30))
    assert _statements(ministry_user) == 0  # read from the cache
    # A follow-up's new state (the follow-up table) changes the implementation figures …
    follow_up = FollowUp.objects.get(state=MeasureState.NOT_ADOPTED)
    follow_up.state = MeasureState.IMPLEMENTED
    follow_up.save()
    assert _statements(ministry_user) == 1
    assert _c31(ministry_user).implemented == 3
    # … a new measure (the measure table) the counts and medians, a renamed kind its name.
    measure(kind, investment_wan=Decimal(5000))
    after = _c31(ministry_user)
    assert (after.count, after.median_investment) == (6, Decimal(35))
    MeasureCategory.objects.filter(pk=kind.pk).update(name="新的名称")
    assert _c31(ministry_user).kind_name == "新的名称"
    filters = RegisterFilters(year=2019)
    assert register_statistics_for(ministry_user, filters) == register_statistics_for(
        ministry_user, filters, fresh=True
    )


def test_users_and_filters_never_share_a_value(versioned, ministry_user, organizer_user):
    with transaction.atomic():
        hand_counted_world()
    assert _c31(ministry_user).count == 5  # Shandong's measure too
    assert _c31(organizer_user).count == 4  # Hebei's only, not the ministry's cached value
    only_c26 = register_statistics_for(organizer_user, RegisterFilters(industry="C26"))
    assert [(g.industry_code, g.count) for g in only_c26] == [("C26", 1)]
