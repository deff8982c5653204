"""Writes the audit log: one row per state change, import, export and download."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models

from .models import AuditLog
from .scoping import ALL, RULES
from .security.client_ip import client_ip


def _organizer_of(obj: models.Model | None) -> int | None:
    """The organizer that owns `obj`, following the model's scoping rule (to-one paths only)."""
    if obj is None:
        return None
    organizer_id = getattr(obj, "organizer_id", None)
    if organizer_id is not None:
        return organizer_id
    rule = RULES.get(type(obj))
    path = rule.organizer if rule is not None else None
    if not path or path == ALL:
        return None
    value: Any = obj
    for part in path.split("__"):
        try:
            value = getattr(value, part, None)
        except ObjectDoesNotExist:
            return None
        if value is None or isinstance(value, models.Manager):
            return None  # an empty or to-many path names no single organizer
    return value if isinstance(value, int) else getattr(value, "pk", None)


def _audit_row(*, actor, action, obj, organizer, summary, request, object_type) -> AuditLog:
    organizer_id = getattr(organizer, "pk", organizer)
    if organizer_id is None:
        organizer_id = _organizer_of(obj)
    if organizer_id is None and actor is not None:
        organizer_id = getattr(actor, "organizer_id", None)
    if request is not None:
        # AuditResponseMiddleware records a download only if the view did not (the Django
        # request under a DRF one).
        getattr(request, "_request", request).audit_recorded = True
    return AuditLog(
        actor=actor if getattr(actor, "pk", None) else None,
        organizer_id=organizer_id,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=str(obj.pk) if obj is not None else "",
        summary=str(summary)[:300],
        ip_address=client_ip(request),
    )


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    organizer=None,
    summary: str = "",
    request=None,
    object_type: str = "",
) -> AuditLog:
    row = _audit_row(
        actor=actor,
        action=action,
        obj=obj,
        organizer=organizer,
        summary=summary,
        request=request,
        object_type=object_type,
    )
    row.save()
    return row


def audit_record_many(
    *, actor, action: str, items: list[tuple[models.Model, str]], organizer=None, request=None
) -> list[AuditLog]:
    """One record per (object, summary) in one INSERT: a bulk change costs no query per row."""
    rows = [
        _audit_row(
            actor=actor,
            action=action,
            obj=obj,
            organizer=organizer,
            summary=summary,
            request=request,
            object_type="",
        )
        for obj, summary in items
    ]
    return AuditLog.objects.bulk_create(rows)
