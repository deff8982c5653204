"""When the ministry returns a submission, the organizer's staff hear of it, once."""

import pytest

from portal.models import Notice, ReminderLog
from provinces.models import Submission, SubmissionEvent
from provinces.services import AFTER_MOVE, submission_approve, submission_return
from reports.reminders.hooks import on_submission_move
from reports.reminders.services import submission_returned_notify
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(campaign, hebei, organizer_user):
    organizer_user.email = "hebei@example.cn"
    organizer_user.save(update_fields=["email"])
    return SubmissionFactory(organizer=hebei, campaign=campaign, form=3, submitted=True)


def test_the_hook_is_connected_once():
    """ReportsConfig.ready appends the callback to provinces' AFTER_MOVE exactly once."""
    assert AFTER_MOVE.count(on_submission_move) == 1


def test_return_notifies_the_organizer_by_notice_and_email(
    submitted,
    ministry_user,
    organizer_user,
    other_organizer_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """The return's comment reaches Hebei's staff in the portal and by e-mail; not Shandong's."""
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(
            submission_id=submitted.pk, actor=ministry_user, comment="第5行统一社会信用代码有误"
        )
    notice = Notice.objects.get(recipient=organizer_user)
    assert "第5行统一社会信用代码有误" in notice.body
    assert [m.to for m in mailoutbox] == [["hebei@example.cn"]]
    assert not Notice.objects.filter(recipient=other_organizer_user).exists()
    assert ReminderLog.objects.get().stage == "returned"


def test_the_same_return_is_never_notified_twice(
    submitted, ministry_user, organizer_user, mailoutbox, django_capture_on_commit_callbacks
):
    """Delivering the same event again (a retried task) adds no notice and no e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission_id=submitted.pk, actor=ministry_user, comment="请修改")
    event = SubmissionEvent.objects.get(action="return")
    with django_capture_on_commit_callbacks(execute=True):
        assert submission_returned_notify(event_id=event.pk) == []
    assert Notice.objects.filter(recipient=organizer_user).count() == 1
    assert len(mailoutbox) == 1


def test_a_second_return_is_a_new_notice(
    submitted, ministry_user, organizer_user, django_capture_on_commit_callbacks
):
    """Returned, resubmitted and returned again: two notices, one per return."""
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission_id=submitted.pk, actor=ministry_user, comment="一")
    Submission.objects.filter(pk=submitted.pk).update(state="submitted")  # resubmitted
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(submission_id=submitted.pk, actor=ministry_user, comment="二")
    assert Notice.objects.filter(recipient=organizer_user).count() == 2


def test_approval_sends_no_return_notice(
    submitted, ministry_user, organizer_user, django_capture_on_commit_callbacks
):
    """Only returns and reopenings notify; an approval does not."""
    with django_capture_on_commit_callbacks(execute=True):
        submission_approve(submission_id=submitted.pk, actor=ministry_user)
    assert not Notice.objects.filter(recipient=organizer_user).exists()
