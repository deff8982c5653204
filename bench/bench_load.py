"""List pages and API lists under concurrent load, against bare views of the same SQL and template.

The bench starts its own gunicorn (4 sync workers as in production, bench.load.settings) on a
free localhost port, on the bench database — PostgreSQL when DATABASE_URL is a postgres URL —
and loads each URL with wrk (16 connections, bounded rounds, 127.0.0.1 only) as the ministry on
the national data of bench/fixtures.build_national (57 organizers × 300 tasks × 3 campaigns).

The floor of each URL is its bare twin (bench/load/bare.py): the same SQL, raw, and the same
template with the same context (or the same JSON), behind the same middleware. The goal is a
p50 within 1.5× of the floor's; p95 and the request rates are in the notes.
"""

from bench.harness import Measurement
from bench.load.bare import replay_path
from bench.load.data import national, published_list
from bench.load.measure import LoadMeasurement, under_load
from bench.load.server import BenchServer
from bench.load.sessions import cookie, session_for
from bench.load.wrk import available
from enterprises.models import PublishedList
from portal.models import Campaign

ROUNDS, SECONDS = 5, 5


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


def measurements() -> list[Measurement]:
    if not available():
        raise RuntimeError("the load bench needs wrk: apt-get install -y wrk")
    data = national()
    campaign = Campaign.objects.get(year=max(data["campaigns"]))
    session = session_for(data["user"])
    targets = _targets(campaign, published_list(campaign, data["user"]))
    server = BenchServer(replay=list(targets.values()), session=session).start()
    return [
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
