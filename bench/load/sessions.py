"""Signed-in sessions for the bench's HTTP clients, stored like a real sign-in would."""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils.crypto import get_random_string

BACKEND = "portal.security.backends.TenantModelBackend"
CSRF_SECRET = get_random_string(32)  # the cookie and the X-CSRFToken header carry it


def _data(user) -> dict:
    return {
        SESSION_KEY: str(user.pk),
        BACKEND_SESSION_KEY: BACKEND,
        HASH_SESSION_KEY: user.get_session_auth_hash(),
    }


def session_for(user) -> str:
    """The key of a new session signed in as `user`."""
    store = SessionStore()
    store.update(_data(user))
    store.create()
    return store.session_key


def sessions_for(users) -> list[str]:
    """One new session per user, written in one statement."""
    store = SessionStore()
    expiry = store.get_expiry_date()
    rows = [
        Session(
            session_key=get_random_string(32),
            session_data=store.encode(_data(user)),
            expire_date=expiry,
        )
        for user in users
    ]
    Session.objects.bulk_create(rows)
    return [row.session_key for row in rows]


def cookie(session_key: str) -> str:
    return f"sessionid={session_key}; csrftoken={CSRF_SECRET}"
