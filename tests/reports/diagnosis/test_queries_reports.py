"""Query budgets of the report page, the API list and the realization page: flat in N."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.choices import TaskState
from reports.models import EnergyUse, Equipment, Feedback, Measure, ProductRow
from tests.factories import DiagnosisReportFactory, TaskFactory
from tests.reports.reporting import follow_up_pair, published_task


def _rows(report, n: int) -> None:
    """`n` rows of each kind, made directly: the page's reads are under test."""
    EnergyUse.objects.bulk_create(
        EnergyUse(
            report=report,
            carrier_code="raw_coal",
            carrier_name="原煤",
            quantity=1,
            unit="t",
            factor_kgce=Decimal("0.7143"),
            factor_unit="kg",
            factor_standard="GB/T 2589",
            factor_edition="2020",
            tce=Decimal("0.7143"),
        )
        for _ in range(n)
    )
    Equipment.objects.bulk_create(
        Equipment(report=report, equipment_type="motor", name=f"电机{i}", rating=11)
        for i in range(n)
    )
    Measure.objects.bulk_create(
        Measure(report=report, category="technical", title=f"措施{i}") for i in range(n)
    )
    ProductRow.objects.bulk_create(
        ProductRow(report=report, product=f"产品{i}", output=1, energy=1) for i in range(n)
    )


@pytest.mark.parametrize("rows", [5, 50])
def test_report_page_query_count_is_flat(
    rows, client_for, agency_user, enterprise, campaign, django_assert_num_queries
):
    """The agency's editor reads a fixed number of queries whatever the number of rows:
    session, user, task, report, row counts (gaps), events, energy rows, equipment, measures,
    acceptances, grading tables, carriers and taxonomy (add forms), campaign and notices (nav),
    the organizer's 附件4 extension (the report's due date), product rows with their benchmark
    and the benchmark entries of the add form (+2, benchmarking), the campaign's data-check rules
    and the reasons given (+2, the checks panel); the user's agency comes with the user."""
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    report = DiagnosisReportFactory(task=task)
    _rows(report, rows)
    client = client_for(agency_user)
    with django_assert_num_queries(21):
        response = client.get(reverse("reports:report-detail", args=[task.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [10, 60])
def test_api_report_list_query_count_is_flat(
    rows, api_for, organizer_user, agency, campaign, django_assert_num_queries
):
    """Count and one page of reports joined with their task and feedback: 2 queries."""
    for _ in range(rows):
        task = TaskFactory(agency=agency, campaign=campaign, state=TaskState.REPORTED)
        report = DiagnosisReportFactory(task=task, submitted=True)
        Feedback.objects.create(report=report, rating=5, recorded_by=organizer_user)
    api = api_for(organizer_user)
    with django_assert_num_queries(2):
        response = api.get("/api/v1/reports/")
    assert response.json()["count"] == rows


@pytest.mark.parametrize("pairs", [2, 12])
def test_realization_page_query_count_is_flat(
    pairs, client_for, organizer_user, agency, django_assert_num_queries
):
    """Follow-up tasks, expected savings by earlier task, measured savings by task, plus the
    page's session, user (with organizer), campaigns and nav: 8 queries at 2 and 12 enterprises."""
    for _ in range(pairs):
        follow_up_pair(agency)
    client = client_for(organizer_user)
    with django_assert_num_queries(8):
        response = client.get(reverse("reports:realization"), {"year": 2021})
    assert len(response.context["rows"]) == pairs
