"""Deadlines as people read them: how many days are left, and whether a date has passed."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Deadline:
    label: StrOrPromise
    due: dt.date
    today: dt.date

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0


def deadline(label: StrOrPromise, due: dt.date, today: dt.date | None = None) -> Deadline:
    return Deadline(label=label, due=due, today=today or timezone.localdate())
