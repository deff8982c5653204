"""List pages and API lists under concurrent load, against bare views of the same SQL and template.

The bench starts its own gunicorn (4 sync workers as in production, bench.load.settings) on a
free localhost port, on the bench database — PostgreSQL when DATABASE_URL is a postgres URL —
and loads each URL with wrk (16 connections, bounded rounds, 127.0.0.1 only) as the ministry on
the national data of bench/fixtures.build_national (57 organizers × 300 tasks × 3 campaigns).

The floor of each URL is its bare twin (bench/load/bare.py): the same SQL, raw, and the same
template with the same context (or the same JSON), behind the same middleware. The goal is a
p50 within 1.5× of the floor's; p95 and the request rates are in the notes.

A second row per URL holds it to the physical floor (bench/floorapp): a bare view behind the
same middleware that reads the same 25 (or 50) rows by an index in one query and renders a
template that extends nothing (or JSON) — no counts, no facets, no navigation. Goals: p50 at
most 2× that floor, p95 at most 3×. `make bench BENCH=load` runs these; BENCH_ONLY=floor
(an environment variable) runs only the floor rows.
"""

import os

from bench.harness import Measurement
from bench.load.bare import replay_path
from bench.load.data import national, published_list
from bench.load.measure import LoadMeasurement, under_load
from bench.load.server import BenchServer
from bench.load.sessions import cookie, session_for
from bench.load.wrk import available
from enterprises.models import PublishedList
from portal.models import Campaign

ROUNDS, SECONDS = int(os.environ.get("BENCH_ROUNDS", 5)), 5


def _targets(campaign: Campaign, published: PublishedList) -> dict[str, str]:
    year, rows = campaign.year, f"{published.entry_count:,}"
    return {
        f"page: national intent list {year} (25 of {rows} rows)": f"/enterprises/tasks/?year={year}",
        f"page: diagnosis reports {year} (25 rows)": f"/reports/?year={year}",
        f"page: public national list {year} (50 of {rows})": f"/enterprises/public/?year={year}",
        f"API: tasks of {year} (50 of {rows}, keyset)": f"/api/v1/tasks/?campaign={campaign.pk}",
        f"API: published entries {year} (50 of {rows}, keyset)": (
            f"/api/v1/published-lists/{published.pk}/entries/"
        ),
    }


def _floors(campaign: Campaign, published: PublishedList) -> list[str]:
    """The physical floor of each target, in the same order (bench/floorapp)."""
    return [
        f"/bench/floor/tasks/?campaign={campaign.pk}",
        f"/bench/floor/reports/?campaign={campaign.pk}",
        f"/bench/floor/public/?list={published.pk}",
        f"/bench/floor/api/tasks/?campaign={campaign.pk}",
        f"/bench/floor/api/entries/?list={published.pk}",
    ]


def measurements() -> list[Measurement]:
    if not available():
        raise RuntimeError("the load bench needs wrk: apt-get install -y wrk")
    data = national()
    campaign = Campaign.objects.get(year=max(data["campaigns"]))
    session = session_for(data["user"])
    published = published_list(campaign, data["user"])
    targets = _targets(campaign, published)
    server = BenchServer(replay=list(targets.values()), session=session).start()
    floors = [
        LoadMeasurement(
            name=f"{name} against the physical floor",
            ours=under_load(server.url(path), cookie(session)),
            floor=under_load(server.url(floor), cookie(session)),
            goal=2.0,
            p95_goal=3.0,
            repeat=ROUNDS,
            seconds=SECONDS,
            note="floor: one indexed query of the rows + a flat template/JSON",
        )
        for (name, path), floor in zip(targets.items(), _floors(campaign, published), strict=True)
    ]
    if os.environ.get("BENCH_ONLY") == "floor":
        return floors
    return floors + [
        LoadMeasurement(
            name=f"{name} under load",
            ours=under_load(server.url(path), cookie(session)),
            floor=under_load(server.url(replay_path(path)), cookie(session)),
            goal=1.5,
            repeat=ROUNDS,
            seconds=SECONDS,
            note="floor: the same SQL raw + the same template/JSON",
        )
        for name, path in targets.items()
    ]
