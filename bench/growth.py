"""`make bench-growth`: how cost grows with the data — 1×, 3× and 10× the national fixture.

The national fixture (bench/fixtures.build_national) is 57 organizers × 300 tasks × 3
campaigns: 17,100 tasks a year. At scale k every organizer has 300·k tasks a year (10×:
171,000 a year, 513,000 over three years, with their enterprises, reports, ratings and
events). Each scale lives in its own PostgreSQL database (`<DATABASE_URL's name>_x<k>`),
created on first use and kept: a second run finds the data complete and only measures.

For each scale, in a fresh process (its own memory, its own connection):

- pages — the ministry's dashboard (`/reports/dashboard/?campaign=Y`) and the national 附件3
  intent list (`/enterprises/tasks/?year=Y`), whole requests through the test client: the
  median time and the number of SQL statements. Goal: flat (neither grows with the data).
- documents — the national 附件3 (xlsx), the national summary package (附件1–4 and the
  accepted reports' files, zip) and a 2,000-row 附件3 import (rolled back): the time, the
  tracemalloc peak of the run and the process's peak RSS. Goal: time at most linear in the
  data, peak memory flat.

The parent prints the curve, flags what breaks a goal and writes bench/results-growth.md.
`BENCH_SCALES=1,3` measures fewer scales; `BENCH_GROWTH_REPEAT` sets the page repeats.
"""

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
BASE_TASKS = 300
SCALES = (1, 3, 10)
# Allowances for a shared, loaded machine: "flat" is within 1.5× of 1× (and a few ms), a
# query count is flat when it does not change; "linear" is time/data within 1.5× of 1×'s;
# memory is flat within 1.5× of 1× plus 16 MiB.
FLAT_TIME, LINEAR_SLACK, MEMORY_SLACK, MEMORY_PAD_MIB = 1.5, 1.5, 1.5, 16.0


def database_url(base: str, scale: int) -> str:
    """The scale's own database next to DATABASE_URL's: …/h_growth → …/h_growth_x10."""
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_x{scale}"))


def ensure_database(url: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(urlunsplit(parts._replace(path="/postgres")))
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
    finally:
        connection.close()


# ---------------------------------------------------------------- the child: one scale


def _timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    samples.sort()
    return samples[len(samples) // 2]


def _traced(fn) -> tuple[float, float]:
    """(seconds, tracemalloc peak in MiB) of one run."""
    tracemalloc.start()
    try:
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
        return elapsed, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _page(client, url: str, repeat: int) -> dict:
    from django.db import connection

    def get():
        response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        assert len(response.content) > 10_000, (url, response.content[:200])

    get()  # warm: templates, the count cache of this data version
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        get()
    return {"ms": _timed(get, repeat) * 1000, "queries": len(statements)}


def _package(campaign) -> None:
    from portal.choices import DocumentKind
    from portal.models import DocumentJob
    from reports.documents.builders.package import BUILDERS

    job = DocumentJob(kind=DocumentKind.PACKAGE, campaign=campaign, organizer=None)
    with tempfile.TemporaryDirectory(prefix="bench-growth-") as folder:
        BUILDERS[DocumentKind.PACKAGE].build(job, Path(folder) / "package.zip", lambda *a: None)


def _import(campaign, organizer, content: bytes) -> None:
    from django.db import transaction

    from enterprises.services import intent_list_import

    with transaction.atomic():
        outcome = intent_list_import(
            campaign=campaign, organizer=organizer, file=io.BytesIO(content), actor=None
        )
        assert outcome.ok, outcome.errors[:3]
        assert outcome.created == 2000, outcome.created
        transaction.set_rollback(True)


def build_scale(scale: int, base: int = BASE_TASKS, campaigns=(2019, 2020, 2021)) -> dict:
    """The national fixture at `scale` (base·scale tasks per organizer a year), then ANALYZE
    (bulk inserts leave the planner's statistics stale; production has them fresh)."""
    from django.db import connection

    from bench.fixtures import build_national

    data = build_national(tasks_per_organizer=base * scale, campaigns=campaigns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return data


def measure_scale(scale: int) -> dict:
    import datetime as dt

    from agencies.models import Recommendation
    from bench import bench_workflow as workflow
    from enterprises.models import DiagnosisTask
    from portal.models import Campaign
    from reports.documents.builders.forms import write_form

    repeat = int(os.environ.get("BENCH_GROWTH_REPEAT", "5"))
    start = time.perf_counter()
    data = build_scale(scale)
    build_s = time.perf_counter() - start
    year = max(data["campaigns"])
    campaign = Campaign.objects.get(year=year)
    tasks = DiagnosisTask.objects.filter(campaign=campaign).count()
    result = {
        "scale": scale,
        "tasks_year": tasks,
        "tasks_all": DiagnosisTask.objects.count(),
        "build_s": build_s,
        "built": data["built"],
    }

    from django.test import Client

    client = Client()
    client.force_login(data["user"], backend="portal.security.backends.TenantModelBackend")
    result["dashboard"] = _page(client, f"/reports/dashboard/?campaign={year}", repeat)
    result["intent_list"] = _page(client, f"/enterprises/tasks/?year={year}", repeat)

    out = Path(tempfile.gettempdir()) / f"bench-growth-{scale}.xlsx"
    seconds, peak = _traced(lambda: write_form(3, campaign, None, out))
    result["export"] = {"s": seconds, "peak_mib": peak, "rss_mib": _rss_mib()}
    out.unlink(missing_ok=True)

    seconds, peak = _traced(lambda: _package(campaign))
    result["package"] = {"s": seconds, "peak_mib": peak, "rss_mib": _rss_mib()}

    _campaign_org = workflow._setup()
    import_campaign, _ = Campaign.objects.get_or_create(
        year=workflow.YEAR - 1,
        defaults={
            "name": f"{workflow.YEAR - 1}年基准",
            "plan_due": dt.date(workflow.YEAR - 1, 5, 31),
            "recommendation_due": dt.date(workflow.YEAR - 1, 5, 31),
            "intent_due": dt.date(workflow.YEAR - 1, 6, 15),
            "summary_due": dt.date(workflow.YEAR - 1, 11, 15),
        },
    )
    _, organizer, agency, _ = _campaign_org
    Recommendation.objects.get_or_create(
        campaign=import_campaign, organizer=organizer, agency=agency
    )
    content = workflow.intent_file(2000)
    _import(import_campaign, organizer, content)  # warm
    seconds, peak = _traced(lambda: _import(import_campaign, organizer, content))
    result["import"] = {"s": seconds, "peak_mib": peak, "rss_mib": _rss_mib()}
    return result


def _child(scale: int) -> int:
    from bench.__main__ import _setup_django

    _setup_django()
    from django.test import override_settings

    from bench.bench_workflow import STORAGES

    # secure requests and plain static storage, as bench_workflow's page (no collectstatic)
    override_settings(STORAGES=STORAGES).enable()
    print("GROWTH " + json.dumps(measure_scale(scale)), flush=True)
    return 0


# ---------------------------------------------------------------- the parent: the curve


def verdicts(rows: list[dict]) -> list[str]:
    """What breaks a goal: pages not flat (time or queries), documents more than linear in
    time or not flat in memory — each against the smallest scale measured."""
    if len(rows) < 2:
        return []
    base, flags = rows[0], []
    for row in rows[1:]:
        growth = row["tasks_year"] / base["tasks_year"]
        for key, label in (("dashboard", "dashboard"), ("intent_list", "national intent list")):
            ours, first = row[key], base[key]
            if ours["queries"] != first["queries"]:
                flags.append(
                    f"{label}: {first['queries']} → {ours['queries']} queries at {row['scale']}×"
                )
            if ours["ms"] > first["ms"] * FLAT_TIME + 5:
                flags.append(
                    f"{label}: not flat, {first['ms']:.0f} → {ours['ms']:.0f} ms at {row['scale']}×"
                )
        for key, label in (("export", "national 附件3"), ("package", "national package"),
                           ("import", "附件3 import")):  # fmt: skip
            ours, first = row[key], base[key]
            if ours["s"] > first["s"] * growth * LINEAR_SLACK:
                flags.append(
                    f"{label}: more than linear, {first['s']:.1f} → {ours['s']:.1f} s for "
                    f"{growth:.0f}× the data"
                )
            if ours["peak_mib"] > first["peak_mib"] * MEMORY_SLACK + MEMORY_PAD_MIB:
                flags.append(
                    f"{label}: memory not flat, {first['peak_mib']:.1f} → "
                    f"{ours['peak_mib']:.1f} MiB at {row['scale']}×"
                )
    return flags


def table(rows: list[dict]) -> str:
    lines = [
        "| scale | tasks / year (all years) | dashboard | national intent list | "
        "national 附件3 (xlsx) | national package (zip) | 附件3 import, 2,000 rows |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        pages = [
            f"{row[k]['ms']:.0f} ms, {row[k]['queries']} q" for k in ("dashboard", "intent_list")
        ]
        docs = [
            f"{row[k]['s']:.1f} s, {row[k]['peak_mib']:.1f} MiB (RSS {row[k]['rss_mib']:.0f})"
            for k in ("export", "package", "import")
        ]
        lines.append(
            f"| {row['scale']}× | {row['tasks_year']:,} ({row['tasks_all']:,}) | "
            + " | ".join(pages + docs)
            + " |"
        )
    flags = verdicts(rows)
    lines += ["", "Flags: " + ("; ".join(flags) if flags else "none — pages flat, documents at "
                               "most linear with flat peak memory.")]  # fmt: skip
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--scale"]:
        return _child(int(argv[1]))
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        print("make bench-growth needs DATABASE_URL=postgres://…", file=sys.stderr)
        return 2
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "1,3,10").split(",") if s]
    rows = []
    for scale in scales:
        url = database_url(base, scale)
        ensure_database(url)
        print(f"… growth {scale}× ({url.rsplit('/', 1)[-1]})", file=sys.stderr, flush=True)
        env = {**os.environ, "DATABASE_URL": url}
        done = subprocess.run(
            [sys.executable, "-m", "bench.growth", "--scale", str(scale)],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        sys.stderr.write(done.stderr[-4000:])
        line = next((x for x in done.stdout.splitlines() if x.startswith("GROWTH ")), None)
        if done.returncode or line is None:
            print(f"growth {scale}× failed", file=sys.stderr)
            return 1
        rows.append(json.loads(line[len("GROWTH ") :]))
        print(f"  built in {rows[-1]['build_s']:.0f} s", file=sys.stderr, flush=True)
    output = table(rows)
    print(output)
    (ROOT / "bench" / "results-growth.md").write_text(
        "# How cost grows\n\nProduced by `make bench-growth` on this machine (PostgreSQL); "
        "each scale in its own database, in a fresh process.\n\n" + output + "\n",
        encoding="utf-8",
    )
    return 1 if verdicts(rows) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
