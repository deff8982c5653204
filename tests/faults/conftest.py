"""Helpers of the fault tests: a broker that is really down, a private Redis, a real worker.

The machine's shared Redis (port 6379) is never stopped: tests that stop Redis start their own
`redis-server` on a free port. Pointing the Celery app at another broker also resets its
connection pools, which otherwise keep the first broker they connected to.
"""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
from django.db import connection
from kombu import pools as kombu_pools

from portal.celery import app

BROKER_KEYS = ("task_always_eager", "broker_url", "result_backend")


def free_port() -> int:
    """A localhost port nothing listens on (the kernel's pick, released at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _reset_pools() -> None:
    """Close and forget every broker connection pool (kombu keeps them in a global registry)."""
    kombu_pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str):
    """Publish for real (not eagerly) to `url` for the duration of the block."""
    old = {key: app.conf[key] for key in BROKER_KEYS}
    _reset_pools()
    app.conf.update(task_always_eager=False, broker_url=url, result_backend=url)
    try:
        yield
    finally:
        _reset_pools()
        app.conf.update(**old)


@pytest.fixture
def dead_broker():
    """A Redis URL with nothing behind it: every publish is refused."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    with broker_at(url):
        yield url


class RedisServer:
    """A redis-server of our own, stopped and started again by the test."""

    def __init__(self, port: int):
        self.port, self.process = port, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def private_redis():
    """A running private Redis; stopped at the end whatever the test did to it."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = RedisServer(free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def shared_database():
    """Integration tests start worker processes: they must open the same database."""
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("a worker cannot open pytest's in-memory SQLite: set DATABASE_URL")


needs_redis = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
