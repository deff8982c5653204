"""A submission's moves tell the right people, once: the ministry of a hand-in, the organizer
of the ministry's decision; nobody of another organizer."""

import pytest
from django.urls import reverse

from portal.choices import Duty, Role
from portal.models import Notice
from portal.notifications.kinds import NoticeKind
from provinces.models import PlanContent, SubmissionEvent
from provinces.notices import on_submission_move, submission_move_notify
from provinces.services import (
    AFTER_MOVE,
    submission_approve,
    submission_reopen,
    submission_return,
    submission_submit,
)
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def form1(campaign, hebei, organizer_user, other_organizer_user):
    organizer_user.email = "hebei@example.cn"
    organizer_user.save(update_fields=["email"])
    return SubmissionFactory(organizer=hebei, campaign=campaign, form=1, submitted=True)


def _kinds(user):
    return sorted(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_hook_is_connected_once():
    """ProvincesConfig.ready appends the callback to AFTER_MOVE exactly once."""
    assert AFTER_MOVE.count(on_submission_move) == 1


def test_submitting_tells_ministry_staff_not_the_administrators(
    campaign, hebei, ministry_user, organizer_user, django_capture_on_commit_callbacks
):
    """Hebei submits its plan: ministry staff for daily work hear of it; the three
    administrators (三员) and the organizer itself do not."""
    sysadmin = UserFactory(username="sys", role=Role.MINISTRY, duty=Duty.SYSTEM)
    draft = SubmissionFactory(organizer=hebei, campaign=campaign, form=1)
    PlanContent.objects.update_or_create(
        submission=draft,
        defaults={"key_industry": 1, "contact_name": "联系人", "below_minimum_reason": "试点"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission_id=draft.pk, actor=organizer_user)
    notice = Notice.objects.get(recipient=ministry_user)
    assert notice.kind == NoticeKind.SUBMISSION_SUBMITTED
    assert hebei.name in notice.title
    assert notice.url == reverse("provinces:submission-detail", args=[draft.pk])
    assert _kinds(sysadmin) == [] and _kinds(organizer_user) == []


@pytest.mark.parametrize(
    ("move", "kind"),
    [
        (lambda s, a: submission_return(submission_id=s, actor=a, comment="第5行有误"), "returned"),
        (lambda s, a: submission_approve(submission_id=s, actor=a), "approved"),
    ],
)
def test_the_ministrys_decision_reaches_the_organizer_only(
    move,
    kind,
    form1,
    ministry_user,
    organizer_user,
    other_organizer_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """Return and approval: Hebei's staff get the notice and the e-mail, Shandong's nothing."""
    with django_capture_on_commit_callbacks(execute=True):
        move(form1.pk, ministry_user)
    assert _kinds(organizer_user) == [f"submission_{kind}"]
    assert _kinds(other_organizer_user) == []
    assert _kinds(ministry_user) == []
    assert [m.to for m in mailoutbox] == [["hebei@example.cn"]]


def test_the_returns_comment_is_in_the_notice(
    form1, ministry_user, organizer_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submission_return(
            submission_id=form1.pk, actor=ministry_user, comment="第5行统一社会信用代码有误"
        )
    assert "第5行统一社会信用代码有误" in Notice.objects.get(recipient=organizer_user).body


def test_reopening_an_approved_form_tells_the_organizer(
    campaign, hebei, ministry_user, organizer_user, django_capture_on_commit_callbacks
):
    approved = SubmissionFactory(organizer=hebei, campaign=campaign, form=3, approved=True)
    with django_capture_on_commit_callbacks(execute=True):
        submission_reopen(submission_id=approved.pk, actor=ministry_user, comment="任务书需更换")
    assert _kinds(organizer_user) == ["submission_reopened"]


def test_the_same_event_is_never_notified_twice(
    form1, ministry_user, organizer_user, mailoutbox, django_capture_on_commit_callbacks
):
    """Running the event's notices again (a retry) adds no notice and no e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        submission_approve(submission_id=form1.pk, actor=ministry_user)
    event = SubmissionEvent.objects.get(action="approve")
    with django_capture_on_commit_callbacks(execute=True):
        assert submission_move_notify(event_id=event.pk) == []
    assert Notice.objects.filter(recipient=organizer_user).count() == 1
    assert len(mailoutbox) == 1


def test_the_link_opens_the_submission_for_the_recipient(
    form1, ministry_user, organizer_user, client_for, django_capture_on_commit_callbacks
):
    """The notice's link is the submission page, and it opens for Hebei's staff."""
    with django_capture_on_commit_callbacks(execute=True):
        submission_approve(submission_id=form1.pk, actor=ministry_user)
    notice = Notice.objects.get(recipient=organizer_user)
    assert client_for(organizer_user).get(notice.url).status_code == 200
