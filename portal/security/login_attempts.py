"""What the sign-in page tells about django-axes: failures left before a lockout, its length."""

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings


def login_attempts_left(request, username: str) -> int | None:
    """The failures still allowed for `username` from the request's address; None when not counted.

    Read after a failed attempt was recorded, so the number already counts that attempt. Axes
    counts any user name, existing or not, so the answer reveals nothing about accounts.
    """
    username = (username or "").strip()
    if not settings.AXES_ENABLED or not username:
        return None
    credentials = {"username": username}
    failures = AxesProxyHandler.get_failures(request, credentials)
    return max(0, get_failure_limit(request, credentials) - failures)


def cooloff_minutes(request) -> int | None:
    """How long a lockout lasts, in whole minutes (at least one); None when it lasts until reset."""
    cool_off = get_cool_off(request)
    return max(1, round(cool_off.total_seconds() / 60)) if cool_off else None
