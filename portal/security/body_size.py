"""Refuse an oversized request body from its Content-Length, before any of it is read.

Django caps form and JSON bodies (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams a multipart body of
any size to temporary files before a view can look at the upload. This middleware runs first
and answers 413 when the declared length is above the cap, so nothing is read or stored.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.translation import gettext as _


def body_limit(content_type: str) -> int | None:
    """The largest body accepted: uploads (multipart) up to REQUEST_MAX_BYTES, else the form cap."""
    if content_type.startswith("multipart/"):
        return settings.REQUEST_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def declared_length(meta) -> int:
    try:
        return int(meta.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads no body for an unparseable length either


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = body_limit(request.META.get("CONTENT_TYPE", ""))
        if limit is not None and declared_length(request.META) > limit:
            return too_large(request, limit)
        return self.get_response(request)


def too_large(request, limit: int) -> HttpResponse:
    message = _("The request is too large: at most %(size)s MiB can be sent at once.") % {
        "size": round(limit / (1024 * 1024), 1)
    }
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
