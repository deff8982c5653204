"""Submissions move draft → submitted → approved or returned, each move recorded (SPEC §5)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from portal.errors import InvalidMove
from portal.models import AuditLog
from provinces.choices import SubmissionState
from provinces.models import PlanContent
from provinces.services import (
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)
from tests.factories import SubmissionFactory

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def draft(campaign, hebei):
    submission = SubmissionFactory(campaign=campaign, organizer=hebei, form=1)
    PlanContent.objects.create(submission=submission, key_industry=150, sme=60)
    return submission


def test_submit_before_deadline_is_on_time(draft, organizer_user):
    """Submitted on the due date (Shanghai time) is on time."""
    with time_machine.travel(dt.datetime(2021, 5, 31, 23, 0, tzinfo=SHANGHAI)):
        submission = submission_submit(submission_id=draft.pk, actor=organizer_user)
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.is_late is False


def test_submit_after_deadline_is_accepted_but_late(draft, organizer_user):
    """After the deadline it is still accepted, and marked late."""
    with time_machine.travel(dt.datetime(2021, 6, 1, 0, 30, tzinfo=SHANGHAI)):
        submission = submission_submit(submission_id=draft.pk, actor=organizer_user)
    assert submission.state == SubmissionState.SUBMITTED
    assert submission.is_late is True


def test_return_needs_comment_and_keeps_it(draft, organizer_user, ministry_user):
    """The ministry must say why; the comment is stored where the organizer sees it."""
    submission_submit(submission_id=draft.pk, actor=organizer_user)
    with pytest.raises(InvalidMove):
        submission_return(submission_id=draft.pk, actor=ministry_user, comment="  ")
    submission = submission_return(
        submission_id=draft.pk, actor=ministry_user, comment="请补充联系人"
    )
    assert submission.state == SubmissionState.RETURNED
    assert submission.last_comment == "请补充联系人"


def test_full_cycle_leaves_an_event_per_move(draft, organizer_user, ministry_user):
    """submit, return, submit, approve, reopen: five events with actor, from, to, comment."""
    submission_submit(submission_id=draft.pk, actor=organizer_user)
    submission_return(submission_id=draft.pk, actor=ministry_user, comment="补充")
    submission_submit(submission_id=draft.pk, actor=organizer_user)
    submission_approve(submission_id=draft.pk, actor=ministry_user)
    submission_reopen(submission_id=draft.pk, actor=ministry_user, comment="数据有误")
    trail = list(draft.events.values_list("action", "from_state", "to_state", "actor__username"))
    assert trail == [
        ("submit", "draft", "submitted", "hebei-staff"),
        ("return", "submitted", "returned", "ministry-staff"),
        ("submit", "returned", "submitted", "hebei-staff"),
        ("approve", "submitted", "approved", "ministry-staff"),
        ("reopen", "approved", "returned", "ministry-staff"),
    ]
    assert AuditLog.objects.filter(object_id=str(draft.pk)).count() == 5


def test_organizer_cannot_approve_and_approved_cannot_be_submitted(
    draft, organizer_user, ministry_user
):
    """Roles and states guard every move."""
    submission_submit(submission_id=draft.pk, actor=organizer_user)
    with pytest.raises(PermissionDenied):
        submission_approve(submission_id=draft.pk, actor=organizer_user)
    submission_approve(submission_id=draft.pk, actor=ministry_user)
    with pytest.raises(InvalidMove):
        submission_submit(submission_id=draft.pk, actor=organizer_user)


def test_api_moves_use_the_same_rules(draft, organizer_user, ministry_user, api_for):
    """POST /submissions/{id}/return without a comment is 409; with one it returns the form."""
    api_for(organizer_user).post(f"/api/v1/submissions/{draft.pk}/submit/")
    ministry = api_for(ministry_user)
    assert ministry.post(f"/api/v1/submissions/{draft.pk}/return/").status_code == 409
    response = ministry.post(f"/api/v1/submissions/{draft.pk}/return/", {"comment": "请修改"})
    assert response.status_code == 200
    assert response.json()["state"] == "returned"
    assert response.json()["events"][-1]["comment"] == "请修改"


def test_deadline_on_a_day_off_counts_from_the_next_working_day(campaign, hebei, organizer_user):
    """A form due on Saturday 2021-05-29 handed in on Monday 31 May is on time, Tuesday is late."""
    campaign.plan_due = dt.date(2021, 5, 29)
    campaign.save(update_fields=["plan_due"])
    monday = SubmissionFactory(campaign=campaign, organizer=hebei, form=1)
    PlanContent.objects.create(submission=monday, key_industry=150, sme=60)
    with time_machine.travel(dt.datetime(2021, 5, 31, 17, 0, tzinfo=SHANGHAI)):
        submission = submission_submit(submission_id=monday.pk, actor=organizer_user)
    assert submission.is_late is False
