"""Celery adapters of the kernel's own chores (the document jobs' are portal/jobs/tasks.py)."""

from celery import shared_task

from .security import mail
from .security.retention import audit_log_purge


@shared_task(name="portal.audit_purge")
def audit_purge() -> int:
    """Daily (beat): audit records past AUDIT_RETENTION_DAYS go; safe to run twice."""
    return audit_log_purge()


@shared_task(name="portal.invitations_send")
def invitations_send(invitation_ids: list[int]) -> int:
    """The invitation e-mails of a request (one task for a bulk invite); safe to run twice."""
    return mail.invitations_send(invitation_ids)


@shared_task(name="portal.password_reset_send")
def password_reset_send(user_id: int) -> int:
    """A "忘记密码" e-mail, made in the worker so the request never waits for the mail server."""
    return mail.password_reset_send(user_id)
