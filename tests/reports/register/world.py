"""A small register to count by hand: one measure kind in two industries, Hebei and Shandong."""

from decimal import Decimal

from enterprises.models import Industry
from reports.choices import MeasureKind, MeasureState, TaxonomyLevel
from reports.models import MeasureCategory
from tests.factories import (
    CampaignFactory,
    EnterpriseFactory,
    FollowUpFactory,
    MeasureFactory,
    province,
)

D = Decimal


def kind(code: str = "ZZ-1") -> MeasureCategory:
    return MeasureCategory.objects.get_or_create(
        code=code,
        defaults={
            "level": TaxonomyLevel.MEASURE,
            "name": f"变频改造{code}",
            "category": MeasureKind.TECHNICAL,
        },
    )[0]


def measure(taxonomy, *, industry="C31", organizer="130000", year=2019, enterprise=None, **kw):
    enterprise = enterprise or EnterpriseFactory(industry=Industry.objects.get(pk=industry))
    return MeasureFactory(
        taxonomy=taxonomy,
        report__task__campaign=CampaignFactory(year=year),
        report__task__organizer=province(organizer),
        report__task__enterprise=enterprise,
        **kw,
    )


def follow(m, state, *, year=2021, realized_tce=None):
    return FollowUpFactory(
        measure=m, state=state, task__campaign=CampaignFactory(year=year), realized_tce=realized_tce
    )


def hand_counted_world():
    """Hebei, kind ZZ-1, C31 (four enterprises): investments 10/20/30/40 (median 25), paybacks
    1/2/3/none (median 2); m1 implemented (expected 8, realized 5), m2 verified (4, 3), m3
    implemented in 2021 then not adopted in 2022 (the latest counts), m4 never followed up.
    So: 4 measures, 2 implemented, rate 50 %, realized 8 of expected 12 (66.7 %).
    Also: one Hebei measure in C26, one Shandong measure in C31, one of an unsubmitted report."""
    k = kind()
    m1 = measure(k, investment_wan=D(10), payback_years=D(1), savings_tce=D(8))
    m2 = measure(k, investment_wan=D(20), payback_years=D(2), savings_tce=D(4))
    m3 = measure(k, investment_wan=D(30), payback_years=D(3), savings_tce=D(6))
    measure(k, investment_wan=D(40), payback_years=None, savings_tce=D(2))
    follow(m1, MeasureState.IMPLEMENTED, realized_tce=D(5))
    follow(m2, MeasureState.VERIFIED, realized_tce=D(3))
    follow(m3, MeasureState.IMPLEMENTED, realized_tce=D(6))
    follow(m3, MeasureState.NOT_ADOPTED, year=2022)
    measure(k, industry="C26", investment_wan=D(99))
    shandong = measure(k, organizer="370000", investment_wan=D(1000))
    measure(k, investment_wan=D(7777), report__submitted_at=None, report__submit_count=0)
    return k, shandong
