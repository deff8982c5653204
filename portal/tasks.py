"""Celery adapters of the kernel's own chores (the document jobs' are portal/jobs/tasks.py)."""

from celery import shared_task

from .security.retention import audit_log_purge


@shared_task(name="portal.audit_purge")
def audit_purge() -> int:
    """Daily (beat): audit records past AUDIT_RETENTION_DAYS go; safe to run twice."""
    return audit_log_purge()
