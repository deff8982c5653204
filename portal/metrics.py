"""Prometheus metrics: requests, background jobs and the queue (docs/operations.md).

- Requests: django-prometheus's middlewares (latency histograms by view, responses by status,
  exceptions), first and last in MIDDLEWARE.
- Jobs: every Celery task's duration, outcome and failures (Celery signals, in the worker).
- Queue depth: read when scraped — the broker's queue lengths and the document jobs waiting or
  running (one indexed COUNT per state), and the age of the oldest queued job.

Under gunicorn (several processes) and a prefork Celery worker, set PROMETHEUS_MULTIPROC_DIR to
an empty directory: each process writes its samples there and the scrape adds them up
(gunicorn.conf.py clears it at start and marks a finished worker dead). The web processes serve
/metrics (answered by portal.health before host validation); a worker serves its own on
WORKER_METRICS_PORT. /metrics answers only clients in METRICS_ALLOWED_NETWORKS and, when
METRICS_TOKEN is set, with `Authorization: Bearer <METRICS_TOKEN>`; the rest get 403.
"""

import glob
import ipaddress
import logging
import os
import secrets
import time

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily

from portal.choices import JobState

from .security.client_ip import client_ip

log = logging.getLogger(__name__)

if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):  # every process writes its samples there
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

TASK_BUCKETS = (0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800)

TASK_DURATION = Histogram(
    "portal_task_duration_seconds",
    "Time a Celery task took, by task name and outcome (success, failure, retry).",
    ["task", "outcome"],
    buckets=TASK_BUCKETS,
)
TASK_FAILURES = Counter(
    "portal_task_failures_total", "Celery tasks that raised (after their retries).", ["task"]
)
TASK_RETRIES = Counter("portal_task_retries_total", "Celery task retries.", ["task"])

_started: dict[str, float] = {}


# ---------------------------------------------------------------- the queue, read when scraped
class QueueCollector:
    """Broker queue lengths and document jobs by state, read at scrape time."""

    def collect(self):
        queued = GaugeMetricFamily(
            "portal_broker_queue_length", "Messages waiting in the broker queue.", labels=["queue"]
        )
        for name, length in broker_queue_lengths().items():
            queued.add_metric([name], length)
        yield queued

        try:
            yield from self._jobs()
        except DatabaseError as exc:  # the metrics still answer while the database does not
            log.warning("Document job counts not read: %r", exc)

    def _jobs(self):
        from portal.models import DocumentJob

        jobs = GaugeMetricFamily(
            "portal_document_jobs", "Document jobs queued or running.", labels=["state"]
        )
        open_jobs = DocumentJob.objects.filter(state__in=[JobState.QUEUED, JobState.RUNNING])
        counts = dict(open_jobs.values_list("state").annotate(n=Count("pk")).order_by())
        for state in (JobState.QUEUED, JobState.RUNNING):
            jobs.add_metric([str(state)], counts.get(state, 0))
        oldest = DocumentJob.objects.filter(state=JobState.QUEUED).aggregate(t=Min("created_at"))
        age = (timezone.now() - oldest["t"]).total_seconds() if oldest["t"] else 0.0
        yield jobs
        yield GaugeMetricFamily(
            "portal_document_job_oldest_queued_seconds",
            "Age of the oldest document job no worker has finished.",
            value=age,
        )


def broker_queue_lengths() -> dict[str, int]:
    """LLEN of each queue the workers consume (Redis broker); nothing in eager mode."""
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL.startswith("redis"):
        return {}
    import redis

    queues = getattr(settings, "METRICS_QUEUES", ["celery"])
    try:
        client = redis.Redis.from_url(settings.CELERY_BROKER_URL, **settings.REDIS_SOCKET_OPTIONS)
        return {q: int(client.llen(q)) for q in queues}
    except redis.RedisError as exc:
        log.warning("Queue length not read: %r", exc)
        return {}


_queue_registry = CollectorRegistry(auto_describe=False)
_queue_registry.register(QueueCollector())


class LiveFilesCollector(multiprocess.MultiProcessCollector):
    """The multiprocess collector without the files a process has created but not sized yet.

    prometheus_client creates a process's file before it gives it its size, so for a moment the
    file is empty; a scrape that reads it then fails whole (a 500 for every metric, upstream
    prometheus/client_python#1199), and a process killed in that moment leaves it empty for
    good. An empty file holds no sample: it is left out, and read once it has its header."""

    def collect(self):
        files = [f for f in glob.glob(os.path.join(self._path, "*.db")) if _sized(f)]
        return self.merge(files, accumulate=True)


def _sized(path: str) -> bool:
    try:
        return os.path.getsize(path) >= 8  # the used-bytes header of an mmap'd metrics file
    except OSError:  # removed since the glob (mark_process_dead)
        return False


def render_metrics() -> bytes:
    """Every process's samples (multiprocess mode) or this process's, plus the queue."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        LiveFilesCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_queue_registry)


# ---------------------------------------------------------------- access and the view
def _networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(n, strict=False) for n in settings.METRICS_ALLOWED_NETWORKS]


def metrics_allowed(request: HttpRequest) -> bool:
    """In an allowed network (when any is set) and with the token (when one is set); with
    neither set, nobody."""
    networks, token = _networks(), settings.METRICS_TOKEN
    if not networks and not token:
        return False
    if networks:
        ip = client_ip(request)
        if ip is None or not any(ipaddress.ip_address(ip) in n for n in networks):
            return False
    if token:
        sent = request.META.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ").strip()
        if not secrets.compare_digest(sent.encode(), token.encode()):
            return False
    return True


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(render_metrics(), content_type=CONTENT_TYPE_LATEST)


# ---------------------------------------------------------------- Celery signals (workers)
def _task_name(sender, task=None) -> str:
    return getattr(task or sender, "name", None) or "unknown"


def on_task_prerun(sender=None, task_id=None, task=None, **kwargs) -> None:
    if task_id:
        _started[task_id] = time.monotonic()


def on_task_postrun(sender=None, task_id=None, task=None, state=None, **kwargs) -> None:
    began = _started.pop(task_id, None) if task_id else None
    if began is not None:
        outcome = {"SUCCESS": "success", "RETRY": "retry"}.get(str(state), "failure")
        TASK_DURATION.labels(_task_name(sender, task), outcome).observe(time.monotonic() - began)


def on_task_failure(sender=None, **kwargs) -> None:
    TASK_FAILURES.labels(_task_name(sender)).inc()


def on_task_retry(sender=None, **kwargs) -> None:
    TASK_RETRIES.labels(_task_name(sender)).inc()


def on_worker_init(**kwargs) -> None:
    """The worker's main process serves the metrics of all its children on WORKER_METRICS_PORT."""
    port = settings.WORKER_METRICS_PORT
    if not port:
        return
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        LiveFilesCollector(registry)
    else:
        registry = REGISTRY
    registry.register(QueueCollector())
    start_http_server(port, addr=settings.WORKER_METRICS_ADDR, registry=registry)
    log.info("Worker metrics on %s:%s", settings.WORKER_METRICS_ADDR, port)


def on_worker_process_shutdown(pid=None, **kwargs) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR") and pid:
        multiprocess.mark_process_dead(pid)


def register() -> None:
    """Connect the Celery signals (PortalConfig.ready)."""
    from celery import signals

    signals.task_prerun.connect(on_task_prerun, dispatch_uid="portal.metrics.prerun")
    signals.task_postrun.connect(on_task_postrun, dispatch_uid="portal.metrics.postrun")
    signals.task_failure.connect(on_task_failure, dispatch_uid="portal.metrics.failure")
    signals.task_retry.connect(on_task_retry, dispatch_uid="portal.metrics.retry")
    signals.worker_init.connect(on_worker_init, dispatch_uid="portal.metrics.worker_init")
    signals.worker_process_shutdown.connect(
        on_worker_process_shutdown, dispatch_uid="portal.metrics.process_shutdown"
    )
