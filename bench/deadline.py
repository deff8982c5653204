"""`make bench-deadline`: deadline day, a mixed and bounded load on the production processes.

Not part of `make test` or `make bench`. On the bench database (PostgreSQL when DATABASE_URL
says so) with the national fixture (bench/fixtures.build_national), the script starts, each in
its own temporary directory and on 127.0.0.1 only: gunicorn with the production
gunicorn.conf.py, Celery workers and Celery beat (cache on Redis db DEADLINE_REDIS_DB, broker
and results on db DEADLINE_BROKER_DB of REDIS_HOST, both emptied first). Then a fixed
population of simulated users (DEADLINE_USERS, default 60) works for DEADLINE_SECONDS (default
180), each waiting 1–3 s between requests:

- organizers open their task list and request their 附件3 (a document job);
- agencies open their task list and the report list;
- enterprises open their task list;
- the ministry opens the dashboard and the review queue and requests national exports (jobs);
- anonymous visitors search the public national list.

Before the load each page kind is requested alone a few times by each of its users (its
idle median). The report gives per request kind the count, errors, p50/p95 and p95 under load
÷ idle median (goal ≤ 3×), and each read kind's p95 while the write scripts were sending and
after; per job kind the time from request to done; the jobs of the run checked in the job
table (none lost: every accepted request's job done; none duplicated: no job run twice); and
the database connections sampled from pg_stat_activity against max_connections. Exit status 1
when a goal is missed. The pure parts (the mix, the statistics, the job check) are tested
without servers in tests/bench/test_deadline.py.
"""

from __future__ import annotations

import http.client
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
THINK = (1.0, 3.0)
P95_GOAL = 3.0
IDLE_REPEAT = 5  # passes over each kind's requests
IDLE_DRAWS = 20  # requests drawn per user for them (their distinct GETs kept)
# The share of each kind in the simulated population (rounded, at least one each).
MIX = {"organizer": 0.25, "agency": 0.25, "enterprise": 0.2, "ministry": 0.1, "anonymous": 0.2}
JOB_ID = re.compile(r"/documents/(\d+)/")


@dataclass(frozen=True)
class Request:
    label: str
    method: str
    path: str
    body: dict | None = None
    job: str = ""  # the DocumentKind a successful answer queues
    files: dict | None = None  # field → (file name, content): sent as multipart/form-data
    expect: tuple[int, ...] = (302,)  # the statuses of success of a POST that queues no job


@dataclass
class Sample:
    label: str
    seconds: float
    ok: bool
    job_id: int | None = None
    job: str = ""
    at: float = 0.0  # when it was sent (time.perf_counter)
    writing: bool = False  # sent by one of the day's write scripts


@dataclass
class Context:
    year: int
    export_choices: list[str] = field(default_factory=lambda: ["statistics"])
    search_terms: list[str] = field(default_factory=lambda: ["基准", "钢铁", "化工", "有限公司"])


def population(users: int) -> list[str]:
    """The kind of each simulated user, in proportion to MIX, every kind at least once."""
    kinds = [kind for kind, share in MIX.items() for _ in range(max(1, round(users * share)))]
    while len(kinds) > max(users, len(MIX)):
        kinds.remove(max(MIX, key=lambda k: kinds.count(k)))
    return kinds


def next_request(kind: str, rng: random.Random, ctx: Context) -> Request:
    """What a user of `kind` does next (reads mostly; some requests queue a job)."""
    year = ctx.year
    if kind == "organizer":
        if rng.random() < 0.2:
            body = {"kind": "form3", "year": year}
            return Request("organizer: request 附件3", "POST", "/reports/documents/request/", body,
                           job="form3")  # fmt: skip
        return Request("organizer: task list", "GET", f"/enterprises/tasks/?year={year}")
    if kind == "agency":
        if rng.random() < 0.5:
            return Request("agency: task list", "GET", f"/enterprises/tasks/?year={year}")
        return Request("agency: report list", "GET", f"/reports/?year={year}")
    if kind == "enterprise":
        return Request("enterprise: task list", "GET", f"/enterprises/tasks/?year={year}")
    if kind == "ministry":
        roll = rng.random()
        if roll < 0.15:
            body = {"campaign": year, "export": rng.choice(ctx.export_choices),
                    "organizer_kind": ""}  # fmt: skip
            return Request("ministry: national export", "POST", "/reports/exports/", body,
                           job="export")  # fmt: skip
        if roll < 0.6:
            return Request("ministry: dashboard", "GET", f"/reports/dashboard/?year={year}")
        return Request("ministry: review queue", "GET", "/provinces/review/")
    term = rng.choice(ctx.search_terms)
    return Request(
        "anonymous: public list search",
        "GET",
        f"/enterprises/public/?{urlencode({'year': year, 'q': term})}",
    )


def idle_plan(ctx: Context, users: list[tuple[str, str]]) -> dict[str, list[tuple[Request, str]]]:
    """Per read kind, the GETs its users make under load, each with its user's cookie, for
    the idle medians: every user of the kind (their pages differ: an organizer whose list is
    still open gets the add row and the import form), each with the GETs the load gives it
    (the public search, one of several terms)."""
    plan: dict[str, dict[tuple[str, str], tuple[Request, str]]] = {}
    for n, (kind, cookie) in enumerate(users):
        rng = random.Random(n)
        for _ in range(IDLE_DRAWS):
            request = next_request(kind, rng, ctx)
            if request.method == "GET":
                plan.setdefault(request.label, {}).setdefault(
                    (request.path, cookie), (request, cookie)
                )
    return {label: list(found.values()) for label, found in plan.items()}


def answered_ok(
    request: Request, status: int, location: str, body: bytes
) -> tuple[bool, int | None]:
    """Whether the answer is a success, and the job it names (POSTs that queue one)."""
    if request.method == "GET":
        return status == 200, None
    if not request.job:
        return status in request.expect, None
    if status not in (200, 302, 303):
        return False, None
    match = JOB_ID.search(location) or JOB_ID.search(body.decode("utf-8", "replace"))
    return match is not None, int(match.group(1)) if match else None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def summarize(samples: list[Sample], idle: dict[str, float]) -> list[dict]:
    """One row per request kind: count, errors, p50, p95, and p95 ÷ idle median."""
    rows = []
    for label in sorted({s.label for s in samples}):
        times = [s.seconds for s in samples if s.label == label]
        p95 = percentile(times, 0.95)
        base = idle.get(label)
        rows.append(
            {
                "label": label,
                "count": len(times),
                "errors": sum(1 for s in samples if s.label == label and not s.ok),
                "p50": percentile(times, 0.5),
                "p95": p95,
                "idle": base,
                "ratio": p95 / base if base else None,
            }
        )
    return rows


def phases(samples: list[Sample], idle: dict[str, float]) -> list[dict]:
    """Per read kind, its p95 while the day's write scripts were still sending (until the end
    of their last request) and after: how much of the wait is the writes'."""
    ends = [s.at + s.seconds for s in samples if s.writing]
    if not ends:
        return []
    last = max(ends)
    rows = []
    for label in sorted(idle):
        during = [s.seconds for s in samples if s.label == label and s.at <= last]
        after = [s.seconds for s in samples if s.label == label and s.at > last]
        rows.append({"label": label, "idle": idle[label],
                     "during": (len(during), percentile(during, 0.95) if during else None),
                     "after": (len(after), percentile(after, 0.95) if after else None)})  # fmt: skip
    return rows


def check_jobs(accepted: list[int], jobs: dict[int, dict]) -> dict:
    """The jobs the run's requests named, as found in the job table: lost, failed, re-run."""
    wanted = set(accepted)
    lost = sorted(pk for pk in wanted if pk not in jobs)  # accepted, and no row
    unfinished = sorted(  # still queued or running when the drain ended
        pk for pk in wanted if pk in jobs and jobs[pk]["state"] not in ("done", "failed")
    )
    failed = sorted(pk for pk in wanted if jobs.get(pk, {}).get("state") == "failed")
    rerun = sorted(pk for pk in wanted if jobs.get(pk, {}).get("attempts", 0) > 1)
    per_kind: dict[str, list[float]] = {}
    for pk in wanted - set(lost) - set(unfinished):
        job = jobs[pk]
        per_kind.setdefault(job["kind"], []).append(job["seconds"])
    return {"requests": len(accepted), "jobs": len(wanted), "lost": lost,
            "unfinished": unfinished, "failed": failed,
            "duplicated": rerun, "per_kind": per_kind}  # fmt: skip


def passed(rows: list[dict], jobs: dict) -> bool:
    return (
        all(r["errors"] == 0 for r in rows)
        and all(r["ratio"] is None or r["ratio"] <= P95_GOAL for r in rows)
        and not (jobs["lost"] or jobs["unfinished"] or jobs["failed"] or jobs["duplicated"])
    )


def render(
    rows: list[dict],
    jobs: dict,
    connections: dict,
    settings_line: str,
    writes: dict | None = None,
    split: list[dict] | None = None,
) -> str:
    ms = lambda v: "–" if v is None else f"{v * 1000:.0f}"  # noqa: E731
    lines = [
        settings_line,
        "",
        "| request kind | count | errors | p50 ms | p95 ms | idle median ms | p95 ÷ idle |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = "–" if r["ratio"] is None else f"{r['ratio']:.1f}×"
        lines.append(f"| {r['label']} | {r['count']} | {r['errors']} | {ms(r['p50'])} | "
                     f"{ms(r['p95'])} | {ms(r['idle'])} | {ratio} |")  # fmt: skip
    if split:
        lines += ["", "| read kind | while writing: count | p95 ms | ÷ idle | after: count | p95 ms "
                  "| ÷ idle |", "|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
        for r in split:
            cells = []
            for count, p95 in (r["during"], r["after"]):
                ratio = "–" if p95 is None else f"{p95 / r['idle']:.1f}×"
                cells.append(f"{count} | {ms(p95)} | {ratio}")
            lines.append(f"| {r['label']} | " + " | ".join(cells) + " |")
    lines += ["", "| job kind | jobs | median s to done | max s to done |", "|---|---:|---:|---:|"]
    for kind, times in sorted(jobs["per_kind"].items()):
        lines.append(
            f"| {kind} | {len(times)} | {statistics.median(times):.1f} | {max(times):.1f} |"
        )
    lines += [
        "",
        f"Job requests accepted: {jobs['requests']}, distinct jobs: {jobs['jobs']}, lost: "
        f"{len(jobs['lost'])}, not done when the drain ended: {len(jobs['unfinished'])}, "
        f"failed: {len(jobs['failed'])}, run twice: {len(jobs['duplicated'])}.",
        f"Database connections (pg_stat_activity, this database): max {connections['max']}, "
        f"median {connections['median']} of max_connections {connections['limit']}.",
    ]
    if writes:
        lines.append("Written: " + ", ".join(f"{k} {v}" for k, v in writes.items()) + ".")
    return "\n".join(lines)


# --- the real run (servers, users, sampling) -------------------------------------------------


def _setup() -> None:
    sys.path.insert(0, str(ROOT))
    from bench.__main__ import _setup_django

    _setup_django()


class Processes:
    """gunicorn (gunicorn.conf.py), Celery workers and beat, each in its own temp directory."""

    def __init__(self, env: dict, port: int):
        self.env, self.port = env, port
        self.dirs: list[Path] = []
        self.running: list[tuple[str, subprocess.Popen]] = []

    def _start(self, name: str, command: list[str]) -> None:
        workdir = Path(tempfile.mkdtemp(prefix=f"deadline-{name}-"))
        self.dirs.append(workdir)
        log = (workdir / f"{name}.log").open("w")
        process = subprocess.Popen(
            command, cwd=workdir, env={**self.env, "PYTHONPATH": str(ROOT)},
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.running.append((name, process))
        print(f"… {name} pid {process.pid}, log {workdir / f'{name}.log'}", file=sys.stderr)

    def start(self) -> Processes:
        python, celery = sys.executable, str(Path(sys.executable).with_name("celery"))
        self._start("gunicorn", [python, "-m", "gunicorn", "portal.wsgi:application",
                                 "--config", str(ROOT / "gunicorn.conf.py"),
                                 "--bind", f"127.0.0.1:{self.port}", "--chdir", str(ROOT),
                                 "--access-logfile", "/dev/null"])  # fmt: skip
        concurrency = self.env.get("WORKER_CONCURRENCY", "2")
        # DEADLINE_WORKER_NICE=N runs the workers at a lower CPU priority (nice N), as a host
        # that runs web and workers together gives interactive requests the CPU first.
        nice = int(self.env.get("DEADLINE_WORKER_NICE", "0"))
        niced = ["nice", "-n", str(nice)] if nice else []
        for n in range(int(self.env.get("DEADLINE_WORKERS", "1"))):
            self._start(f"worker{n}", [*niced, celery, "-A", "portal", "worker", "-l", "warning",
                                       "--concurrency", concurrency, "-n", f"deadline{n}@%h"])  # fmt: skip
        self._start("beat", [celery, "-A", "portal", "beat", "-l", "warning",
                             "--schedule", str(self.dirs[-1] / "beat-schedule")])  # fmt: skip
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /healthz in 90 s")

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) used so far by each started process and its children."""
        return {name: process_tree_cpu(process.pid) for name, process in self.running}

    def stop(self) -> None:
        for _, process in reversed(self.running):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
        for name, process in self.running:
            if process.returncode not in (0, -15, None):
                print(f"! {name} exited {process.returncode}", file=sys.stderr)
        self.running = []
        if not os.environ.get("DEADLINE_KEEP_LOGS"):
            for directory in self.dirs:
                shutil.rmtree(directory, ignore_errors=True)


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = f"deadline{random.getrandbits(64):016x}"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts += [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
        for name, (filename, content) in files.items()
    ]
    return b"".join(
        parts
    ) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _exchange(port: int, request: Request, cookie: str, csrf: str) -> tuple[Sample, bytes]:
    """Send one request; the sample and the answer's body."""
    headers = {"Cookie": cookie} if cookie else {}
    body: bytes | str | None = None
    if request.method == "POST":
        headers |= {"X-CSRFToken": csrf, "Referer": f"http://127.0.0.1:{port}/"}
        if request.files:
            body, headers["Content-Type"] = _multipart(request.body or {}, request.files)
        else:
            body = urlencode(request.body or {})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if request.job == "form3":
            headers["HX-Request"] = "true"
    started = time.perf_counter()
    data = b""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request(request.method, request.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        ok, job_id = answered_ok(
            request, response.status, response.getheader("Location") or "", data
        )
        connection.close()
    except OSError:
        ok, job_id = False, None
    return Sample(
        request.label, time.perf_counter() - started, ok, job_id, request.job, started
    ), data


def process_tree_cpu(root: int, proc: Path = Path("/proc")) -> float:
    """Seconds of CPU used by `root` and its live descendants (Linux /proc; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / tick
    tree, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grown = bool(more)
    return sum(used.get(pid, 0.0) for pid in tree)


def _send(port: int, request: Request, cookie: str, csrf: str) -> Sample:
    return _exchange(port, request, cookie, csrf)[0]


# --- the writing scripts (data: bench/deadline_writes.py) --------------------------------------


def import_script(item, year: int, send) -> None:
    """An organizer's 附件3 day: import, letters (generated, signed), submit."""
    from bench.deadline_writes import LETTER_ID, pdf_bytes

    cookie = item.cookie
    send(Request(f"organizer: import 附件3 ({item.rows} rows)", "POST",
                 "/enterprises/tasks/import/", {"year": year, "import": "1"},
                 files={"file": ("附件3.xlsx", item.file)}, expect=(200,)), cookie)  # fmt: skip
    _sample, page = send(
        Request("organizer: letter list", "GET", f"/enterprises/letters/?year={year}"), cookie
    )
    letters = sorted(set(LETTER_ID.findall(page.decode("utf-8", "replace"))))
    for pk in letters:
        send(Request("organizer: generate task letter", "POST",
                     f"/enterprises/letters/{pk}/generate/docx/", {},
                     job="task_letter_docx"), cookie)  # fmt: skip
        send(Request("organizer: sign task letter", "POST", f"/enterprises/letters/{pk}/sign/",
                     {}, files={"scan": ("任务书.pdf", pdf_bytes())}), cookie)  # fmt: skip
    send(Request("organizer: submit 附件3", "POST",
                 f"/provinces/forms/{item.submission_id}/submit/", {}), cookie)  # fmt: skip


def report_script(item, year: int, send, confirms) -> None:
    """An agency's report: its task list, the file uploaded, the report submitted."""
    from bench.deadline_writes import pdf_bytes

    cookie = item.agency_cookie
    send(Request("agency: task list", "GET", f"/enterprises/tasks/?year={year}"), cookie)
    send(Request("agency: upload report file", "POST", f"/reports/tasks/{item.task_id}/file/",
                 {}, files={"file": ("诊断报告.pdf", pdf_bytes())}), cookie)  # fmt: skip
    sample, _page = send(Request("agency: submit report", "POST",
                                 f"/reports/tasks/{item.task_id}/submit/", {}), cookie)  # fmt: skip
    if sample.ok:
        confirms.put(item)


def confirm_script(item, send) -> None:
    """The enterprise confirms the diagnosis of its submitted report and rates it."""
    from bench.deadline_writes import FEEDBACK

    send(Request("enterprise: confirm diagnosis", "POST",
                 f"/reports/tasks/{item.task_id}/feedback/", FEEDBACK), item.enterprise_cookie)  # fmt: skip


def _users(kinds: list[str], year: int):
    """(kind, cookie) per simulated user; signed-in users get a session each."""
    from agencies.models import Agency
    from bench.fixtures import bench_user
    from bench.load.sessions import cookie, sessions_for
    from enterprises.models import DiagnosisTask
    from portal.choices import Role
    from portal.models import DocumentJob, User
    from provinces.models import Organizer

    organizers = list(Organizer.objects.filter(tasks__campaign__year=year).distinct()[:20])
    agencies = list(Agency.objects.filter(tasks__campaign__year=year).distinct()[:20])
    enterprise_ids = list(
        DiagnosisTask.objects.filter(campaign__year=year).values_list("enterprise_id", flat=True)[
            :20
        ]
    )
    users: list = []
    cookies: list[str] = []
    for n, kind in enumerate(kinds):
        name = f"deadline-{kind}-{n:03d}"
        if kind == "anonymous":
            users.append(None)
            continue
        if kind == "ministry":
            users.append(bench_user())
            continue
        extra = {
            "organizer": {"role": Role.ORGANIZER, "organizer": organizers[n % len(organizers)]},
            "agency": {"role": Role.AGENCY, "agency": agencies[n % len(agencies)]},
            "enterprise": {"role": Role.ENTERPRISE,
                           "enterprise_id": enterprise_ids[n % len(enterprise_ids)]},
        }[kind]  # fmt: skip
        user, _ = User.objects.update_or_create(username=name, defaults=extra)
        users.append(user)
    DocumentJob.objects.filter(requested_by__username__startswith="deadline-").delete()
    # The ministry's user is the bench's shared one: a job it left queued in an interrupted run
    # would be handed back to this run's identical export request (a double click makes one
    # job), and its time to done would count from that older run.
    ministry = [u for u in users if u is not None and u.role == Role.MINISTRY]
    DocumentJob.objects.filter(requested_by__in=ministry, state__in=["queued", "running"]).delete()
    signed = iter(sessions_for([u for u in users if u is not None]))
    for user in users:
        cookies.append("" if user is None else cookie(next(signed)))
    return list(zip(kinds, cookies, strict=True))


def _connections(stop: threading.Event, found: list[int]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        while not stop.is_set():
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            found.append(cursor.fetchone()[0])
            stop.wait(1.0)


def main() -> int:
    _setup()
    from django.conf import settings
    from django.db import connection

    from bench.load.data import national
    from bench.load.server import _database_url, free_port
    from bench.load.sessions import CSRF_SECRET
    from portal.models import DocumentJob

    if connection.vendor != "postgresql":
        raise SystemExit("make bench-deadline needs DATABASE_URL=postgres://…")
    seconds = int(os.environ.get("DEADLINE_SECONDS", "180"))
    count = int(os.environ.get("DEADLINE_USERS", "60"))
    host = os.environ.get("REDIS_HOST", "127.0.0.1:6379")
    cache_db, broker_db = (
        os.environ.get("DEADLINE_REDIS_DB", "10"),
        os.environ.get("DEADLINE_BROKER_DB", "11"),
    )
    import redis

    for db in (cache_db, broker_db):
        redis.Redis.from_url(f"redis://{host}/{db}").flushdb()
    data = national()
    year = max(data["campaigns"])
    ctx = Context(year=year)
    users = _users(population(count), year)
    from bench.deadline_writes import check_writes, prepare, writes_done
    from provinces.models import Organizer

    print("… preparing the write side (附件3 files, report tasks)", file=sys.stderr, flush=True)
    work = prepare(list(Organizer.objects.filter(tasks__campaign__year=year).distinct()
                        .order_by("sort_order", "code")))  # fmt: skip
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.load.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": f"redis://{host}/{cache_db}",
        "CELERY_BROKER_URL": f"redis://{host}/{broker_db}",
        "CELERY_RESULT_BACKEND": f"redis://{host}/{broker_db}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "PORT": str(port),
        "PROMETHEUS_MULTIPROC_DIR": "",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR")
    processes = Processes(env, port).start()
    samples: list[Sample] = []
    lock = threading.Lock()
    try:
        idle: dict[str, float] = {}
        for label, requests in idle_plan(ctx, users).items():
            for request, cookie in requests:  # warm: each user's first page is not idle time
                _send(port, request, cookie, CSRF_SECRET)
            times = [_send(port, request, cookie, CSRF_SECRET).seconds
                     for _ in range(IDLE_REPEAT) for request, cookie in requests]  # fmt: skip
            idle[label] = statistics.median(times)
        stop, found = threading.Event(), list[int]()
        sampler = threading.Thread(target=_connections, args=(stop, found), daemon=True)
        sampler.start()
        end = time.monotonic() + seconds

        def user(n: int, kind: str, cookie: str) -> None:
            rng = random.Random(n)

            def send(request: Request, as_cookie: str) -> tuple[Sample, bytes]:
                sample, body = _exchange(port, request, as_cookie, CSRF_SECRET)
                with lock:
                    samples.append(sample)
                time.sleep(rng.uniform(*THINK))
                return sample, body

            def write(request: Request, as_cookie: str) -> tuple[Sample, bytes]:
                sample, body = send(request, as_cookie)
                sample.writing = True
                return sample, body

            time.sleep(rng.uniform(0, THINK[1]))
            while time.monotonic() < end:
                # A script started before the end is finished; the reads fill the gaps.
                if kind == "organizer" and (item := work.take(work.imports)) is not None:
                    import_script(item, work.year, write)
                elif kind == "agency" and (item := work.take(work.reports)) is not None:
                    report_script(item, work.year, write, work.confirms)
                elif kind == "enterprise" and (item := work.take(work.confirms)) is not None:
                    confirm_script(item, write)
                else:
                    send(next_request(kind, rng, ctx), cookie)

        threads = [threading.Thread(target=user, args=(n, k, c)) for n, (k, c) in enumerate(users)]
        started, cpu_before, load_before = (
            time.monotonic(),
            processes.cpu_seconds(),
            os.getloadavg(),
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        loaded = time.monotonic() - started
        cpu = {name: used - cpu_before.get(name, 0.0)
               for name, used in processes.cpu_seconds().items()}  # fmt: skip
        load_after = os.getloadavg()
        accepted = [s.job_id for s in samples if s.job_id is not None]
        drain = time.monotonic() + int(os.environ.get("DEADLINE_DRAIN_SECONDS", "180"))
        while time.monotonic() < drain:
            pending = DocumentJob.objects.filter(pk__in=accepted, state__in=["queued", "running"])
            if not pending.exists():
                break
            time.sleep(1)
        stop.set()
        sampler.join()
    finally:
        processes.stop()
    jobs = {
        j.pk: {"state": j.state, "attempts": j.attempts, "kind": j.kind,
               "seconds": (j.finished_at - j.created_at).total_seconds() if j.finished_at else 0.0}
        for j in DocumentJob.objects.filter(pk__in=accepted)
    }  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_connections")
        limit = int(cursor.fetchone()[0])
    rows = summarize(samples, idle)
    checked = check_jobs(accepted, jobs)
    writes = check_writes(work)
    connections = {"max": max(found, default=0),
                   "median": int(statistics.median(found)) if found else 0, "limit": limit}  # fmt: skip
    line = (f"{len(users)} users for {seconds} s, think {THINK[0]:.0f}–{THINK[1]:.0f} s; gunicorn "
            f"{env.get('WEB_CONCURRENCY', '4')}×{env.get('GUNICORN_THREADS', '1')}, "
            f"{env.get('DEADLINE_WORKERS', '1')} Celery worker(s) × "
            f"{env.get('WORKER_CONCURRENCY', '2')}"
            f"{' at nice ' + env['DEADLINE_WORKER_NICE'] if env.get('DEADLINE_WORKER_NICE', '0') != '0' else ''}"
            f", beat; national fixture, campaign {year}; "
            f"{len(samples)} requests in {loaded:.0f} s, {len(samples) / loaded:.1f} per second "
            f"reached.\nCPU used during the load: "
            + ", ".join(f"{name} {used:.0f} s" for name, used in cpu.items())
            + f" ({sum(cpu.values()) / loaded:.2f} of {os.cpu_count()} cores); machine load "
            f"average {load_before[0]:.1f} before, {load_after[0]:.1f} after (other processes "
            f"included).")  # fmt: skip
    output = render(rows, checked, connections, line, writes, phases(samples, idle))
    print(output)
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / "bench-deadline.md").write_text(output + "\n", encoding="utf-8")
    return 0 if passed(rows, checked) and writes_done(writes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
