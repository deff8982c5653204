"""gunicorn's settings for production (`gunicorn portal.wsgi:application` reads this file).

Everything is read from the environment, with the defaults of docker-compose.yml: PORT,
WEB_CONCURRENCY (worker processes, about two per core), GUNICORN_THREADS, GUNICORN_TIMEOUT.
With PROMETHEUS_MULTIPROC_DIR set, the directory is emptied when gunicorn starts and each
finished worker's live samples are dropped, so /metrics adds up the processes that exist
(portal/metrics.py).
"""

import os
from pathlib import Path

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (slow leaks never add up); jitter staggers them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The reverse proxy in front sets X-Forwarded-*; the portal reads them through PROXY_COUNT.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def _multiproc_dir() -> Path | None:
    value = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    return Path(value) if value else None


def on_starting(server) -> None:
    """Empty the metrics directory: samples of a previous run would be added to this one's."""
    directory = _multiproc_dir()
    if directory is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    for stale in directory.glob("*.db"):
        stale.unlink()


def child_exit(server, worker) -> None:
    if _multiproc_dir() is not None:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
