"""The demo's notices carry the time of the move they tell of, not the day of seeding: a form's
submission or decision, a list's publication, the 2021 reminders of 24 May. Notices of an
earlier year than the live one were read the next day, so nobody's bell rings for 2021 today.
"""

import datetime as dt
import re

from demo.seed.base import SHANGHAI
from enterprises.models import PublishedList
from portal.models import Campaign, Notice
from provinces.models import SubmissionEvent

REMINDERS_SENT = {2021: dt.datetime(2021, 5, 24, 9, tzinfo=SHANGHAI)}  # demo/seed/dashboard.py


def _moments() -> dict[str, dt.datetime]:
    """The time of each notice's event, by event key."""
    moments = {
        f"submission-event-{pk}": when
        for pk, when in SubmissionEvent.objects.values_list("pk", "created_at")
    }
    moments.update(
        (f"published-list-{pk}", when)
        for pk, when in PublishedList.objects.values_list("pk", "published_at")
    )
    return moments


def seed_notice_dates() -> None:
    """Date the notices by their events; mark those of earlier years read. Idempotent."""
    moments = _moments()
    campaigns = dict(Campaign.objects.values_list("pk", "year"))
    live_year = max(campaigns.values())
    for notice in Notice.objects.exclude(event_key="").only("event_key", "created_at", "read_at"):
        when = moments.get(notice.event_key)
        reminder = re.match(r"reminder:(\d+):", notice.event_key)
        if reminder:
            when = REMINDERS_SENT.get(campaigns.get(int(reminder.group(1)), 0))
        if when is None:
            continue
        read = when + dt.timedelta(days=1) if when.year < live_year else notice.read_at
        if (notice.created_at, notice.read_at) != (when, read):
            Notice.objects.filter(pk=notice.pk).update(
                created_at=when, read_at=read, delivered_at=when
            )
