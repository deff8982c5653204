"""Who hears of a diagnosis report's moves (SPEC §10 notices), once the move commits.

Submitted: the organizer (to accept it) and, while it has not given its feedback, the enterprise
(to confirm and rate the diagnosis). Returned: the agency. Accepted: the agency and the enterprise.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from enterprises.models import TaskEvent
from portal.notifications.kinds import NoticeKind
from portal.notifications.recipients import users_of
from portal.notifications.service import notify, site_language
from reports.choices import FeedbackSource
from reports.models import Feedback


def _words(action: str, values: dict) -> list[tuple[NoticeKind, str, str, str]]:
    """(kind, audience, title, body) of each notice a report move sends."""
    if action == "submit_report":
        out = [
            (
                NoticeKind.REPORT_SUBMITTED,
                "organizer",
                _("Diagnosis report submitted: %(enterprise)s") % values,
                _("%(agency)s submitted the report; it waits for your acceptance.") % values,
            )
        ]
        if not values["confirmed"]:
            out.append(
                (
                    NoticeKind.REPORT_TO_CONFIRM,
                    "enterprise",
                    _("Please confirm your diagnosis (%(year)s)") % values,
                    _("%(agency)s submitted the diagnosis report; confirm it and rate the service.")
                    % values,
                )
            )
        return out
    if action == "return_report":
        title = _("Diagnosis report returned: %(enterprise)s") % values
        body = _("Comment: %(comment)s\nPlease revise and submit it again.") % values
        return [(NoticeKind.REPORT_RETURNED, "agency", title, body)]
    if action == "accept":
        title = _("Diagnosis report accepted: %(enterprise)s") % values
        body = _("The organizer accepted the diagnosis report.")
        return [
            (NoticeKind.REPORT_ACCEPTED, "agency", title, body),
            (NoticeKind.REPORT_ACCEPTED, "enterprise", title, body),
        ]
    return []


def report_move_notify(*, event_id: int) -> list:
    """The notices of one report move (a TaskEvent), once per recipient and kind."""
    event = TaskEvent.objects.select_related("task__agency", "task__campaign").get(pk=event_id)
    task = event.task
    confirmed = Feedback.objects.filter(
        report__task=task, source=FeedbackSource.ENTERPRISE
    ).exists()
    values = {
        "enterprise": task.enterprise_name,
        "agency": task.agency.name,
        "year": task.campaign.year,
        "comment": event.comment or "—",
        "confirmed": confirmed,
    }
    audiences = {  # querysets: each is read (one query) only if a notice goes to it
        "organizer": users_of(organizer_ids=[task.organizer_id]),
        "agency": users_of(agency_ids=[task.agency_id]),
        "enterprise": users_of(enterprise_ids=[task.enterprise_id]),
    }
    sent = []
    with site_language():
        words = _words(event.action, values)
        url = reverse("reports:report-detail", args=[task.pk])
    for kind, audience, title, body in words:
        sent += notify(
            kind=kind,
            event_key=f"task-event-{event.pk}",
            recipients=audiences[audience],
            title=title,
            body=body,
            url=url,
        )
    return sent
