"""The ministry's dashboard on national-scale data against the bare SQL it needs.

Data: bench/fixtures.build_national() — 37 provincial organizers plus 10 associations and 10
groups, 300 tasks each, campaigns 2019–2021 (51,300 tasks) with submissions, reports, returns,
ratings and acceptance events. `ours` builds everything the page shows (matrix, progress,
outcomes) through the selectors; `floor` runs the same seven SQL statements through a raw
cursor and fetches their rows, with no ORM and no Python on top. The goal is 1.5×.

A second row adds what the page does on top — the chart options and the HTML of the dashboard
body (the fragment htmx swaps in: matrix, tables, chart JSON) — against the same floor, as a
guard on the template's cost (goal 3×).
"""

from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory

from bench.fixtures import build_national
from bench.harness import Measurement
from portal.models import Campaign
from reports.dashboard.forms import DashboardFilterForm
from reports.dashboard.selectors.matrix import (
    acceptance_query,
    organizers_query,
    submissions_query,
)
from reports.dashboard.selectors.milestones import ACCEPTANCE, milestones_for
from reports.dashboard.selectors.outcomes import ratings_query, savings_query
from reports.dashboard.selectors.page import dashboard_get_for
from reports.dashboard.selectors.progress import plans_query, task_groups_query
from reports.dashboard.views.charts import charts_for


def _statements(user, campaign) -> list[tuple[str, tuple]]:
    """The SQL of every query the dashboard makes, compiled once outside the timing."""
    cutoff = next(m for m in milestones_for(campaign) if m.key == ACCEPTANCE).cutoff
    querysets = [
        organizers_query(user),
        submissions_query(user, campaign),
        acceptance_query(user, campaign, cutoff),
        task_groups_query(user, campaign),
        plans_query(user, campaign),
        savings_query(user, campaign),
        ratings_query(user, campaign),
    ]
    return [qs.query.sql_with_params() for qs in querysets]


def measurements() -> list[Measurement]:
    data = build_national()
    user, campaign = data["user"], Campaign.objects.get(year=max(data["campaigns"]))
    statements = _statements(user, campaign)

    def ours():
        board = dashboard_get_for(user, campaign)
        assert board.progress.total.listed == data["organizers"] * data["tasks_per_organizer"]

    def floor():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    request = RequestFactory().get("/reports/dashboard/")
    request.user, request.htmx = user, True

    def page():
        board = dashboard_get_for(user, campaign)
        context = {
            "form": DashboardFilterForm(campaigns=[campaign]),
            "board": board,
            "charts": charts_for(board, f"campaign={campaign.year}"),
            "query": f"campaign={campaign.year}",
        }
        render_to_string("reports/dashboard.html#body", context, request=request)

    size = (
        f"{data['organizers']} organizers × {data['tasks_per_organizer']} tasks × "
        f"{len(data['campaigns'])} campaigns"
    )
    return [
        Measurement(
            name=f"dashboard: national data ({size})",
            ours=ours,
            floor=floor,
            goal=1.5,
            repeat=15,
            note="selectors (matrix, progress, outcomes) vs the same SQL, raw",
        ),
        Measurement(
            name="dashboard: data + charts + HTML body (htmx fragment)",
            ours=page,
            floor=floor,
            goal=3.0,
            repeat=15,
            note="the template's cost on top of the data, same floor",
        ),
    ]
