"""Reminder services: the daily run, and the notice when the ministry returns a submission."""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from portal.choices import Role
from portal.models import Campaign, User
from provinces.choices import Form
from provinces.models import SubmissionEvent
from reports.dashboard.selectors.links import list_url, submission_url_maker

from .delivery import reminders_deliver
from .messages import returned_message
from .plan import Reminder, reminders_due
from .stages import RETURNED

RETURN_MOVES = {"return", "reopen"}


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


def submission_returned_notify(*, event_id: int) -> list[Reminder]:
    """Tell the organizer's staff that the ministry returned (or reopened) a submission."""
    event = SubmissionEvent.objects.select_related("submission").get(pk=event_id)
    submission = event.submission
    if event.action not in RETURN_MOVES:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        title, body = returned_message(str(Form(submission.form).label), event.comment)
    url = submission_url_maker()(submission.pk) or reminder_links()["forms"]
    staff = User.objects.filter(
        role=Role.ORGANIZER, organizer_id=submission.organizer_id, is_active=True
    )
    return reminders_deliver(
        Reminder(
            user.pk,
            user.email,
            submission.campaign_id,
            f"form{submission.form}",
            RETURNED,
            title,
            body,
            url,
            object_key=f"event-{event.pk}",
        )
        for user in staff
    )
