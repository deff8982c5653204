"""Agency scorecards: each figure from the data, who may see them, and a flat query count."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.dashboard.selectors.scorecards import scorecard_list_for
from reports.models import Acceptance, Feedback
from tests.factories import (
    CampaignFactory,
    DiagnosisReportFactory,
    FollowUpFactory,
    MeasureFactory,
    RecommendationFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


def _report(task, *, late=False, savings=0, rating=None, returns=0, by=None):
    report = DiagnosisReportFactory(
        task=task, submitted=True, is_late=late, savings_tce=Decimal(savings)
    )
    for _ in range(returns):
        Acceptance.objects.create(
            report=report, decision="return", comment="补充数据", decided_by=by
        )
    if rating:
        Feedback.objects.create(report=report, rating=rating, recorded_by=by)
    return report


@pytest.fixture
def record(campaign, hebei, agency, ministry_user):
    """Agency: 4 tasks (2 accepted, 1 reported, 1 published), 3 reports (1 late, 2 returns)."""
    by = ministry_user
    accepted = [
        TaskFactory(campaign=campaign, organizer=hebei, agency=agency, accepted=True)
        for _ in range(2)
    ]
    reported = TaskFactory(campaign=campaign, organizer=hebei, agency=agency, reported=True)
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, published=True)
    first = _report(accepted[0], savings=300, rating=5, returns=2, by=by)
    _report(accepted[1], savings=200, rating=4, by=by)
    _report(reported, late=True, savings=100, by=by)
    return first


def _card(user, agency, **filters):
    return next(c for c in scorecard_list_for(user, **filters) if c.agency_id == agency.pk)


def test_scorecard_figures_come_from_tasks_reports_reviews_and_feedback(
    ministry_user, agency, record
):
    """Tasks 4; on time 2/3; returns 0.67 per report; acceptance 2/3; rating 4.5; 200 tce/task."""
    card = _card(ministry_user, agency)
    assert (card.campaigns, card.tasks, card.reports) == (1, 4, 3)
    assert (card.on_time, card.on_time_percent) == (2, 67)
    assert card.returns_per_report == Decimal("0.67")
    assert card.acceptance_percent == 67
    assert card.rating_mean == Decimal("4.50")
    assert card.savings_per_task == Decimal("200.0")
    assert card.realization_percent is None


def test_realization_rate_counts_followed_up_recommendations_implemented(
    ministry_user, agency, record, hebei, enterprise
):
    """Two measures followed up in 2022, one implemented: 50 %."""
    later = TaskFactory(
        campaign=CampaignFactory(year=2022),
        organizer=hebei,
        enterprise=record.task.enterprise,
        diagnosis_type="follow_up",
        previous_task=record.task,
    )
    for state in ("implemented", "not_adopted"):
        measure = MeasureFactory(report=record, category="technical", title="电机改造")
        FollowUpFactory(task=later, measure=measure, state=state)
    MeasureFactory(report=record, category="management", title="能源管理体系")
    card = _card(ministry_user, agency)
    assert (card.followed_up, card.realized, card.realization_percent) == (2, 1, 50)


def test_campaign_filter_keeps_that_year_only(ministry_user, agency, record, hebei):
    """With campaign=2020 the 2021 record does not count."""
    TaskFactory(campaign=CampaignFactory(year=2020), organizer=hebei, agency=agency)
    card = _card(ministry_user, agency, campaign=CampaignFactory(year=2020))
    assert (card.tasks, card.reports) == (1, 0)


def test_organizer_sees_national_figures_and_which_agencies_it_recommended(
    other_organizer_user, agency, other_agency, record, shandong, campaign
):
    """Shandong sees Hebei's agency's record (aggregates only) and marks its own picks."""
    RecommendationFactory(campaign=campaign, organizer=shandong, agency=other_agency)
    TaskFactory(campaign=campaign, organizer=shandong, agency=other_agency)
    cards = {c.agency_id: c for c in scorecard_list_for(other_organizer_user)}
    assert cards[agency.pk].tasks == 4
    assert not cards[agency.pk].recommended
    assert cards[other_agency.pk].recommended
    mine = scorecard_list_for(other_organizer_user, recommended_only=True)
    assert [c.agency_id for c in mine] == [other_agency.pk]


@pytest.mark.parametrize("who", ["agency_user", "enterprise_user"])
def test_page_is_for_the_ministry_and_organizers(request, client_for, who, record):
    """Agencies and enterprises get 403; the ministry gets the table."""
    user = request.getfixturevalue(who)
    assert client_for(user).get(reverse("reports:scorecard-list")).status_code == 403


# session, user (2); context: campaign, unread notices (2); campaigns (1); tasks, reports,
# returns, feedback, follow-up aggregates (5); agencies (1).
SCORECARD_QUERIES = 11


@pytest.mark.parametrize("agencies", [1, 8])
def test_page_query_count_is_flat(
    client_for, ministry_user, campaign, hebei, agencies, django_assert_num_queries
):
    """The same number of queries for 1 agency and for 8 with reports and feedback."""
    for _ in range(agencies):
        task = TaskFactory(campaign=campaign, organizer=hebei, accepted=True)
        _report(task, savings=10, rating=3, returns=1, by=ministry_user)
    client = client_for(ministry_user)
    with django_assert_num_queries(SCORECARD_QUERIES):
        response = client.get(reverse("reports:scorecard-list"))
    assert response.context["count"] == agencies
