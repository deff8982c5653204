"""docker-compose.yml: valid against the Compose specification, and every healthcheck command
passes against the real process started with production settings (DEBUG off, a production
ALLOWED_HOSTS, HTTPS redirect on). No container engine here: each command runs on this machine
with the container's port and paths mapped to this test's."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
PRODUCTION_HOST = "portal.example.gov.cn"

pytestmark = pytest.mark.xdist_group(name="compose-healthchecks")


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def _command(service: str) -> list[str]:
    """The service's command with Compose's ${NAME:-default} filled in (no .env here)."""
    return [
        re.sub(r"\$\{(\w+):-([^}]*)\}", lambda m: os.environ.get(m[1], m[2]), part)
        for part in _compose()["services"][service]["command"]
    ]


def _healthcheck(service: str) -> list[str]:
    """The healthcheck as the container runs it ($$ is Compose's escape of $)."""
    test = _compose()["services"][service]["healthcheck"]["test"]
    test = [part.replace("$$", "$") for part in test]
    if test[0] == "CMD-SHELL":
        return ["sh", "-c", test[1]]
    assert test[0] == "CMD"
    return test[1:]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    database = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'portal.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DEBUG": "false",
        "SECRET_KEY": "compose-healthcheck-test-" + "x" * 50,
        "ALLOWED_HOSTS": PRODUCTION_HOST,
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prometheus"),
        "PATH": f"{Path(sys.executable).parent}:{os.environ.get('PATH', '')}",
        **extra,
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _run(command: list[str], env: dict[str, str], timeout: float = 60) -> int:
    return subprocess.run(command, env=env, cwd=ROOT, timeout=timeout, check=False).returncode


def _wait(predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise TimeoutError("the process did not come up")


def _answers(url: str, host: str | None = None) -> int | None:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def _metrics_text(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as r:
        return r.read().decode()


class _Process:
    def __init__(self, command: list[str], env: dict[str, str], log: Path):
        self.log = log.open("w")
        self.process = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def test_compose_file_follows_the_compose_specification():
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.compose-spec", str(COMPOSE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ci = (ROOT / ".ci" / "run").read_text()
    assert "check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml" in ci


def test_every_long_running_service_has_a_healthcheck():
    services = _compose()["services"]
    assert {name for name, s in services.items() if "healthcheck" in s} == {
        "db",
        "redis",
        "web",
        "worker",
        "beat",
    }
    assert services["migrate"]["restart"] == "no"  # one-shot: its exit status is its health


def test_web_healthcheck_passes_under_production_settings(tmp_path):
    port = _free_port()
    env = _production_env(tmp_path, PORT=str(port), WEB_CONCURRENCY="2")
    command = _command("web")
    assert command[:2] == ["gunicorn", "portal.wsgi:application"]
    gunicorn = [str(Path(sys.executable).parent / "gunicorn"), *command[1:]]
    server = _Process(gunicorn, env, tmp_path / "gunicorn.log")
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(lambda: _answers(f"{base}/healthz") == 200)
        assert _run(_healthcheck("web"), env) == 0
        # Production settings are in force: an ordinary page refuses the container's Host ...
        assert [_answers(f"{base}/accounts/login/") for _ in range(4)] == [400] * 4
        # ... and redirects the right Host to HTTPS, while readiness answers over plain HTTP.
        assert _answers(f"{base}/readyz", host=PRODUCTION_HOST) == 200
        # Every gunicorn worker's request samples are added up (multiprocess mode); the health
        # answers come before the metrics middleware and are not counted.
        with urllib.request.urlopen(f"{base}/metrics", timeout=30) as response:  # noqa: S310
            text = response.read().decode()
        assert "django_http_requests_latency_including_middlewares_seconds_count 4.0" in text
        assert any((tmp_path / "prometheus").glob("*.db"))
    finally:
        server.stop()
    # The check fails once the server is gone (it does test something).
    assert _run(_healthcheck("web"), env) != 0


@pytest.mark.skipif(shutil.which("pg_isready") is None, reason="needs pg_isready")
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="needs PostgreSQL"
)
def test_db_healthcheck_command_runs(tmp_path):
    assert _run(_healthcheck("db"), dict(os.environ)) == 0


@pytest.mark.skipif(shutil.which("redis-cli") is None, reason="needs redis-cli")
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_redis_healthcheck_command_runs():
    assert _run(_healthcheck("redis"), dict(os.environ)) == 0


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
def test_worker_healthcheck_and_metrics_under_production_settings(tmp_path):
    metrics_port = _free_port()
    node = f"healthcheck-{os.getpid()}"
    env = _production_env(
        tmp_path,
        REDIS_URL=os.environ["REDIS_URL"],
        WORKER_METRICS_PORT=str(metrics_port),
        WORKER_METRICS_ADDR="127.0.0.1",
        HOSTNAME=node,  # what the container sets; the worker's node name is celery@<hostname>
    )
    command = _command("worker")
    worker = _Process(
        [sys.executable, "-m", *command, "-n", f"celery@{node}", "--without-gossip"],
        env,
        tmp_path / "worker.log",
    )
    try:
        _wait(lambda: _answers(f"http://127.0.0.1:{metrics_port}/") == 200, timeout=90)
        _wait(lambda: _run(_healthcheck("worker"), env) == 0, timeout=90)
        # A task run in a prefork child shows in the main process's metrics (multiprocess).
        from celery import Celery

        # not set as current: tasks of this process (portal's app) must not bind to it
        with Celery(broker=os.environ["REDIS_URL"], set_as_current=False) as sender:
            sender.send_task("portal.ping", args=[1], ignore_result=True)
        sent = 'portal_task_duration_seconds_count{outcome="success",task="portal.ping"}'
        _wait(lambda: sent in _metrics_text(metrics_port), timeout=60)
        assert "portal_broker_queue_length" in _metrics_text(metrics_port)
    finally:
        worker.stop()


def test_beat_healthcheck_follows_the_schedule_file(tmp_path):
    schedule = tmp_path / "celerybeat-schedule"
    env = _production_env(tmp_path)
    command = _command("beat")
    assert "/app/var/celerybeat-schedule" in command
    command = [c.replace("/app/var/celerybeat-schedule", str(schedule)) for c in command]
    check = [c.replace("/app/var/celerybeat-schedule", str(schedule)) for c in _healthcheck("beat")]
    assert _run(check, env) != 0  # no schedule file yet: not healthy
    beat = _Process([sys.executable, "-m", *command], env, tmp_path / "beat.log")
    try:
        _wait(lambda: any(tmp_path.glob("celerybeat-schedule*")), timeout=90)
        time.sleep(1)
        assert _run(check, env) == 0
    finally:
        beat.stop()
    stale = time.time() - 3600
    for f in tmp_path.glob("celerybeat-schedule*"):
        os.utime(f, (stale, stale))
    assert _run(check, env) != 0  # a beat that stopped writing is unhealthy
