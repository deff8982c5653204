"""notify(): one notice per event and recipient, e-mail after the commit, SMS only when chosen."""

import pytest
from django.db import transaction

from portal.models import Notice, NoticePreference
from portal.notifications.delivery import notices_deliver
from portal.notifications.kinds import NoticeKind
from portal.notifications.recipients import users_of
from portal.notifications.service import _insert, notify, notify_on_commit
from provinces.models import Organizer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = NoticeKind.SUBMISSION_APPROVED


@pytest.fixture
def people(organizer_user, other_organizer_user):
    for user in (organizer_user, other_organizer_user):
        user.email = f"{user.username}@example.cn"
        user.phone = "13800000000"
        user.save(update_fields=["email", "phone"])
    return organizer_user, other_organizer_user


def _notify(recipients, key="event-1", **extra):
    return notify(
        kind=KIND,
        event_key=key,
        recipients=recipients,
        title="附件1已通过",
        body="工信部已通过",
        url="/provinces/forms/1/",
        **extra,
    )


def test_one_notice_per_recipient_and_a_second_call_writes_nothing(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    """The same event notified twice: two notices (one each), two e-mails, not four."""
    with django_capture_on_commit_callbacks(execute=True):
        assert len(_notify(people)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(people) == []
    assert Notice.objects.count() == 2
    assert sorted(m.to[0] for m in mailoutbox) == [
        "hebei-staff@example.cn",
        "shandong-staff@example.cn",
    ]


def test_a_row_written_by_another_worker_is_skipped_and_the_rest_are_written(
    people, django_capture_on_commit_callbacks
):
    """A concurrent worker already wrote one recipient's notice: the batch's unique-constraint
    failure falls back to one savepoint each, and the other recipient still gets theirs."""
    hebei, shandong = people
    first = Notice.objects.create(recipient=hebei, kind=KIND, event_key="event-1", title="先到")
    # What a worker that read "nobody has it yet" would insert: both rows.
    rows = [Notice(recipient=user, kind=KIND, event_key="event-1", title="后到") for user in people]
    created = _insert(rows)
    assert [n.recipient_id for n in created] == [shandong.pk]
    assert Notice.objects.get(recipient=hebei).pk == first.pk


def test_a_new_event_is_a_new_notice(people):
    """Another event key (a second return of the same form) notifies again."""
    _notify(people[:1], key="event-1")
    _notify(people[:1], key="event-2")
    assert Notice.objects.filter(recipient=people[0]).count() == 2


def test_no_email_before_the_commit(people, mailoutbox, django_capture_on_commit_callbacks):
    """A move that rolls back sends nothing: delivery waits for the commit."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(people)
    assert mailoutbox == []
    assert len(callbacks) == 1


def test_an_event_key_is_required(people):
    """Without a stable key nothing could be exactly once: refused."""
    with pytest.raises(ValueError, match="event key"):
        _notify(people, key="")


def test_sms_only_to_users_who_chose_it(
    people, smsoutbox, mailoutbox, django_capture_on_commit_callbacks
):
    """Hebei chose SMS for this kind, Shandong did not: one text message, two e-mails."""
    hebei, _ = people
    NoticePreference.objects.create(user=hebei, kind=KIND, sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(people)
    assert [m.to for m in smsoutbox] == ["13800000000"]
    assert smsoutbox[0].params == {
        "title": "附件1已通过",
        "url": "http://127.0.0.1:8000/provinces/forms/1/",
    }
    assert len(mailoutbox) == 2


def test_sms_chosen_for_another_kind_sends_none(
    people, smsoutbox, django_capture_on_commit_callbacks
):
    """SMS is per kind: chosen for reminders, an approval comes by e-mail only."""
    NoticePreference.objects.create(user=people[0], kind=NoticeKind.REMINDER, sms=True)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(people)
    assert smsoutbox == []


def test_digest_users_get_the_notice_but_no_email_now(
    people, mailoutbox, django_capture_on_commit_callbacks
):
    """A user taking this kind as a digest sees the notice at once; the e-mail waits."""
    hebei, _ = people
    NoticePreference.objects.create(user=hebei, kind=KIND, mode="digest")
    with django_capture_on_commit_callbacks(execute=True):
        _notify(people)
    assert Notice.objects.get(recipient=hebei).digest is True
    assert [m.to for m in mailoutbox] == [["shandong-staff@example.cn"]]


def test_delivering_twice_sends_once(people, mailoutbox, django_capture_on_commit_callbacks):
    """A retried delivery task (or a second worker) finds the notices claimed: no e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        notices = _notify(people)
    ids = [n.pk for n in notices]
    assert notices_deliver(notice_ids=ids) == 0
    assert len(mailoutbox) == 2
    assert all(n.delivered_at for n in Notice.objects.all())


def test_a_failing_mail_server_keeps_the_notice(
    people, settings, django_capture_on_commit_callbacks
):
    """The mail server refuses: logged, the notices stand and are not sent again."""
    settings.EMAIL_BACKEND = "tests.portal.notifications.failing_mail.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _notify(people)
    assert Notice.objects.filter(delivered_at__isnull=False).count() == 2


def test_users_without_email_still_get_the_notice(mailoutbox, organizer_user, hebei):
    """No address: the notice is in the portal, no e-mail is attempted."""
    colleague = UserFactory(username="no-mail", role="organizer", organizer=hebei, email="")
    notices = _notify([colleague])
    notices_deliver(notice_ids=[n.pk for n in notices])
    assert mailoutbox == []
    assert Notice.objects.filter(recipient=colleague).exists()


def test_demo_notices_are_never_mailed(people, mailoutbox, django_capture_on_commit_callbacks):
    """deliver=False (demo data) writes delivered notices and queues nothing."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify(people, deliver=False)
    assert callbacks == []
    assert mailoutbox == []


@pytest.mark.parametrize("staff", [10, 50])
def test_the_queries_do_not_grow_with_the_recipients(
    staff, hebei, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """Resolving Hebei's staff and writing their notices: the same 8 queries for 10 and 50 —
    savepoint, recipients, notices already there, digest choices, the insert in its own
    savepoint (3), release."""
    UserFactory.create_batch(staff, role="organizer", organizer=hebei)
    with django_capture_on_commit_callbacks(execute=False), django_assert_num_queries(8):
        notices = _notify(users_of(organizer_ids=[hebei.pk]))
    assert len(notices) == staff


def _failing_notice(*, letter_id: int) -> None:
    raise RuntimeError(f"letter {letter_id} is gone")


@pytest.mark.django_db(transaction=True)
def test_a_failing_notice_after_the_commit_is_logged_and_the_move_stands(
    caplog, reference_data, hebei
):
    with caplog.at_level("ERROR", logger="django.db.backends.base"), transaction.atomic():
        Organizer.objects.filter(pk=hebei.pk).update(department="河北省工业和信息化厅（试）")
        notify_on_commit(_failing_notice, letter_id=7)

    assert Organizer.objects.get(pk=hebei.pk).department == "河北省工业和信息化厅（试）"
    assert "_failing_notice" in caplog.text
    assert "letter 7 is gone" in caplog.text
