"""Password rules and session security: cookie flags, expiry, production-only flags."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import User

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "password", ["Short-1", "password123", "2021061520210615", "hebei-staff-2021"]
)
def test_weak_passwords_are_refused(password):
    """Too short, common, all digits, or too like the user name: refused."""
    user = User(username="hebei-staff", email="hebei@example.cn", role="organizer")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_strong_password_is_accepted():
    """A long, uncommon password passes every validator."""
    validate_password("Tangshan-steel-audit-77", User(username="hebei-staff"))


def test_session_cookie_flags(client, organizer_user, password_login):
    """The session cookie is HttpOnly, SameSite=Lax and ends with the browser."""
    password_login(client, organizer_user)
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"]
    assert not cookie["expires"]


def test_session_expires_after_a_working_day(client, organizer_user, password_login):
    """Eight hours after sign-in the session is gone and pages ask to sign in again."""
    start = dt.datetime(2021, 6, 1, 9, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        password_login(client, organizer_user)
        assert client.get(reverse("notices")).status_code == 200
    with time_machine.travel(start + dt.timedelta(hours=8, minutes=1), tick=False):
        response = client.get(reverse("notices"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_signing_in_changes_the_session_key(client, organizer_user, password_login):
    """A session id planted before sign-in does not survive it."""
    client.get(reverse("login"))
    session = client.session
    session["planted"] = True
    session.save()
    before = session.session_key
    password_login(client, organizer_user)
    assert client.session.session_key != before


PROBE = (
    "import json, django; from django.conf import settings as s; django.setup(); "
    "print(json.dumps({k: getattr(s, k, None) for k in ['SESSION_COOKIE_SECURE', "
    "'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', "
    "'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS', 'SECURE_CONTENT_TYPE_NOSNIFF']}))"
)


def test_production_cookies_are_secure_only():
    """With DEBUG off (production), cookies are HTTPS-only and HSTS lasts a year."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(DEBUG="false", SECRET_KEY="p" * 60, DJANGO_SETTINGS_MODULE="portal.settings.base")
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    flags = json.loads(out.strip().splitlines()[-1])
    assert flags["SESSION_COOKIE_SECURE"] is True
    assert flags["CSRF_COOKIE_SECURE"] is True
    assert flags["SECURE_HSTS_SECONDS"] >= 31536000
    assert flags["SESSION_COOKIE_HTTPONLY"] is True
    assert flags["X_FRAME_OPTIONS"] == "DENY"
