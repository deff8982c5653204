"""Reminder stages in working days before a deadline (pure, no database)."""

import datetime as dt

import pytest

from portal.calendar import effective_due
from reports.reminders.stages import stage_today

D = dt.date.fromisoformat
DUE = effective_due(D("2021-05-31"))


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        ("2021-05-19", None),  # 8 working days left
        ("2021-05-20", "before-7"),
        ("2021-05-27", "before-7"),  # 2 left: still the 7-day stage (already sent)
        ("2021-05-28", "before-1"),
        ("2021-05-29", "before-1"),  # Saturday: Monday is 1 working day away
        ("2021-05-31", "before-1"),  # due today
        ("2021-06-01", "overdue"),
        ("2021-06-03", "overdue"),  # a missed run catches up within 3 working days
        ("2021-06-07", None),
    ],
)
def test_stage_of_the_2021_plan_deadline(today, stage):
    """With reminders at 7 and 1 working days, each day maps to one stage."""
    assert stage_today(DUE, D(today), [7, 1]) == stage


def test_no_reminder_days_means_only_the_overdue_notice():
    """A campaign without reminder days still warns once the deadline has passed."""
    assert stage_today(DUE, D("2021-05-28"), []) is None
    assert stage_today(DUE, D("2021-06-01"), []) == "overdue"


def test_deadline_on_a_sunday_counts_from_the_effective_monday():
    """2020-05-31 (Sunday) takes effect on 06-01: on 05-29 one working day is left."""
    due = effective_due(D("2020-05-31"))
    assert stage_today(due, D("2020-05-29"), [7, 1]) == "before-1"
    assert stage_today(due, D("2020-06-01"), [7, 1]) == "before-1"
    assert stage_today(due, D("2020-06-02"), [7, 1]) == "overdue"
