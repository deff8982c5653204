"""The daily reminder job with a frozen clock: the right people, each reminder exactly once."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from portal.choices import Role
from portal.models import Notice
from portal.notifications.kinds import NoticeKind
from reports.reminders.services import reminders_send
from reports.reminders.tasks import send_reminders
from tests.factories import SubmissionFactory, TaskFactory, UserFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def people(organizer_user, other_organizer_user, agency_user, other_agency_user):
    for user in (organizer_user, other_organizer_user, agency_user, other_agency_user):
        user.email = f"{user.username}@example.cn"
        user.save(update_fields=["email"])
    return organizer_user, other_organizer_user


def _run(day: str, capture) -> list:
    """Run the Celery task at 08:00 Beijing time on `day`, committing (so e-mails go out)."""
    moment = dt.datetime.fromisoformat(day + "T08:00").replace(tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return send_reminders.delay().get()


def _reminders():
    return Notice.objects.filter(kind=NoticeKind.REMINDER)


def _logs(user) -> list[tuple[str, str]]:
    """(milestone, stage) of the user's reminders, read from the event key of each notice."""
    keys = _reminders().filter(recipient=user).values_list("event_key", flat=True)
    return sorted(tuple(key.split(":")[2:4]) for key in keys)


def test_seven_working_days_before_each_unsubmitted_form_is_reminded_once(
    people, campaign, shandong, mailoutbox, django_capture_on_commit_callbacks
):
    """On 05-20 Hebei is reminded of 附件1 and 附件2; Shandong, whose 附件1 is in, of 附件2 only."""
    hebei_staff, shandong_staff = people
    SubmissionFactory(organizer=shandong, campaign=campaign, form=1, submitted=True)
    assert _run("2021-05-20", django_capture_on_commit_callbacks) == 3
    assert _logs(hebei_staff) == [("form1", "before-7"), ("form2", "before-7")]
    assert _logs(shandong_staff) == [("form2", "before-7")]
    assert sorted(m.to[0] for m in mailoutbox) == [
        "hebei-staff@example.cn",
        "hebei-staff@example.cn",
        "shandong-staff@example.cn",
    ]
    assert Notice.objects.filter(recipient=hebei_staff, read_at__isnull=True).count() == 2


def test_running_twice_a_day_or_again_next_day_sends_nothing_more(
    people, campaign, mailoutbox, django_capture_on_commit_callbacks
):
    """A second run on 05-20 and a run on 05-21 (same stage) send no reminder again."""
    first = _run("2021-05-20", django_capture_on_commit_callbacks)
    assert _run("2021-05-20", django_capture_on_commit_callbacks) == 0
    assert _run("2021-05-21", django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == first == Notice.objects.count()


def test_one_working_day_before_then_overdue_each_once(
    people, campaign, mailoutbox, django_capture_on_commit_callbacks
):
    """05-28 (Friday) brings the 1-day reminder, 06-01 the overdue notice, each once."""
    hebei_staff, _ = people
    for day in ("2021-05-20", "2021-05-28", "2021-05-29", "2021-05-31", "2021-06-01", "2021-06-02"):
        _run(day, django_capture_on_commit_callbacks)
    # 附件3 (06-15, after the Dragon Boat holiday) is still 8 working days away on 06-02.
    assert _logs(hebei_staff) == [
        ("form1", "before-1"),
        ("form1", "before-7"),
        ("form1", "overdue"),
        ("form2", "before-1"),
        ("form2", "before-7"),
        ("form2", "overdue"),
    ]
    assert len([m for m in mailoutbox if m.to == [hebei_staff.email]]) == 6


def test_a_missed_day_is_caught_up_but_an_old_deadline_stays_quiet(
    people, campaign, django_capture_on_commit_callbacks
):
    """No run on 05-20: 05-24 sends the 7-day stage; 07-01 sends nothing about May."""
    hebei_staff, _ = people
    _run("2021-05-24", django_capture_on_commit_callbacks)
    assert _logs(hebei_staff) == [("form1", "before-7"), ("form2", "before-7")]
    _reminders().delete()
    _run("2021-07-01", django_capture_on_commit_callbacks)
    assert not _reminders().exists()


def test_inactive_staff_and_other_roles_get_no_form_reminders(
    people, campaign, ministry_user, hebei, django_capture_on_commit_callbacks
):
    """Only active organizer staff are reminded of their organizer's forms."""
    retired = UserFactory(username="retired", role=Role.ORGANIZER, organizer=hebei, is_active=False)
    _run("2021-05-20", django_capture_on_commit_callbacks)
    assert not _reminders().filter(recipient__in=[retired, ministry_user]).exists()
    assert not _reminders().filter(recipient__role=Role.AGENCY).exists()


def test_agencies_with_outstanding_reports_and_organizers_are_reminded_before_11_15(
    people,
    campaign,
    hebei,
    agency,
    agency_user,
    other_agency_user,
    django_capture_on_commit_callbacks,
):
    """On 11-04 (7 working days left) the agency with a published task hears, the other not."""
    hebei_staff, shandong_staff = people
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, published=True)
    _run("2021-11-04", django_capture_on_commit_callbacks)
    assert _logs(agency_user) == [("reports", "before-7")]
    assert _logs(other_agency_user) == []
    assert ("acceptance", "before-7") in _logs(hebei_staff)
    assert ("acceptance", "before-7") not in _logs(shandong_staff)


def test_reminders_service_returns_what_it_sent(people, campaign):
    """reminders_send(today=…) can be called directly (e.g. from a shell) with a date."""
    sent = reminders_send(today=dt.date(2021, 5, 20))
    assert {(r.milestone, r.stage) for r in sent} == {("form1", "before-7"), ("form2", "before-7")}
