"""Liveness (/healthz), readiness (/readyz) and metrics (/metrics), answered before the stack.

The middleware runs first, before SecurityMiddleware and CommonMiddleware read the Host header:
a container healthcheck or a load balancer that calls `http://127.0.0.1:8000/healthz` gets its
answer under a production ALLOWED_HOSTS (which would refuse that Host with 400) and
SECURE_SSL_REDIRECT (which would send it to https). These answers hold no data and set no
cookie; /metrics has its own access rule (portal/metrics.py).

- /healthz: the process answers (liveness). No database: a database outage must not make an
  orchestrator restart every web process.
- /readyz: the database, the broker and the file storage answer (readiness); 503 naming the
  part that does not, so a load balancer sends no traffic to an instance that cannot serve.
"""

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

log = logging.getLogger(__name__)

OK = "ok"
PROBE_DIR = "health"


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_broker() -> None:
    """Connect to the Celery broker (Redis). Eager mode (the embedded default) has none."""
    if settings.CELERY_TASK_ALWAYS_EAGER or settings.CELERY_BROKER_URL.startswith("memory://"):
        return
    from portal.celery import app as celery_app

    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)


def check_storage() -> None:
    """Write, read back and delete a small file in the default storage (local or S3)."""
    name = default_storage.save(f"{PROBE_DIR}/{uuid.uuid4().hex}.txt", ContentFile(b"ready"))
    try:
        with default_storage.open(name, "rb") as f:
            if f.read() != b"ready":
                raise OSError("the storage returned other content than was written")
    finally:
        default_storage.delete(name)


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "broker": check_broker,
    "storage": check_storage,
}


def readiness() -> tuple[bool, dict[str, str]]:
    """Each check's outcome: "ok" or the exception's class name (no details leave the host)."""
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # any failure means "not ready"
            log.warning("Readiness check %s failed: %r", name, exc)
            results[name] = exc.__class__.__name__
        else:
            results[name] = OK
    return all(r == OK for r in results.values()), results


def healthz(request: HttpRequest) -> HttpResponse:
    return JsonResponse({"status": OK})


def readyz(request: HttpRequest) -> HttpResponse:
    ready, checks = readiness()
    return JsonResponse(
        {"status": OK if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


def metrics(request: HttpRequest) -> HttpResponse:
    from .metrics import metrics_view

    return metrics_view(request)


ANSWERS: dict[str, Callable[[HttpRequest], HttpResponse]] = {
    "/healthz": healthz,
    "/readyz": readyz,
    "/metrics": metrics,
}


class HealthMiddleware:
    """First in MIDDLEWARE: answers ANSWERS' paths (GET/HEAD) without looking at the Host."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        answer = ANSWERS.get(request.path_info)
        if answer is not None and request.method in ("GET", "HEAD"):
            response = answer(request)
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)
