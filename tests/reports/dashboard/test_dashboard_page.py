"""The dashboard page: who may open it, what it shows, and a query count flat in N."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reports.models import Feedback
from tests.factories import (
    DiagnosisReportFactory,
    OrganizerFactory,
    SubmissionFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("reports:dashboard")


def _national_data(campaign, organizers: int, tasks_each: int, reviewer) -> None:
    """`organizers` associations, each with submissions, tasks, reports and ratings."""
    for i in range(organizers):
        organizer = OrganizerFactory(code=f"ASSOC-Q{organizers}-{i}", name=f"协会{organizers}-{i}")
        SubmissionFactory(
            organizer=organizer,
            campaign=campaign,
            form=1,
            submitted=True,
            submitted_at=timezone.now(),
        )
        SubmissionFactory(organizer=organizer, campaign=campaign, form=2, returned=True)
        for j in range(tasks_each):
            task = TaskFactory(
                campaign=campaign, organizer=organizer, state="accepted" if j % 2 else "published"
            )
            if j % 2:
                report = DiagnosisReportFactory(task=task, submitted=True, savings_tce=100)
                Feedback.objects.create(report=report, rating=4, recorded_by=reviewer)


def test_ministry_sees_every_organizer(client_for, ministry_user, campaign):
    """All 37 provincial organizers appear as rows of the matrix."""
    response = client_for(ministry_user).get(URL)
    assert response.status_code == 200
    assert len(response.context["board"].matrix.rows) == 37
    assert "新疆生产建设兵团" in response.content.decode()


def test_organizer_sees_only_itself(client_for, organizer_user, campaign, shandong):
    """Hebei's dashboard names Hebei and none of Shandong's figures."""
    TaskFactory(campaign=campaign, organizer=shandong, accepted=True)
    response = client_for(organizer_user).get(URL)
    body = response.content.decode()
    assert "河北省" in body
    assert "山东省" not in body
    assert response.context["board"].progress.total.listed == 0


@pytest.mark.parametrize("who", ["agency_user", "enterprise_user"])
def test_agencies_and_enterprises_may_not_open_it(request, client_for, campaign, who):
    """The dashboard is for the ministry and the organizers only (403)."""
    user = request.getfixturevalue(who)
    assert client_for(user).get(URL).status_code == 403


def test_htmx_request_gets_the_body_partial_only(client_for, ministry_user, campaign):
    """Filtering through htmx swaps #dashboard-body without the page shell."""
    response = client_for(ministry_user).get(URL, {"kind": "planning_city"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="dashboard-body"')
    assert "<html" not in body
    assert len(response.context["board"].matrix.rows) == 5


def test_campaign_choice_picks_another_year(client_for, ministry_user, campaign):
    """?campaign=2020 shows the 2020 campaign when it exists."""
    from tests.factories import CampaignFactory

    CampaignFactory(year=2020)
    response = client_for(ministry_user).get(URL, {"campaign": 2020})
    assert response.context["board"].campaign.year == 2020


# Itemised: session, user (2); context processor: current campaign, unread notices (2);
# campaigns (1); organizers (1); submissions (1); acceptance per organizer (1); tasks by
# organizer/type/sector/state (1); submitted plans (1); report savings (1); ratings (1);
# the campaign's deadline extensions (1); products against the limits by industry (1).
DASHBOARD_QUERIES = 14


@pytest.mark.parametrize(("organizers", "tasks_each"), [(2, 2), (12, 10)])
def test_query_count_does_not_grow_with_organizers_or_tasks(
    client_for, ministry_user, campaign, organizers, tasks_each, django_assert_num_queries
):
    """The same number of queries with 2 organizers × 2 tasks and 12 × 10."""
    _national_data(campaign, organizers, tasks_each, ministry_user)
    client = client_for(ministry_user)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(URL)
    assert response.context["board"].progress.total.listed == organizers * tasks_each


@pytest.mark.parametrize("tasks_each", [2, 10])
def test_organizer_query_count_is_flat_too(
    client_for, organizer_user, campaign, hebei, tasks_each, django_assert_num_queries
):
    """An organizer's dashboard adds one query (its agencies; its name comes with the user)
    and stays flat."""
    TaskFactory.create_batch(tasks_each, campaign=campaign, organizer=hebei, state="published")
    client = client_for(organizer_user)
    with django_assert_num_queries(DASHBOARD_QUERIES + 1):
        client.get(URL)
