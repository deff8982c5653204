"""The deadline matrix: one cell per organizer and milestone, in the state the data says."""

import datetime as dt

import pytest
from django.utils import timezone

from enterprises.models import TaskEvent
from reports.dashboard.selectors.matrix import dashboard_matrix, organizers_for
from tests.factories import OrganizerFactory, SubmissionFactory, TaskFactory, province

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def _at(day: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(day + "T10:00"))


def _matrix(user, campaign, today: str, **filters):
    return dashboard_matrix(
        user, campaign, organizers=organizers_for(user), today=D(today), **filters
    )


def _cell(matrix, code: str, milestone: str):
    row = next(r for r in matrix.rows if r.code == code)
    return row.cell(milestone)


def test_each_submission_state_shows_in_its_cell(ministry_user, campaign, hebei, shandong):
    """Draft, on time, late, returned, approved and not started read from the submissions."""
    SubmissionFactory(
        organizer=hebei, campaign=campaign, form=1, submitted=True, submitted_at=_at("2021-05-20")
    )
    SubmissionFactory(
        organizer=hebei,
        campaign=campaign,
        form=2,
        submitted=True,
        is_late=True,
        submitted_at=_at("2021-06-02"),
    )
    SubmissionFactory(organizer=hebei, campaign=campaign, form=3, returned=True)
    SubmissionFactory(
        organizer=shandong, campaign=campaign, form=1, approved=True, approved_at=_at("2021-05-25")
    )
    SubmissionFactory(organizer=shandong, campaign=campaign, form=2)
    matrix = _matrix(ministry_user, campaign, "2021-05-26")
    assert _cell(matrix, "130000", "form1").state == "on_time"
    assert _cell(matrix, "130000", "form1").date.date() == D("2021-05-20")
    assert _cell(matrix, "130000", "form2").state == "late"
    assert _cell(matrix, "130000", "form3").state == "returned"
    assert _cell(matrix, "370000", "form1").state == "approved"
    assert _cell(matrix, "370000", "form2").state == "draft"
    assert _cell(matrix, "370000", "form3").state == "not_started"


def test_unsubmitted_form_is_overdue_after_its_effective_due_date(ministry_user, campaign, hebei):
    """A draft is overdue the day after the deadline, and dated with the deadline."""
    SubmissionFactory(organizer=hebei, campaign=campaign, form=1)
    on_the_day = _matrix(ministry_user, campaign, "2021-05-31")
    after = _matrix(ministry_user, campaign, "2021-06-01")
    assert _cell(on_the_day, "130000", "form1").state == "draft"
    assert _cell(after, "130000", "form1").state == "overdue"
    assert _cell(after, "130000", "form1").date == D("2021-05-31")
    assert _cell(after, "110000", "form1").state == "overdue"  # never opened


def test_deadline_on_a_holiday_is_not_overdue_until_the_next_working_day(ministry_user, hebei):
    """2020-05-31 was a Sunday: on Monday 2020-06-01 the plan is not overdue yet."""
    from tests.factories import CampaignFactory

    campaign = CampaignFactory(year=2020)
    assert _cell(_matrix(ministry_user, campaign, "2020-06-01"), "130000", "form1").state == (
        "not_started"
    )
    assert _cell(_matrix(ministry_user, campaign, "2020-06-02"), "130000", "form1").state == (
        "overdue"
    )


def _accepted(campaign, organizer, when: str | None):
    task = TaskFactory(campaign=campaign, organizer=organizer, accepted=True)
    if when:
        event = TaskEvent.objects.create(
            task=task, action="accept", from_state="reported", to_state="accepted"
        )
        TaskEvent.objects.filter(pk=event.pk).update(created_at=_at(when))
    return task


def test_acceptance_shows_share_accepted_by_the_summary_due_date(ministry_user, campaign, hebei):
    """3 published tasks, 1 accepted in time, 1 after 11-15, 1 still reported: 1/3, overdue."""
    _accepted(campaign, hebei, "2021-10-01")
    _accepted(campaign, hebei, "2021-11-20")
    TaskFactory(campaign=campaign, organizer=hebei, reported=True)
    TaskFactory(campaign=campaign, organizer=hebei)  # matched only: not on the published list
    cell = _cell(_matrix(ministry_user, campaign, "2021-11-22"), "130000", "acceptance")
    assert (cell.done, cell.total, cell.percent) == (1, 3, 33)
    assert cell.state == "overdue"


def test_acceptance_all_accepted_on_time_or_late(ministry_user, campaign, hebei, shandong):
    """All tasks accepted: on time when every acceptance was by the due date, else late."""
    _accepted(campaign, hebei, "2021-11-15")
    _accepted(campaign, shandong, "2021-11-10")
    _accepted(campaign, shandong, "2021-11-16")
    matrix = _matrix(ministry_user, campaign, "2021-12-01")
    assert _cell(matrix, "130000", "acceptance").state == "on_time"
    assert _cell(matrix, "370000", "acceptance").state == "late"
    assert _cell(matrix, "110000", "acceptance").state == "not_started"


def test_organizer_sees_only_its_own_row(organizer_user, campaign, shandong):
    """An organizer's matrix has its own organizer only, with no other tenant's data."""
    SubmissionFactory(organizer=shandong, campaign=campaign, form=1, submitted=True)
    matrix = _matrix(organizer_user, campaign, "2021-05-20")
    assert [row.code for row in matrix.rows] == ["130000"]
    assert matrix.counts["form1"]["on_time"] == 0


def test_rows_are_grouped_by_organizer_kind(ministry_user, campaign):
    """Provinces, planning cities, the corps, then associations; counts per column add up."""
    OrganizerFactory(code="ASSOC-X", name="中国钢铁工业协会")
    matrix = _matrix(ministry_user, campaign, "2021-05-20")
    kinds = [group.kind for group in matrix.groups]
    assert kinds == ["province", "planning_city", "corps", "association"]
    assert sum(matrix.counts["form1"].values()) == len(matrix.rows) == 38


def test_state_filter_narrows_rows_but_keeps_column_counts(ministry_user, campaign, hebei):
    """Filtering on 附件1 submitted on time leaves Hebei alone; the counts stay national."""
    SubmissionFactory(
        organizer=hebei, campaign=campaign, form=1, submitted=True, submitted_at=_at("2021-05-20")
    )
    matrix = _matrix(ministry_user, campaign, "2021-05-21", milestone="form1", state="on_time")
    assert [row.code for row in matrix.rows] == ["130000"]
    assert matrix.counts["form1"]["not_started"] == 36


def test_organizer_filter_by_kind_and_name(ministry_user):
    """kind= and q= select organizers by kind and by part of the name."""
    assert {o.code for o in organizers_for(ministry_user, kind="planning_city")} == {
        o.code for o in organizers_for(ministry_user) if o.kind == "planning_city"
    }
    assert [o.code for o in organizers_for(ministry_user, q="河北")] == ["130000"]
    assert province("130000").name == "河北省"
