"""A form sent after the session ended: back to the form after signing in, with what was typed.

A POST that reaches a page behind the login after the session ended (idle time-out, the 8-hour
limit, a signed-out tab) is answered by the login redirect. Left alone it carries the POST-only
URL as `next` (…/forms/12/submit/), so signing in again ends on a blank 405 and the typed
values are gone. Here such a redirect is rewritten:

- `next` becomes the page the form was on (the request's same-site Referer), never the URL the
  form posted to; without a usable Referer the login goes to the home page;
- the posted fields (no CSRF token, password or file) are kept in the session, for the user who
  was signed in when the session ended; when that user opens the page again the fields are
  filled in again (`resubmit` in the page context, static/js/resubmit.js) and nothing is sent
  before they press the button themselves;
- "登录已过期，请重新提交" says what happened.

An htmx request gets `HX-Redirect` to the login page instead of the login form swapped into a
fragment. The API answers 401/403 as before (it never redirects).
"""

import json
import time
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

STASH = "security.expired_post"
# The user whose session ended in this request (set by SessionPolicyMiddleware before logout).
EXPIRED_USER_ATTR = "expired_user_pk"
# Why the session ended (sessions.SessionPolicyMiddleware), when it ended on a POST: said here
# in one message with "submit again" instead of two warnings on the sign-in page.
END_REASON_ATTR = "session_end_reason"
MAX_STASH_BYTES = 64 * 1024  # a larger form keeps the way back, not its values
STASH_SECONDS = 3600  # values older than this are not offered again
SKIPPED = ("csrfmiddlewaretoken", "password", "token", "otp", "secret")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _login_path() -> str:
    return urlsplit(resolve_url(settings.LOGIN_URL)).path


def _is_login_redirect(response) -> bool:
    if response.status_code not in (301, 302, 303, 307, 308):
        return False
    return urlsplit(response.get("Location", "")).path == _login_path()


def form_page_of(request) -> str:
    """The same-site page the form was sent from (path and query), or "" when unknown."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(referer)
    if parts.path == _login_path():
        return ""
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _kept_fields(request) -> dict[str, list[str]]:
    return {
        name: request.POST.getlist(name)
        for name in request.POST
        if not any(word in name.lower() for word in SKIPPED)
    }


def stash_post(request, page: str) -> None:
    """Keep what the form sent, for the page it came from and the user whose session ended."""
    stash = {
        "action": request.path,
        "page": page,
        "user": getattr(request, EXPIRED_USER_ATTR, None),
        "at": time.time(),
        "data": _kept_fields(request),
    }
    if len(json.dumps(stash, ensure_ascii=False).encode()) > MAX_STASH_BYTES:
        stash["data"] = {}
    request.session[STASH] = stash


class ExpiredPostMiddleware:
    """After the session middlewares: rewrites the login redirect of an unsigned POST."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in SAFE_METHODS
            or request.path_info.startswith("/api/")
            or request.user.is_authenticated
            or not _is_login_redirect(response)
        ):
            return response
        page = form_page_of(request)
        stash_post(request, page)
        reason = getattr(request, END_REASON_ATTR, None)
        if reason:
            messages.warning(request, reason + _("Then submit the form again."))
        else:
            messages.warning(request, _("Your sign-in has expired; please submit again."))
        setattr(request, END_REASON_ATTR, None)
        target = _login_path()
        if page:
            target += "?" + urlencode({REDIRECT_FIELD_NAME: page})
        if getattr(request, "htmx", False):
            answer = HttpResponse(status=200)
            answer["HX-Redirect"] = target
            return answer
        return HttpResponseRedirect(target)


def stashed_page_for(request, url: str, *, explicit: bool = True) -> str:
    """Where to go after signing in: never the POST-only URL a stash was sent to; the stash's
    page too when the login was not asked to go anywhere (`explicit` False)."""
    stash = request.session.get(STASH)
    if not stash or not stash.get("page"):
        return url
    if not explicit or urlsplit(url).path == stash.get("action"):
        return stash["page"]
    return url


def resubmit(request) -> dict:
    """Context processor: the values to fill in again on the page they were typed on, once."""
    session = getattr(request, "session", None)
    if session is None or STASH not in session or getattr(request, "htmx", False):
        return {}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or request.method != "GET":
        return {}
    stash = session[STASH]
    if urlsplit(stash.get("page") or "").path != request.path:
        return {}
    del session[STASH]
    fresh = time.time() - float(stash.get("at") or 0) < STASH_SECONDS
    if not fresh or stash.get("user") != user.pk or not stash.get("data"):
        return {}
    return {"resubmit": {"action": stash["action"], "data": stash["data"]}}
