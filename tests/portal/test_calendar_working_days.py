"""China's working calendar: effective deadlines and working days left (pure, no database)."""

import datetime as dt

from django.utils import translation

from portal.calendar import (
    calendar_known,
    effective_due,
    is_working_day,
    next_working_day,
    working_days_left,
)

D = dt.date.fromisoformat


def test_make_up_working_day_on_a_sunday_is_a_working_day():
    """2021-09-26 (Sunday) is a 调休 working day for the National Day holiday."""
    assert is_working_day(D("2021-09-26"))
    assert not is_working_day(D("2021-10-04"))


def test_public_holiday_on_a_weekday_is_a_day_off():
    """The Dragon Boat Festival, Monday 2021-06-14, is not a working day."""
    assert not is_working_day(D("2021-06-14"))
    assert next_working_day(D("2021-06-14")) == D("2021-06-15")


def test_deadline_on_a_working_day_stands():
    """2021's deadlines (notice 121号) all fall on working days and are not moved."""
    due = effective_due(D("2021-06-15"))
    assert due.effective == D("2021-06-15")
    assert not due.shifted


def test_deadline_on_a_sunday_moves_to_monday():
    """2020-05-31 was a Sunday: the deadline takes effect on Monday 2020-06-01."""
    due = effective_due(D("2020-05-31"))
    assert due.effective == D("2020-06-01")
    assert due.shifted
    with translation.override("en"):
        assert "2020-06-01" in due.rule


def test_deadline_in_national_day_week_moves_past_the_holiday_and_names_it():
    """A deadline on 2021-10-01 takes effect on 2021-10-08, and the rule names 国庆节."""
    with translation.override("zh-hans"):
        due = effective_due(D("2021-10-01"))
    assert due.effective == D("2021-10-08")
    assert due.day_off_name == "国庆节"


def test_working_days_left_counts_only_working_days():
    """From Friday 2021-05-28 to Monday 2021-05-31 one working day is left."""
    assert working_days_left(D("2021-05-31"), D("2021-05-28")) == 1
    assert working_days_left(D("2021-05-31"), D("2021-05-24")) == 5


def test_working_days_left_skips_holidays_and_counts_make_up_days():
    """Across the 2021 Labour Day holiday the Saturday make-up day 05-08 counts."""
    assert working_days_left(D("2021-05-10"), D("2021-04-30")) == 4


def test_working_days_left_is_zero_on_the_day_and_negative_after():
    """Due today is 0; the next working day is 1 day overdue (-1)."""
    assert working_days_left(D("2021-05-31"), D("2021-05-31")) == 0
    assert working_days_left(D("2021-05-31"), D("2021-06-01")) == -1
    assert working_days_left(D("2021-06-11"), D("2021-06-14")) == -1


def test_year_without_official_data_falls_back_to_weekends():
    """A year the package does not cover yet: weekends are the only days off."""
    assert not calendar_known(2099)
    assert calendar_known(2021)
    assert effective_due(D("2099-05-30")).effective == D("2099-06-01")
    assert not effective_due(D("2099-05-30")).calendar_known
