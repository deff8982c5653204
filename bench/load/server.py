"""The bench's own gunicorn (and Redis) on free localhost ports, stopped when the bench exits.

gunicorn serves the portal with bench.load.settings (the portal plus /bench/ views) on the
bench's database: PostgreSQL when DATABASE_URL says so. Its broker is a private redis-server,
so that a job request really publishes, to a queue no worker reads; the machine's shared Redis
is never used.
"""

import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 4  # sync workers, as the Dockerfile and docker-compose run the portal


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start in {timeout:.0f} s")


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _database_url() -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    auth = db.get("USER") or ""
    if db.get("PASSWORD"):
        auth += f":{db['PASSWORD']}"
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{auth + '@' if auth else ''}{host}/{db['NAME']}"


class BenchServer:
    """gunicorn + redis-server; `replay` are the paths whose bare twins /bench/replay serves."""

    def __init__(self, *, replay: list[str], session: str):
        self.replay, self.session = replay, session
        self.port, self.redis_port = free_port(), free_port()
        self.processes: list[subprocess.Popen] = []
        self.log = ROOT / "var" / "bench-gunicorn.log"
        self.ready = Path(tempfile.mkdtemp(prefix="bench-ready-"))  # one file per recorded worker

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _start_redis(self) -> None:
        if shutil.which("redis-server") is None:
            raise RuntimeError("redis-server is needed by the load bench (apt-get install redis)")
        self.processes.append(
            subprocess.Popen(
                [
                    "redis-server",
                    "--port",
                    str(self.redis_port),
                    "--bind",
                    "127.0.0.1",
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        _wait(lambda: _listening(self.redis_port), "redis")

    def _start_gunicorn(self) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.load.settings",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "SECRET_KEY": settings.SECRET_KEY,
            "DEBUG": "false",
            "BENCH_REPLAY_PATHS": json.dumps(self.replay),
            "BENCH_SESSION": self.session,
            "BENCH_READY_DIR": str(self.ready),
        }
        command = [
            sys.executable, "-m", "gunicorn", "portal.wsgi:application",
            "--config", str(ROOT / "bench" / "load" / "gunicorn_conf.py"),
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(WORKERS),
            "--worker-class", "sync",
            "--keep-alive", "30", "--log-level", "warning",
        ]  # fmt: skip
        log = self.log.open("w")
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        )
        # Serving, and every worker has recorded the views it replays.
        _wait(lambda: len(list(self.ready.iterdir())) >= WORKERS, f"gunicorn (see {self.log})")
        _wait(
            lambda: urllib.request.urlopen(self.url("/healthz"), timeout=2).status == 200,  # noqa: S310
            f"gunicorn (see {self.log})",
        )

    def start(self) -> "BenchServer":
        self._start_redis()
        self._start_gunicorn()
        atexit.register(self.stop)
        return self

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.processes = []
        shutil.rmtree(self.ready, ignore_errors=True)
