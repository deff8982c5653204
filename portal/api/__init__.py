"""API plumbing shared by every app: the router, the exception handler, base viewsets."""

from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from portal.errors import DomainError
from portal.params import BadParameter


def exception_handler(exc, context):
    """Map domain errors to the same HTTP codes the pages use."""
    if isinstance(exc, DomainError):
        body: dict[str, object] = {"detail": str(exc.message)}
        if exc.field:
            body["field"] = exc.field
        if exc.items:
            body["items"] = exc.items
        if isinstance(exc, BadParameter):
            body["parameter"] = exc.parameter  # which query parameter, and `detail` says why
        return Response(body, status=exc.status_code)
    if isinstance(exc, ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
