"""Keeping the audit log (GB/T 22239-2019 8.1.4.3 c; the Cybersecurity Law §21: six months).

AUDIT_RETENTION_DAYS (at least 180, a system check refuses less) is how long records are kept.
`audit_log_purge` deletes only older records, through the one path the append-only rules leave
open: raw SQL in a transaction that, on PostgreSQL, sets `portal.audit_purge` so the trigger of
migration 0003 lets it delete rows older than 180 days and nothing else. The purge is itself
recorded.
"""

import datetime as dt

from django.conf import settings
from django.core import checks
from django.db import connection, transaction
from django.utils import timezone

from portal.audit import audit_record

MIN_RETENTION_DAYS = 180


def retention_days() -> int:
    return int(getattr(settings, "AUDIT_RETENTION_DAYS", MIN_RETENTION_DAYS))


def check_audit_retention(app_configs=None, **kwargs):
    if retention_days() < MIN_RETENTION_DAYS:
        return [
            checks.Error(
                f"AUDIT_RETENTION_DAYS is {retention_days()}: the audit log must be kept at "
                f"least {MIN_RETENTION_DAYS} days (Cybersecurity Law §21, GB/T 22239-2019 8.1.4.3).",
                hint=f"Set AUDIT_RETENTION_DAYS to {MIN_RETENTION_DAYS} or more.",
                id="portal.E101",
            )
        ]
    return []


@transaction.atomic
def audit_log_purge(*, now: dt.datetime | None = None) -> int:
    """Delete the audit records older than the retention period; returns how many."""
    days = max(retention_days(), MIN_RETENTION_DAYS)  # never less, even if the check is ignored
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL portal.audit_purge = 'on'")
        cursor.execute("DELETE FROM portal_auditlog WHERE created_at < %s", [cutoff])
        deleted = cursor.rowcount
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL portal.audit_purge = 'off'")
    audit_record(
        actor=None,
        action="audit.purge",
        object_type="portal.auditlog",
        summary=f"{deleted} records before {cutoff:%Y-%m-%d %H:%M} ({days} days)",
    )
    return deleted


def register() -> None:
    """The retention system check (PortalConfig.ready())."""
    checks.register(check_audit_retention, checks.Tags.security)
