"""Session policy (GB/T 22239-2019 8.1.4.1 a/b): idle time-out, absolute limit, old passwords.

- A signed-in session ends after SESSION_IDLE_MINUTES_STAFF (ministry staff, 30 by default) or
  SESSION_IDLE_MINUTES (everyone else, 120) without a request, and SESSION_COOKIE_AGE (8 hours)
  after sign-in whatever the activity. The time of the last request is written to the session
  at most once a minute, so ordinary requests add no database write.
- A user whose password is older than PASSWORD_MAX_AGE_DAYS is sent to the password change
  page (pages) or refused with 403 JSON (session API) until they change it.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.choices import Role

from .expired_post import END_REASON_ATTR, EXPIRED_USER_ATTR
from .passwords import SESSION_KEY as PASSWORD_EXPIRED
from .passwords import password_expired

SIGNED_IN_AT = "security.signed_in_at"
LAST_SEEN = "security.last_seen"
TOUCH_EVERY = 60  # seconds between writes of LAST_SEEN
# Pages a user with an expired password may still open.
PASSWORD_EXEMPT_VIEWS = {
    "password_change",
    "password_change_done",
    "logout",
    "login",
    "set_language",
    "healthz",
    "otp-verify",
    "otp-setup",
    "otp-recovery-codes",
}


def idle_limit_seconds(user) -> int:
    minutes = (
        settings.SESSION_IDLE_MINUTES_STAFF
        if user.role == Role.MINISTRY
        else settings.SESSION_IDLE_MINUTES
    )
    return int(minutes) * 60


def on_user_logged_in(request, user) -> None:
    """Start the clocks of a new session; note whether its password has expired."""
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now
    if password_expired(user):
        request.session[PASSWORD_EXPIRED] = True
    else:
        request.session.pop(PASSWORD_EXPIRED, None)


def _session_over(request, user) -> str | None:
    """Why the session ends now (a message), or None; refreshes the activity time."""
    session, now = request.session, time.time()
    last = session.setdefault(LAST_SEEN, now)
    started = session.setdefault(SIGNED_IN_AT, now)
    if now - started > settings.SESSION_COOKIE_AGE:
        return _("Your session ended: sessions last at most %(hours)d hours. Sign in again.") % {
            "hours": settings.SESSION_COOKIE_AGE // 3600
        }
    if now - last > idle_limit_seconds(user):
        return _(
            "Your session ended after %(minutes)d minutes without activity. Sign in again."
        ) % {"minutes": idle_limit_seconds(user) // 60}
    if now - last >= TOUCH_EVERY:
        session[LAST_SEEN] = now
    return None


class SessionPolicyMiddleware:
    """After MessageMiddleware: idle and absolute session limits, then the password's age."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            reason = _session_over(request, user)
            if reason:
                # Whose values a form sent now may offer again after signing in (expired_post).
                setattr(request, EXPIRED_USER_ATTR, user.pk)
                logout(request)
                if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
                    messages.warning(request, reason)
                else:  # the form's "submit again" says it with the reason (expired_post)
                    setattr(request, END_REASON_ATTR, reason)
        response = self.get_response(request)
        unsaid = getattr(request, END_REASON_ATTR, None)
        if unsaid:  # a POST that was not sent back to the sign-in (e.g. the API)
            messages.warning(request, unsaid)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.session.get(PASSWORD_EXPIRED) or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in PASSWORD_EXEMPT_VIEWS:
            return None
        if not password_expired(request.user):  # changed since sign-in
            request.session.pop(PASSWORD_EXPIRED, None)
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Your password has expired. Change it in the browser first.")},
                status=403,
            )
        messages.warning(request, _("Your password has expired. Choose a new one to continue."))
        target = reverse("password_change")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
