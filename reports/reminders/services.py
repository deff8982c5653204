"""Reminder services: the daily run of deadline reminders."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import Campaign
from reports.dashboard.selectors.links import list_url

from .delivery import reminders_deliver
from .plan import Reminder, reminders_due


def reminder_links() -> dict[str, str]:
    """Where a reminder sends its reader (pages of other apps, when they are installed)."""
    return {
        "forms": list_url("provinces:submission-list") or reverse("reports:dashboard"),
        "tasks": list_url("enterprises:task-list") or reverse("home"),
    }


def reminders_send(*, today: dt.date | None = None) -> list[Reminder]:
    """The daily job: every deadline reminder due today that was not sent before.

    Notice 121号 sets the deadlines; Campaign.reminder_days says how many working days
    before each one organizers (and, for reports, agencies) are reminded. Safe to run twice.
    """
    today = today or timezone.localdate()
    campaigns = Campaign.objects.filter(year__in=[today.year - 1, today.year, today.year + 1])
    with translation.override(settings.LANGUAGE_CODE):
        links = reminder_links()
        reminders = [r for c in campaigns for r in reminders_due(c, today, links)]
    return reminders_deliver(reminders)
