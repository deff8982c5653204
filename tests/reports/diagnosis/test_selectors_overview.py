"""The campaign overview adds up the submitted reports, in a fixed number of queries."""

from decimal import Decimal

import pytest

from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import Industry
from reports.diagnosis.selectors.overview import campaign_overview
from reports.models import Feedback
from tests.factories import DiagnosisReportFactory, EnterpriseFactory, TaskFactory
from tests.reports.reporting import published_task, rate, submitted_task


def test_overview_totals_by_type_and_industry(
    agency_user, organizer_user, enterprise_user, enterprise, campaign, other_organizer_user
):
    """Two reports of 200 tce/yr each (one steel key-industry, one SME paper mill), one task
    still outstanding, one rating of 4: the figures add up by type and by industry."""
    steel = submitted_task(agency_user, enterprise=enterprise, campaign=campaign)
    paper = EnterpriseFactory(industry=Industry.objects.get(pk="C22"))
    submitted_task(
        agency_user,
        enterprise=paper,
        campaign=campaign,
        diagnosis_type=DiagnosisType.SME,
        industry=paper.industry,
    )
    published_task(agency_user.agency, campaign=campaign)
    rate(steel, enterprise_user, rating=4)
    data = campaign_overview(organizer_user, campaign)
    assert data["totals"]["savings_tce"] == Decimal(400)
    assert data["totals"]["investment_wan"] == Decimal(200)
    assert data["totals"]["co2_t"] == Decimal(1064)
    assert {row.key: row.sums["savings_tce"] for row in data["by_type"]} == {
        "key_industry": Decimal(200),
        "sme": Decimal(200),
    }
    assert {row.key for row in data["by_industry"]} == {"C31", "C22"}
    assert (data["outstanding_count"], data["feedback"]["n"]) == (1, 1)
    assert data["feedback"]["mean"] == 4
    assert campaign_overview(other_organizer_user, campaign)["totals"]["reports"] == 0


@pytest.mark.parametrize("rows", [10, 100])
def test_overview_query_count_is_flat(
    rows, organizer_user, agency, campaign, django_assert_num_queries
):
    """6 queries at 10 and 100 reports: tasks by state, report totals, by type, by industry,
    the outstanding list, feedback."""
    for n in range(rows):
        task = TaskFactory(
            agency=agency,
            campaign=campaign,
            state=TaskState.REPORTED if n % 2 else TaskState.PUBLISHED,
        )
        report = DiagnosisReportFactory(task=task, submitted=True, savings_tce=Decimal(1))
        Feedback.objects.create(report=report, rating=5, recorded_by=organizer_user)
    with django_assert_num_queries(6):
        data = campaign_overview(organizer_user, campaign)
    assert data["task_total"] == rows
