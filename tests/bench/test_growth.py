"""make bench-growth: the fixture scales exactly, pages stay flat, the verdicts flag growth."""

import pytest
from django.test import Client, override_settings

from bench.bench_workflow import STORAGES
from bench.growth import _page, build_scale, database_url, table, verdicts
from enterprises.models import DiagnosisTask, TaskEvent
from portal.models import Campaign
from reports.models import DiagnosisReport, Feedback


def test_each_scale_has_its_own_database():
    base = "postgres://postgres@127.0.0.1:5432/h_growth"
    assert database_url(base, 10) == "postgres://postgres@127.0.0.1:5432/h_growth_x10"
    assert database_url(base + "?sslmode=disable", 3).endswith("/h_growth_x3?sslmode=disable")


def _counts() -> dict:
    return {
        "tasks": DiagnosisTask.objects.count(),
        "reports": DiagnosisReport.objects.count(),
        "ratings": Feedback.objects.count(),
        "events": TaskEvent.objects.count(),
    }


@pytest.mark.django_db
def test_fixture_scales_every_table_linearly_and_is_reused():
    """Base 10 tasks per organizer: at 3× every table of the fixture holds three times the
    rows of 1× (the same mix of states); asking again for the same scale builds nothing."""
    one = build_scale(1, base=10, campaigns=(2021,))
    assert one["built"] == [2021]
    at_one = _counts()
    assert at_one["tasks"] == 57 * 10
    three = build_scale(3, base=10, campaigns=(2021,))
    assert three["built"] == [2021]
    at_three = _counts()
    assert at_three == {key: 3 * value for key, value in at_one.items()}
    assert build_scale(3, base=10, campaigns=(2021,))["built"] == []
    assert _counts() == at_three


@pytest.mark.django_db
def test_dashboard_and_national_list_make_the_same_queries_at_1x_and_3x():
    counts = {}
    for scale in (1, 3):
        data = build_scale(scale, base=4, campaigns=(2021,))
        assert Campaign.objects.get(year=2021).tasks.count() == 57 * 4 * scale
        client = Client()
        client.force_login(data["user"], backend="portal.security.backends.TenantModelBackend")
        with override_settings(STORAGES=STORAGES):
            counts[scale] = (
                _page(client, "/reports/dashboard/?campaign=2021", 1)["queries"],
                _page(client, "/enterprises/tasks/?year=2021", 1)["queries"],
            )
    assert counts[1] == counts[3]
    assert all(n > 3 for n in counts[1])  # the counter sees the pages' statements


def _row(scale: int, page_ms=50.0, queries=9, export_s=1.0, peak=10.0) -> dict:
    document = {"s": export_s, "peak_mib": peak, "rss_mib": 200.0}
    return {
        "scale": scale,
        "tasks_year": 17_100 * scale,
        "tasks_all": 51_300 * scale,
        "dashboard": {"ms": page_ms, "queries": queries},
        "intent_list": {"ms": page_ms, "queries": 9},
        "export": dict(document),
        "package": dict(document),
        "import": {"s": 2.0, "peak_mib": 7.0, "rss_mib": 200.0},
    }


def test_verdicts_accept_flat_pages_and_linear_documents():
    rows = [_row(1), _row(3, page_ms=60, export_s=3.2, peak=11), _row(10, export_s=10.5)]
    assert verdicts(rows) == []
    assert "Flags: none" in table(rows)


def test_verdicts_flag_growing_pages_superlinear_time_and_growing_memory():
    rows = [_row(1), _row(10, page_ms=400, queries=12, export_s=30.0, peak=120.0)]
    flags = verdicts(rows)
    assert any("dashboard: 9 → 12 queries" in f for f in flags)
    assert any("dashboard: not flat" in f for f in flags)
    assert any("national 附件3: more than linear" in f for f in flags)
    assert any("national 附件3: memory not flat" in f for f in flags)
    assert not any("附件3 import" in f for f in flags)


@pytest.mark.django_db(transaction=True)
def test_dashboard_aggregates_are_read_once_per_data_version(settings, django_assert_num_queries):
    """The four aggregates over the year's tasks, reports, ratings and events come from the
    cache until one of their tables is written; then the board shows the write."""
    import datetime as dt

    from enterprises.choices import TaskState
    from reports.dashboard.selectors.page import dashboard_get_for

    settings.DATAVERSION_LOCAL = True
    data = build_scale(1, base=10, campaigns=(2021,))
    campaign, today = Campaign.objects.get(year=2021), dt.date(2021, 6, 10)
    first = dashboard_get_for(data["user"], campaign, today=today)
    # organizers, submissions, plans (the extensions too are read once per data version)
    with django_assert_num_queries(3):
        again = dashboard_get_for(data["user"], campaign, today=today)
    assert again.progress.total.listed == first.progress.total.listed == 570
    assert again.outcomes == first.outcomes
    task = DiagnosisTask.objects.filter(campaign=campaign, state=TaskState.MATCHED).first()
    DiagnosisTask.objects.filter(pk=task.pk).delete()
    after = dashboard_get_for(data["user"], campaign, today=today)
    assert after.progress.total.listed == 569
