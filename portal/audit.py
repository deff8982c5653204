"""Writes the audit log: one row per state change, import, export and download."""

from django.db import models

from .models import AuditLog


def _client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(*, actor, action: str, obj: models.Model | None = None, organizer=None,
                 summary: str = "", request=None, object_type: str = "") -> AuditLog:
    organizer_id = getattr(organizer, "pk", organizer)
    if organizer_id is None and obj is not None:
        organizer_id = getattr(obj, "organizer_id", None)
    if organizer_id is None and actor is not None:
        organizer_id = getattr(actor, "organizer_id", None)
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        organizer_id=organizer_id,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        summary=str(summary)[:300],
        ip_address=_client_ip(request),
    )
