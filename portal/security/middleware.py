"""Sends a session that still owes its second factor to the verification or set-up page."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .two_factor import SESSION_KEY, SETUP

# Pages a half-signed-in user may still open: the second-factor pages, sign-out, language,
# health, and the user manuals (they explain the second factor).
EXEMPT_VIEWS = {
    "otp-verify",
    "otp-setup",
    "logout",
    "login",
    "set_language",
    "healthz",
    "help-index",
    "help-page",
}


class TwoFactorMiddleware:
    """After OTPMiddleware: until the session has passed its second factor, nothing else opens.

    The session flag is set at login (see `two_factor.on_user_logged_in`), so a user who owes
    nothing costs this middleware no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        state = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if not state or not request.user.is_authenticated or request.user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Complete two-factor sign-in in the browser first.")}, status=403
            )
        target = reverse("otp-setup" if state == SETUP else "otp-verify")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
