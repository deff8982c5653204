"""When diagnosis reports are due, as each role reads it (SPEC §3).

A task's report is due with its organizer's 附件4 (portal.obligations.report_due_for: the
ministry's extension of that 附件4 moves it too). The enterprise owes no report: it is shown no
deadline. In a closed year the date is history: shown, never counted down or overdue.
"""

from django.utils.translation import gettext_lazy as _

from portal.choices import Role
from portal.deadlines import Deadline, deadline
from portal.obligations import extensions_for, report_due_for

LABEL = _("Diagnosis reports")


def _open_or_date(campaign, due) -> Deadline | dict:
    if not campaign.is_open:
        return {"due": due, "days_left": None}
    return deadline(LABEL, due)


def report_deadline_for(user, task, report) -> Deadline | dict | None:
    """The deadline of one task's report: when it was submitted (and whether late), else a
    countdown to the organizer's 附件4 date."""
    if user.role == Role.ENTERPRISE:
        return None
    due = report_due_for(task.campaign, task.organizer_id)
    if report is not None and report.submitted_at:
        return deadline(LABEL, due, done_at=report.submitted_at, late=report.is_late)
    return _open_or_date(task.campaign, due)


def reports_deadline_for(user, campaign) -> Deadline | dict | None:
    """The deadline over a list of reports: an organizer's own (extension included); the
    published 附件4 date for the ministry and agencies (an agency's tasks may belong to several
    organizers, each task page shows its own); none for an enterprise."""
    if campaign is None or user.role == Role.ENTERPRISE:
        return None
    if user.role == Role.ORGANIZER:
        return _open_or_date(campaign, report_due_for(campaign, user.organizer_id))
    return _open_or_date(campaign, campaign.summary_due)


def report_deadlines_by_organizer(user, campaign, organizer_ids) -> dict[int, Deadline | dict]:
    """For the ministry and agencies, whose report lists mix organizers: each organizer's own
    report deadline (its 附件4 date, the ministry's extension included), one query in all.
    Empty for an organizer (its one deadline heads the list) and an enterprise (none)."""
    if campaign is None or user.role not in (Role.MINISTRY, Role.AGENCY):
        return {}
    extensions = extensions_for(campaign)
    return {
        organizer_id: _open_or_date(campaign, report_due_for(campaign, organizer_id, extensions))
        for organizer_id in set(organizer_ids)
    }
