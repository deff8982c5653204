"""The words of each reminder: a title (notice and e-mail subject) and a body."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.calendar import DueDate
from reports.dashboard.selectors.milestones import Milestone

from .stages import OVERDUE


def _when(due: DueDate, today: dt.date) -> str:
    left = due.days_left(today)
    if left == 0:
        return _("due today")
    return ngettext("%(n)d working day left", "%(n)d working days left", left) % {"n": left}


def _rule(due: DueDate) -> str:
    return f"\n{due.rule}" if due.shifted else ""


def form_message(milestone: Milestone, stage: str, today: dt.date) -> tuple[str, str]:
    """An organizer has not handed in a form yet."""
    values = {"form": milestone.label, "date": milestone.due.effective.isoformat()}
    if stage == OVERDUE:
        title = _("Overdue: %(form)s was due on %(date)s") % values
        body = (
            _(
                "%(form)s has not been submitted and its deadline, %(date)s, has passed. "
                "Please submit it as soon as possible; a late submission is still accepted "
                "but marked late."
            )
            % values
        )
        return title, body
    values["when"] = _when(milestone.due, today)
    title = _("Reminder: %(form)s is due on %(date)s (%(when)s)") % values
    body = _("%(form)s has not been submitted yet. The deadline is %(date)s (%(when)s).") % values
    return title, body + _rule(milestone.due)


def acceptance_message(
    milestone: Milestone, stage: str, today: dt.date, waiting: int
) -> tuple[str, str]:
    """An organizer still has published tasks whose reports it has not accepted."""
    values = {"n": waiting, "date": milestone.due.effective.isoformat()}
    if stage == OVERDUE:
        title = _("Overdue: acceptance of the diagnosis reports was due on %(date)s") % values
    else:
        values["when"] = _when(milestone.due, today)
        title = _("Reminder: accept the diagnosis reports by %(date)s (%(when)s)") % values
    body = (
        ngettext(
            "%(n)d published task has no accepted report yet.",
            "%(n)d published tasks have no accepted report yet.",
            waiting,
        )
        % values
    )
    return title, body + _rule(milestone.due)


def agency_message(due: DueDate, stage: str, today: dt.date, outstanding: int) -> tuple[str, str]:
    """An agency has reports to submit (or to resubmit after a return)."""
    values = {"n": outstanding, "date": due.effective.isoformat()}
    if stage == OVERDUE:
        title = _("Overdue: diagnosis reports were due by %(date)s") % values
    else:
        values["when"] = _when(due, today)
        title = _("Reminder: diagnosis reports are due by %(date)s (%(when)s)") % values
    body = (
        ngettext(
            "%(n)d diagnosis report is outstanding (not yet submitted, or returned for changes).",
            "%(n)d diagnosis reports are outstanding (not yet submitted, or returned for changes).",
            outstanding,
        )
        % values
    )
    return title, body + _rule(due)
