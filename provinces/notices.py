"""Who hears of a submission's move (SPEC §10 notices): the ministry of a hand-in, the organizer
of the ministry's decision. Connected to `services.AFTER_MOVE` by ProvincesConfig.ready."""

import logging

from django.urls import reverse
from django.utils.translation import gettext as _

from portal.notifications.kinds import NoticeKind
from portal.notifications.recipients import users_of
from portal.notifications.service import notify, site_language

from .choices import Form
from .models import Submission, SubmissionEvent
from .services import AFTER_MOVE

log = logging.getLogger(__name__)

KINDS = {
    "submit": NoticeKind.SUBMISSION_SUBMITTED,
    "return": NoticeKind.SUBMISSION_RETURNED,
    "approve": NoticeKind.SUBMISSION_APPROVED,
    "reopen": NoticeKind.SUBMISSION_REOPENED,
}


def _words(submission: Submission, event: SubmissionEvent) -> tuple[str, str]:
    values = {
        "organizer": submission.organizer.name,
        "form": Form(submission.form).label,
        "year": submission.campaign.year,
        "comment": event.comment or "—",
    }
    if event.action == "submit":
        title = _("%(organizer)s submitted %(form)s (%(year)s)") % values
        body = _("It waits for your review.")
        if submission.is_late:
            body += " " + _("It was submitted after the deadline and is marked late.")
        return title, body
    if event.action == "return":
        title = _("The ministry returned %(form)s (%(year)s)") % values
        body = _("Comment: %(comment)s\nPlease revise and submit it again.") % values
        return title, body
    if event.action == "reopen":
        title = _("The ministry reopened %(form)s (%(year)s)") % values
        body = _("Comment: %(comment)s\nIt can be changed and submitted again.") % values
        return title, body
    return _("The ministry approved %(form)s (%(year)s)") % values, ""


def submission_move_notify(*, event_id: int) -> list:
    """The notices of one submission event, once per recipient."""
    event = SubmissionEvent.objects.select_related(
        "submission__organizer", "submission__campaign"
    ).get(pk=event_id)
    kind = KINDS.get(event.action)
    if kind is None:
        return []
    submission = event.submission
    if event.action == "submit":
        recipients = users_of(ministry=True)
    else:
        recipients = users_of(organizer_ids=[submission.organizer_id])
    with site_language():
        title, body = _words(submission, event)
        url = reverse("provinces:submission-detail", args=[submission.pk])
    return notify(
        kind=kind,
        event_key=f"submission-event-{event.pk}",
        recipients=recipients,
        title=title,
        body=body,
        url=url,
    )


def on_submission_move(submission: Submission, event: SubmissionEvent) -> None:
    """After a move commits; a failure is logged, the committed move stands."""
    try:
        submission_move_notify(event_id=event.pk)
    except Exception:
        log.exception("The notices of submission event %s could not be written", event.pk)


def connect() -> None:
    if on_submission_move not in AFTER_MOVE:
        AFTER_MOVE.append(on_submission_move)
