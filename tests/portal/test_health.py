"""/healthz and /readyz: answered before host validation, readiness names what fails."""

import pytest
from django.test import override_settings

from portal import health

PRODUCTION = {
    "ALLOWED_HOSTS": ["portal.example.gov.cn"],
    "SECURE_SSL_REDIRECT": True,
}


@override_settings(**PRODUCTION)
def test_healthz_answers_any_host_without_redirect(client):
    response = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response


@override_settings(**PRODUCTION)
def test_other_pages_still_refuse_an_unknown_host(client):
    assert client.get("/accounts/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400


@pytest.mark.django_db
def test_readyz_checks_database_broker_and_storage(client, settings, tmp_path):
    # all through the settings fixture: mixed with @override_settings, the fixture's teardown
    # would restore the decorator's settings (a production ALLOWED_HOSTS) for every later test
    for name, value in PRODUCTION.items():
        setattr(settings, name, value)
    settings.MEDIA_ROOT = tmp_path
    response = client.get("/readyz", HTTP_HOST="10.0.0.5")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "ok", "storage": "ok"},
    }
    # the storage probe leaves nothing behind
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


@pytest.mark.django_db
def test_readyz_is_503_and_names_the_failing_part(client, monkeypatch):
    def broken() -> None:
        raise ConnectionRefusedError("redis down")

    monkeypatch.setitem(health.CHECKS, "broker", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {
        "database": "ok",
        "broker": "ConnectionRefusedError",
        "storage": "ok",
    }


@pytest.mark.django_db
def test_readyz_reaches_a_real_broker_when_there_is_one(settings):
    import os

    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL")
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = os.environ["REDIS_URL"]
    from portal.celery import app

    original, app.conf.broker_url = app.conf.broker_url, os.environ["REDIS_URL"]
    try:
        health.check_broker()  # raises when Redis does not answer
    finally:
        app.conf.broker_url = original


def test_readyz_fails_for_an_unreachable_broker(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from portal.celery import app

    original, app.conf.broker_url = app.conf.broker_url, settings.CELERY_BROKER_URL
    try:
        with pytest.raises(Exception):  # noqa: B017, PT011 (kombu's OperationalError or OSError)
            health.check_broker()
    finally:
        app.conf.broker_url = original


def test_post_is_not_answered_by_the_middleware(client):
    # the health answers are GET/HEAD only; a POST goes through the normal stack (CSRF etc.)
    response = client.post("/metrics", HTTP_HOST="evil.example")
    assert response.status_code == 400
