"""The 400 answer for pages: a friendly page saying what was wrong with the request."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .params import BadParameter


def bad_request(request, exception=None):
    """handler400: a bad query parameter (portal.params) or another malformed request."""
    if isinstance(exception, BadParameter):
        message, parameter = str(exception.message), exception.parameter
    else:
        message, parameter = _("The request could not be understood."), None
    if request.path.startswith("/api/"):
        body = {"detail": message}
        if parameter:
            body["parameter"] = body["field"] = parameter
        return JsonResponse(body, status=400)
    return render(request, "400.html", {"message": message, "parameter": parameter}, status=400)
