"""Who hears of a follow-up record (SPEC §10 notices): the organizer of what the agency or the
enterprise recorded; the agency of what the organizer recorded (its verification)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from enterprises.models import DiagnosisTask
from portal.choices import Role
from portal.notifications.kinds import NoticeKind
from portal.notifications.recipients import users_of
from portal.notifications.service import notify, site_language
from reports.choices import EnterpriseProgress, MeasureState
from reports.models import FollowUp, MeasureEvent


def follow_up_recorded_notify(*, task_id: int, event_id: int) -> list:
    """One notice per measure move of a follow-up, to the side that did not make it."""
    task = DiagnosisTask.objects.get(pk=task_id)
    event = MeasureEvent.objects.select_related("measure", "actor").get(pk=event_id)
    if event.actor is not None and event.actor.role == Role.ORGANIZER:
        recipients = users_of(agency_ids=[task.agency_id])
    else:
        recipients = users_of(organizer_ids=[task.organizer_id])
    values = {"enterprise": task.enterprise_name, "measure": event.measure.title}
    with site_language():
        title = _("Follow-up recorded: %(enterprise)s") % values
        body = _("%(measure)s: %(state)s") % {**values, "state": MeasureState(event.to_state).label}
        if event.comment:
            body += "\n" + event.comment
        url = reverse("reports:follow-up", args=[task.pk])
    return notify(
        kind=NoticeKind.FOLLOW_UP_RECORDED,
        event_key=f"measure-event-{event.pk}",
        recipients=recipients.exclude(pk=event.actor_id or 0),
        title=title,
        body=body,
        url=url,
    )


def follow_up_progress_notify(*, task_id: int, follow_up_id: int) -> list:
    """The enterprise's own progress report on an earlier measure, to its organizer and agency;
    each report is its own event (the enterprise may report again as the measure moves on)."""
    task = DiagnosisTask.objects.get(pk=task_id)
    record = FollowUp.objects.select_related("measure").get(pk=follow_up_id)
    values = {"enterprise": task.enterprise_name, "measure": record.measure.title}
    with site_language():
        title = _("Follow-up recorded: %(enterprise)s") % values
        state = EnterpriseProgress(record.progress).label
        body = _("%(measure)s: %(state)s") % {**values, "state": state}
        if record.progress_note:
            body += "\n" + record.progress_note
        url = reverse("reports:follow-up", args=[task.pk])
    reported_at = record.progress_reported_at.timestamp() if record.progress_reported_at else 0
    return notify(
        kind=NoticeKind.FOLLOW_UP_RECORDED,
        event_key=f"follow-up-progress-{record.pk}-{reported_at:.6f}",
        recipients=users_of(organizer_ids=[task.organizer_id], agency_ids=[task.agency_id]),
        title=title,
        body=body,
        url=url,
    )
