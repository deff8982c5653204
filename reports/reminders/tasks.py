"""Celery adapters of the reminders: an id (or nothing) in, a service call, safe to run twice."""

from celery import shared_task

from .services import reminders_send, submission_returned_notify


@shared_task(name="reports.send_reminders", acks_late=True)
def send_reminders() -> int:
    """Run daily by Celery beat (08:00 Asia/Shanghai); returns how many reminders went out."""
    return len(reminders_send())


@shared_task(
    name="reports.notify_submission_returned",
    acks_late=True,
    autoretry_for=(ConnectionError, TimeoutError),
    retry_backoff=5,
    max_retries=3,
)
def notify_submission_returned(event_id: int) -> int:
    return len(submission_returned_notify(event_id=event_id))
