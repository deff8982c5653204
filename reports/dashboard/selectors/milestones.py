"""The milestones of a campaign as the dashboard shows them: 附件1–3, acceptance, 附件4.

Each milestone's deadline is read through the working calendar (portal/calendar.py): a due
date that falls on a day off takes effect on the next working day, and "days left" counts
working days.
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from portal.calendar import DueDate, effective_due
from portal.obligations import Extensions, due_for, report_due_for
from provinces.choices import Form

SHANGHAI = ZoneInfo("Asia/Shanghai")
ACCEPTANCE = "acceptance"


class CellState(models.TextChoices):
    """Where one organizer stands on one milestone (values match the status badge styles)."""

    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    ON_TIME = "on_time", _("Submitted on time")
    LATE = "late", _("Submitted late")
    OVERDUE = "overdue", _("Overdue")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")
    # Not required of this kind of organizer (optional, or not asked: campaign.obligations).
    NOT_ASKED = "not_asked", _("Not required")


# The acceptance milestone reads the same states in its own words.
ACCEPTANCE_LABELS: dict[str, StrOrPromise] = {
    CellState.NOT_STARTED: _("No published tasks"),
    CellState.DRAFT: _("In progress"),
    CellState.ON_TIME: _("All accepted on time"),
    CellState.LATE: _("All accepted, some late"),
    CellState.OVERDUE: _("Overdue"),
}


@lru_cache(maxsize=128)
def _state_label(language: str | None, acceptance: bool, state: str) -> str:
    """The label of a state in `language` (cached: the matrix asks for it once per cell)."""
    with translation.override(language):
        if acceptance:
            return str(ACCEPTANCE_LABELS.get(state, CellState(state).label))
        return str(CellState(state).label)


@dataclass(frozen=True)
class Milestone:
    key: str  # "form1" … "form4", "acceptance"
    label: str
    short: str  # column heading
    form: int | None
    due: DueDate

    def days_left(self, today: dt.date) -> int:
        return self.due.days_left(today)

    def is_overdue(self, today: dt.date) -> bool:
        return self.due.is_overdue(today)

    def state_label(self, state: str) -> str:
        return _state_label(translation.get_language(), self.form is None, state)

    @property
    def cutoff(self) -> dt.datetime:
        """The first instant after the effective due day, in Beijing time."""
        day = self.due.effective + dt.timedelta(days=1)
        return dt.datetime(day.year, day.month, day.day, tzinfo=SHANGHAI)


def milestones_for(
    campaign, organizer_id: int | None = None, extensions: Extensions | None = None
) -> list[Milestone]:
    """The five columns of the deadline matrix, in the order the notice sets them.

    With `organizer_id`, that organizer's own deadlines: the ministry's extensions of its forms
    (`extensions`: portal.obligations.extensions_for), its 附件4 extension moving acceptance too.
    """

    def due(form: int):
        if organizer_id is None:
            return campaign.due_date(form)
        return due_for(campaign, organizer_id, form, extensions)

    acceptance_due = (
        campaign.summary_due
        if organizer_id is None
        else report_due_for(campaign, organizer_id, extensions)
    )
    short = {
        Form.PLAN: "附件1",
        Form.RECOMMENDATION: "附件2",
        Form.INTENT: "附件3",
        Form.SUMMARY: "附件4",
    }
    columns = [
        Milestone(
            f"form{form.value}",
            str(form.label),
            short[form],
            form.value,
            effective_due(due(form.value)),
        )
        for form in (Form.PLAN, Form.RECOMMENDATION, Form.INTENT)
    ]
    columns.append(
        Milestone(
            ACCEPTANCE,
            str(_("Acceptance of the diagnosis reports")),
            str(_("Acceptance")),
            None,
            effective_due(acceptance_due),
        )
    )
    columns.append(
        Milestone(
            "form4",
            str(Form.SUMMARY.label),
            short[Form.SUMMARY],
            Form.SUMMARY.value,
            effective_due(due(Form.SUMMARY.value)),
        )
    )
    return columns


def milestone_keys() -> list[str]:
    return ["form1", "form2", "form3", ACCEPTANCE, "form4"]
