"""Settings come from the environment; with none, the embedded default."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), 'eager': settings.CELERY_TASK_ALWAYS_EAGER, "
    "'broker': settings.CELERY_BROKER_URL, 'email': settings.EMAIL_BACKEND, "
    "'media': str(settings.MEDIA_ROOT), 'debug': settings.DEBUG, 'tz': settings.TIME_ZONE, "
    "'lang': settings.LANGUAGE_CODE, 'hosts': settings.ALLOWED_HOSTS, "
    "'ssl': getattr(settings, 'SECURE_SSL_REDIRECT', False), "
    "'acks_late': settings.CELERY_TASK_ACKS_LATE, "
    "'visibility': settings.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], "
    "'hard_limit': settings.CELERY_TASK_TIME_LIMIT}))"
)
CLEAN_KEYS = {
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "MEDIA_ROOT",
    "EMAIL_BACKEND",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def _settings(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in CLEAN_KEYS}
    clean.update(env, DJANGO_SETTINGS_MODULE="portal.settings.base")
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def test_embedded_default_without_environment():
    """No environment but DEBUG=true (as `make run`): SQLite under var/, eager Celery, console
    e-mail, media under var/ (without DEBUG a SECRET_KEY is required: test_settings_guards)."""
    s = _settings(DEBUG="true")
    assert s["engine"].endswith("sqlite3") and s["name"].endswith("var/portal.sqlite3")
    assert s["eager"] is True and s["broker"] == "memory://"
    assert s["email"].endswith("console.EmailBackend")
    assert s["media"].endswith("var/media")
    assert (s["tz"], s["lang"]) == ("Asia/Shanghai", "zh-hans")


def test_production_values_from_environment():
    """DATABASE_URL, REDIS_URL, ALLOWED_HOSTS and MEDIA_ROOT are read; Celery goes to Redis."""
    s = _settings(
        DATABASE_URL="postgres://portal:pw@db:5432/portal",
        REDIS_URL="redis://redis:6379/0",
        ALLOWED_HOSTS="portal.example.cn",
        MEDIA_ROOT="/srv/media",
        SECRET_KEY="x" * 50,
        DEBUG="false",
    )
    assert s["engine"] == "django.db.backends.postgresql" and s["name"] == "portal"
    assert s["eager"] is False and s["broker"] == "redis://redis:6379/0"
    assert s["hosts"] == ["portal.example.cn"] and s["media"] == "/srv/media"
    assert s["ssl"] is True and s["debug"] is False


def test_celery_reliability_settings():
    """Late acks, and a visibility timeout longer than the hard time limit."""
    s = _settings(REDIS_URL="redis://redis:6379/0", DEBUG="true")
    assert s["acks_late"] is True
    assert s["visibility"] > s["hard_limit"]


def test_check_deploy_is_clean_with_debug_off():
    """`manage.py check --deploy` reports no warning with production-like environment."""
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_KEYS}
    env.update(
        DEBUG="false",
        SECRET_KEY="k" * 20 + "-Prod-Secret-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="portal.example.cn",
        DJANGO_SETTINGS_MODULE="portal.settings.base",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr + result.stdout
