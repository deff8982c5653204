"""Idle sessions end: 30 minutes for ministry staff, 120 for everyone else (settings), besides
the 8-hour limit after sign-in that activity does not extend."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

START = dt.datetime(2021, 6, 1, 9, tzinfo=dt.UTC)


def _at(minutes: float):
    return time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False)


def _signed_in(client) -> bool:
    return client.get(reverse("notices")).status_code == 200


@pytest.mark.parametrize(("who", "limit"), [("ministry_user", 30), ("organizer_user", 120)])
def test_idle_session_ends_after_the_limit(client, password_login, request, who, limit):
    user = request.getfixturevalue(who)
    with _at(0):
        password_login(client, user)
    with _at(limit - 1):
        assert _signed_in(client)  # activity restarts the idle clock
    with _at(2 * limit - 2):
        assert _signed_in(client)
    with _at(3 * limit):
        response = client.get(reverse("notices"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_idle_session_ends_for_the_session_api_too(client, ministry_user, password_login):
    with _at(0):
        password_login(client, ministry_user)
    with _at(31):
        assert client.get("/api/v1/submissions/").status_code in (401, 403)


def test_idle_limit_is_configurable(client, ministry_user, password_login, settings):
    settings.SESSION_IDLE_MINUTES_STAFF = 10
    with _at(0):
        password_login(client, ministry_user)
    with _at(11):
        assert not _signed_in(client)


def test_activity_does_not_extend_the_eight_hour_limit(client, organizer_user, password_login):
    """A request every 100 minutes keeps the session alive, but not past 8 hours."""
    with _at(0):
        password_login(client, organizer_user)
    for minutes in range(100, 480, 100):
        with _at(minutes):
            assert _signed_in(client)
    with _at(481):
        assert not _signed_in(client)
