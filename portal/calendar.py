"""China's official working calendar: public holidays, 调休 make-up working days, working days left.

The `chinesecalendar` package carries the State Council's holiday arrangements year by year. A
deadline that falls on a day off (a holiday or a weekend that is not a make-up working day)
takes effect on the next working day; reminders and "days left" count working days. For a year
the package does not know yet, weekends are the only days off (and `calendar_known` says so, so
pages can warn that the official arrangement is not loaded).
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import chinese_calendar
from chinese_calendar.constants import Holiday
from django.utils import translation
from django.utils.translation import gettext as _

ONE_DAY = dt.timedelta(days=1)
# A deadline is at most a Spring Festival away from a working day; this bounds the search.
MAX_DAYS_OFF_IN_A_ROW = 20
_CHINESE_NAMES = {holiday.value: holiday.chinese for holiday in Holiday}


@lru_cache(maxsize=4096)
def _detail(day: dt.date) -> tuple[bool, str | None, bool]:
    """(is a day off, holiday name or None, the official calendar covers this year)."""
    try:
        off, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return day.weekday() >= 5, None, False
    return off, name, True


def calendar_known(year: int) -> bool:
    """Whether the official holiday arrangement of `year` is loaded."""
    return _detail(dt.date(year, 1, 1))[2]


def is_working_day(day: dt.date) -> bool:
    return not _detail(day)[0]


def holiday_name(day: dt.date) -> str:
    """The public holiday `day` belongs to (or is a make-up working day of), in the UI language."""
    name = _detail(day)[1]
    if not name:
        return ""
    if (translation.get_language() or "").startswith("zh"):
        return _CHINESE_NAMES.get(name, name)
    return name


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, else the first working day after it."""
    for offset in range(MAX_DAYS_OFF_IN_A_ROW + 1):
        candidate = day + offset * ONE_DAY
        if is_working_day(candidate):
            return candidate
    return day + (MAX_DAYS_OFF_IN_A_ROW + 1) * ONE_DAY


@lru_cache(maxsize=1024)
def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days d with start < d <= end (0 when end <= start)."""
    count, day = 0, start + ONE_DAY
    while day <= end:
        count += is_working_day(day)
        day += ONE_DAY
    return count


def working_days_left(due: dt.date, today: dt.date) -> int:
    """Working days from `today` to `due`: 0 on the due day, negative once it has passed.

    Counted as the working days after today up to the due day, so on the working day before
    the deadline 1 is left; after the deadline, minus the working days elapsed since it.
    """
    if today <= due:
        return working_days_between(today, due)
    return -max(1, working_days_between(due, today))


@dataclass(frozen=True)
class DueDate:
    """A deadline as the notice states it and as it takes effect under the working calendar."""

    nominal: dt.date
    effective: dt.date
    day_off_name: str = ""  # the holiday the nominal date falls in ("" for a weekend)
    calendar_known: bool = True

    @property
    def shifted(self) -> bool:
        return self.effective != self.nominal

    @property
    def rule(self) -> str:
        """One sentence saying which rule applies, for the campaign and dashboard pages."""
        if not self.shifted:
            return _("Due on a working day: the deadline stands as published.")
        reason = self.day_off_name or _("a weekend")
        return _(
            "%(date)s falls on %(reason)s (a day off), so the deadline moves to the next "
            "working day, %(effective)s."
        ) % {
            "date": self.nominal.isoformat(),
            "reason": reason,
            "effective": self.effective.isoformat(),
        }

    def days_left(self, today: dt.date) -> int:
        return working_days_left(self.effective, today)

    def is_overdue(self, today: dt.date) -> bool:
        return today > self.effective


def effective_due(nominal: dt.date) -> DueDate:
    """The working-calendar reading of a published deadline."""
    effective = next_working_day(nominal)
    name = holiday_name(nominal) if effective != nominal else ""
    return DueDate(
        nominal=nominal, effective=effective, day_off_name=name, calendar_known=_detail(nominal)[2]
    )
