"""Celery adapters of the reminders: an id (or nothing) in, a service call, safe to run twice."""

from celery import shared_task

from .services import reminders_send


@shared_task(name="reports.send_reminders", acks_late=True)
def send_reminders() -> int:
    """Run daily by Celery beat (08:00 Asia/Shanghai); returns how many reminders went out."""
    return len(reminders_send())
