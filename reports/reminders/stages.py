"""Which reminder stage a deadline is at today, in working days (pure, no database).

Campaign.reminder_days (e.g. [7, 1]) are the working days before a deadline on which reminders
go out; "overdue" is sent on the first day past the effective deadline. A stage that was missed
(the daily job did not run) is caught up on the next run, but only the most urgent stage that
applies, and "overdue" only within a few working days, so an old campaign never wakes up.
"""

import datetime as dt

from portal.calendar import DueDate

OVERDUE = "overdue"
# How many working days after a deadline a missed "overdue" reminder is still sent.
OVERDUE_CATCH_UP = 3


def before(days: int) -> str:
    return f"before-{days}"


def stage_today(due: DueDate, today: dt.date, reminder_days: list[int]) -> str | None:
    """The stage to send today for a deadline (None: nothing is due)."""
    left = due.days_left(today)
    if left < 0:
        return OVERDUE if -left <= OVERDUE_CATCH_UP else None
    reached = [int(n) for n in reminder_days if left <= int(n)]
    return before(min(reached)) if reached else None
