"""The bench's national fixture: its shape, idempotence, and the dashboard's flat query count."""

import datetime as dt

import pytest

from bench.fixtures import build_national
from enterprises.models import DiagnosisTask
from portal.models import Campaign
from reports.dashboard.selectors.page import dashboard_get_for

pytestmark = pytest.mark.django_db


def test_fixture_has_57_organizers_and_is_idempotent():
    """37 provincial organizers + 20 associations and groups; a second call builds nothing."""
    first = build_national(tasks_per_organizer=4, campaigns=(2021,))
    assert first["organizers"] == 57 and first["built"] == [2021]
    assert DiagnosisTask.objects.count() == 57 * 4
    again = build_national(tasks_per_organizer=4, campaigns=(2021,))
    assert again["built"] == []
    assert DiagnosisTask.objects.count() == 57 * 4


def test_fixture_rebuilds_a_campaign_of_another_size():
    """Asking for more tasks per organizer clears the campaign's bench rows and rebuilds it."""
    build_national(tasks_per_organizer=2, campaigns=(2021,))
    build_national(tasks_per_organizer=5, campaigns=(2021,))
    assert DiagnosisTask.objects.count() == 57 * 5


# organizers, submissions, extensions, acceptance, task groups, plans, savings, ratings
SELECTOR_QUERIES = 8


@pytest.mark.parametrize("tasks_per_organizer", [3, 12])
def test_dashboard_queries_stay_flat_at_national_scale(
    tasks_per_organizer, django_assert_num_queries
):
    """57 organizers with 3 or with 12 tasks each: the same eight queries."""
    data = build_national(tasks_per_organizer=tasks_per_organizer, campaigns=(2021,))
    campaign = Campaign.objects.get(year=2021)
    with django_assert_num_queries(SELECTOR_QUERIES):
        board = dashboard_get_for(data["user"], campaign, today=dt.date(2021, 6, 10))
    assert board.progress.total.listed == 57 * tasks_per_organizer
    assert len(board.matrix.rows) == 57
    assert {cell.state for row in board.matrix.rows for cell in row.cells} >= {
        "not_started",
        "draft",
        "on_time",
        "late",
        "returned",
        "approved",
    }
