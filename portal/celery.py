"""The Celery app. Workers: `celery -A portal worker`; the scheduler: `celery -A portal beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="portal.ping")
def ping(value: int) -> int:
    """Round trip used by health checks and the integration test."""
    return value + 1
