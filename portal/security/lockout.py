"""The page shown when django-axes blocks a user name from one address (AXES_LOCKOUT_CALLABLE)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .login_attempts import cooloff_minutes


def lockout_response(request, original_response=None, credentials=None):
    """429 with a plain explanation; JSON for API and script clients."""
    minutes = cooloff_minutes(request)
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    wants_json = request.path_info.startswith("/api/") or (
        request.headers.get("x-requested-with") == "XMLHttpRequest"
    )
    if wants_json:
        return JsonResponse(
            {
                "detail": _("Too many failed sign-in attempts. Try again later."),
                "retry_after_minutes": minutes,
            },
            status=status,
        )
    return render(
        request, "portal/security_locked_out.html", {"cooloff_minutes": minutes}, status=status
    )
