"""Production refuses to start insecurely: with DEBUG off, a missing, public or short SECRET_KEY
stops every process that loads the settings — manage.py, gunicorn, Celery (issue 11, item 7)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"
GOOD_KEY = "Prod-Secret-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ"
PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def _env(**values) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.base", **values)
    return env


def _run(command: list[str], timeout: int = 60, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, cwd=ROOT, env=_env(**env), capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.parametrize("key", [None, DEV_KEY, "change-me-to-a-long-random-string", "short"])
def test_settings_refuse_a_missing_or_public_key_with_debug_off(key):
    """Loading the settings fails with ImproperlyConfigured naming SECRET_KEY."""
    env = {"DEBUG": "false"} if key is None else {"DEBUG": "false", "SECRET_KEY": key}
    result = _run([sys.executable, "-c", PROBE], **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


def test_debug_off_is_the_default_and_refuses_too():
    """No DEBUG at all means production: still refused without a key."""
    result = _run([sys.executable, "-c", PROBE])
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_development_starts_without_a_key():
    """DEBUG=true (as `make run` sets) starts on the development key."""
    result = _run([sys.executable, "-c", PROBE], DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_starts_with_a_real_key():
    result = _run([sys.executable, "-c", PROBE], DEBUG="false", SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stderr


def test_manage_py_check_deploy_refuses():
    """`check --deploy` no longer passes silently on the development key."""
    result = _run([sys.executable, "manage.py", "check", "--deploy"], DEBUG="false")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_gunicorn_refuses_to_load_the_app():
    """gunicorn loads the WSGI application (as at start) and stops with the reason."""
    result = _run(
        [sys.executable, "-m", "gunicorn", "--check-config", "portal.wsgi:application"],
        DEBUG="false",
        SECRET_KEY=DEV_KEY,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout


def test_gunicorn_loads_the_app_with_a_real_key():
    result = _run(
        [sys.executable, "-m", "gunicorn", "--check-config", "portal.wsgi:application"],
        DEBUG="false",
        SECRET_KEY=GOOD_KEY,
    )
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("program", ["worker", "beat"])
def test_celery_refuses_to_start(program):
    """A Celery worker or beat exits at start-up instead of running on a public key."""
    result = _run(
        [sys.executable, "-m", "celery", "-A", "portal", program, "-l", "warning"],
        timeout=90,
        DEBUG="false",
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr + result.stdout


def _bare_env(**values) -> dict:
    """A shell's minimal environment (as a tool or an operator starts manage.py) plus `values`."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(ROOT), **values}


def test_manage_py_in_a_checkout_is_development():
    """No DJANGO_SETTINGS_MODULE, no DEBUG: a developer's (or a tool's) manage.py call works."""
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=_bare_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_manage_py_of_a_deployment_names_the_key_not_the_app_registry():
    """A deployment (DJANGO_SETTINGS_MODULE set) without a key reads the settings' own reason."""
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check"],
        cwd=ROOT,
        env=_bare_env(DJANGO_SETTINGS_MODULE="portal.settings.base", DEBUG="false"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "AppRegistryNotReady" not in result.stderr
