"""The daily digest: one e-mail per user with their waiting notices, sent once."""

import pytest

from portal.models import Notice, NoticePreference
from portal.notifications.kinds import NoticeKind
from portal.notifications.service import notify
from portal.notifications.tasks import send_notice_digest

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest_people(organizer_user, other_organizer_user):
    for user in (organizer_user, other_organizer_user):
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
        for kind in (NoticeKind.SUBMISSION_RETURNED, NoticeKind.REMINDER):
            NoticePreference.objects.create(user=user, kind=kind, mode="digest")
    return organizer_user, other_organizer_user


def _three_notices(hebei, shandong):
    notify(
        kind=NoticeKind.SUBMISSION_RETURNED,
        event_key="e1",
        recipients=[hebei],
        title="附件2被退回",
        url="/provinces/forms/2/",
    )
    notify(
        kind=NoticeKind.REMINDER, event_key="r1", recipients=[hebei, shandong], title="附件3提醒"
    )


def test_one_email_per_user_with_all_their_notices(
    digest_people, mailoutbox, django_capture_on_commit_callbacks
):
    """Hebei's two notices come in one e-mail with both titles and the link; Shandong gets its
    own with one."""
    hebei, shandong = digest_people
    with django_capture_on_commit_callbacks(execute=True):
        _three_notices(hebei, shandong)
    assert mailoutbox == []  # all digest: nothing at once
    assert send_notice_digest.delay().get() == 2
    by_user = {m.to[0]: m for m in mailoutbox}
    assert set(by_user) == {hebei.email, shandong.email}
    hebei_mail = by_user[hebei.email]
    assert "附件2被退回" in hebei_mail.body
    assert "附件3提醒" in hebei_mail.body
    assert "http://127.0.0.1:8000/provinces/forms/2/" in hebei_mail.body
    assert "附件2被退回" not in by_user[shandong.email].body


def test_the_digest_is_sent_once(digest_people, mailoutbox):
    """A second run (or a second beat) finds nothing left to send."""
    _three_notices(*digest_people)
    send_notice_digest.delay().get()
    assert send_notice_digest.delay().get() == 0
    assert len(mailoutbox) == 2
    assert not Notice.objects.filter(delivered_at__isnull=True).exists()


def test_immediate_notices_are_not_in_the_digest(
    digest_people, mailoutbox, django_capture_on_commit_callbacks
):
    """An approval (immediate for everyone here) was e-mailed at once, not again at night."""
    hebei, _ = digest_people
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind=NoticeKind.SUBMISSION_APPROVED, event_key="a1", recipients=[hebei], title="通过"
        )
    assert len(mailoutbox) == 1
    assert send_notice_digest.delay().get() == 0


def test_digest_sms_only_for_users_who_chose_it(digest_people, smsoutbox):
    """Hebei chose SMS for reminders: one text with the count; Shandong gets no text."""
    hebei, shandong = digest_people
    hebei.phone = "13900000000"
    hebei.save(update_fields=["phone"])
    NoticePreference.objects.filter(user=hebei, kind=NoticeKind.REMINDER).update(sms=True)
    _three_notices(hebei, shandong)
    send_notice_digest.delay().get()
    assert [m.to for m in smsoutbox] == ["13900000000"]
    assert "2" in smsoutbox[0].text
    assert smsoutbox[0].params["url"].endswith("/notices/")
