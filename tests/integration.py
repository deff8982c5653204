"""Start a real Celery worker against REDIS_URL (and the test database) for integration tests."""

import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

ROOT = Path(__file__).resolve().parents[1]


def _database_url() -> str:
    """The URL of the database the tests use, so the worker reads the same rows."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def fresh_broker_pools() -> None:
    """Publish from this process through new broker connections: an earlier test in the same
    process may have closed kombu's global pools (e.g. while pointing Celery at another broker),
    and a closed pool refuses every publish ("Acquire on closed pool")."""
    from portal.celery import app

    kombu_pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_worker(*, queue: str | None = None, concurrency: int = 1, extra_env=None):
    """A worker process consuming a private queue; yields (process, queue)."""
    queue = queue or f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": os.environ["REDIS_URL"],
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "SECRET_KEY": "integration-test-" + "k" * 50,
        **(extra_env or {}),
    }
    fresh_broker_pools()
    log = open(ROOT / "var" / f"worker-{queue}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.slow_worker",
            "worker",
            "-Q",
            queue,
            "--concurrency",
            str(concurrency),
            "--pool",
            "prefork",
            "-l",
            "info",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield process, queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_for(predicate, timeout: float = 60, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(interval)
    raise TimeoutError("condition not met in time")
