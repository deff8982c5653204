"""Deadlines as people read them: how many days are left, whether a date has passed, and for
something handed in, when it was and whether that was late.

`due` is the deadline as it takes effect: a published date on a day off moves to the next
working day (portal.calendar), the same reading the submit services use to mark lateness.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django_stubs_ext import StrOrPromise

from .calendar import effective_due


@dataclass(frozen=True)
class Deadline:
    label: StrOrPromise
    due: dt.date
    today: dt.date
    # The day it was handed in (None while still open), and whether that was after `due`.
    done_on: dt.date | None = None
    late: bool = False

    @property
    def done(self) -> bool:
        return self.done_on is not None

    @property
    def days_left(self) -> int | None:
        """Calendar days to the deadline, negative once passed; None once handed in."""
        return None if self.done else (self.due - self.today).days

    @property
    def is_overdue(self) -> bool:
        """Still open and past its deadline (what turns a chip red)."""
        return not self.done and self.today > self.due


def deadline(
    label: StrOrPromise,
    due: dt.date,
    today: dt.date | None = None,
    *,
    done_at: dt.datetime | dt.date | None = None,
    late: bool | None = None,
) -> Deadline:
    """The deadline `due` (a published or extended date) as of `today`.

    `done_at`: when it was handed in; `late` is then taken from the record that the submit
    service stamped (`is_late`), or worked out against the effective due date when not given.
    """
    effective = effective_due(due).effective
    done_on = None
    if done_at is not None:
        done_on = timezone.localdate(done_at) if isinstance(done_at, dt.datetime) else done_at
    if late is None:
        late = done_on is not None and done_on > effective
    return Deadline(
        label=label,
        due=effective,
        today=today or timezone.localdate(),
        done_on=done_on,
        late=bool(late and done_on is not None),
    )
