"""An extension of an organizer's 附件4 moves the due date of its tasks' reports and of its
acceptance of them, wherever lateness is worked out: the report's late mark, the dashboard's
acceptance column and the reminders to the organizer and to the agencies."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from enterprises.choices import TaskState
from enterprises.models import TaskEvent
from portal.models import CampaignExtension
from reports.dashboard.selectors.matrix import dashboard_matrix
from reports.diagnosis.services import moves
from reports.reminders.plan import reminders_due
from tests.factories import TaskFactory, UserFactory
from tests.reports.reporting import fill_report

pytestmark = pytest.mark.django_db
LINKS = {"forms": "/f/", "tasks": "/t/"}


@pytest.fixture
def hebei_summary_extended(campaign, hebei, ministry_user):
    return CampaignExtension.objects.create(
        campaign=campaign,
        organizer=hebei,
        form=4,
        due=dt.date(2021, 12, 15),
        reason="疫情",
        granted_by=ministry_user,
    )


def test_a_report_before_the_extended_date_is_on_time(
    campaign, hebei, agency_user, enterprise, hebei_summary_extended
):
    task = TaskFactory(
        campaign=campaign,
        organizer=hebei,
        agency=agency_user.agency,
        enterprise=enterprise,
        state=TaskState.PUBLISHED,
    )
    fill_report(task, agency_user)
    with time_machine.travel(dt.datetime(2021, 12, 1, 9, 0, tzinfo=dt.UTC)):
        report = moves.report_submit(task_id=task.pk, actor=agency_user)
    assert report.is_late is False


def test_a_report_without_extension_is_late_on_the_same_day(
    campaign, shandong, agency_user, enterprise, hebei_summary_extended
):
    task = TaskFactory(
        campaign=campaign,
        organizer=shandong,
        agency=agency_user.agency,
        enterprise=enterprise,
        state=TaskState.PUBLISHED,
    )
    fill_report(task, agency_user)
    with time_machine.travel(dt.datetime(2021, 12, 1, 9, 0, tzinfo=dt.UTC)):
        report = moves.report_submit(task_id=task.pk, actor=agency_user)
    assert report.is_late is True


def _accepted_on(task, day, actor):
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    with time_machine.travel(moment, tick=False):
        TaskEvent.objects.create(
            task=task, actor=actor, action="accept", from_state="reported", to_state="accepted"
        )


def test_dashboard_acceptance_honours_the_extension(
    campaign, hebei, shandong, ministry_user, hebei_summary_extended
):
    """Both accepted everything on 12-01: Hebei (extended to 12-15) on time, Shandong late."""
    for organizer in (hebei, shandong):
        task = TaskFactory(campaign=campaign, organizer=organizer, state=TaskState.ACCEPTED)
        _accepted_on(task, dt.date(2021, 12, 1), ministry_user)
    matrix = dashboard_matrix(
        ministry_user, campaign, organizers=[hebei, shandong], today=dt.date(2021, 12, 20)
    )
    cells = {row.code: row.cell("acceptance").state for row in matrix.rows}
    assert cells == {"130000": "on_time", "370000": "late"}


def test_dashboard_of_an_extended_organizer_shows_its_own_dates(
    campaign, hebei, organizer_user, hebei_summary_extended
):
    matrix = dashboard_matrix(
        organizer_user, campaign, organizers=[hebei], today=dt.date(2021, 12, 1)
    )
    dues = {m.key: m.due.nominal for m in matrix.milestones}
    assert dues["form4"] == dues["acceptance"] == dt.date(2021, 12, 15)
    assert dues["form1"] == dt.date(2021, 5, 31)
    assert matrix.rows[0].cell("acceptance").state != "overdue"


def test_reminders_follow_the_extended_report_date(
    campaign, hebei, shandong, agency, organizer_user, hebei_summary_extended
):
    """The agency works for both: on 11-16 it is told of Shandong's overdue report only; the
    Hebei one is reminded of before 12-15."""
    agency_staff = UserFactory(username="a-staff", role="agency", agency=agency, email="a@x.cn")
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, state=TaskState.PUBLISHED)
    TaskFactory(campaign=campaign, organizer=shandong, agency=agency, state=TaskState.PUBLISHED)

    on_16_nov = reminders_due(campaign, dt.date(2021, 11, 16), LINKS)
    to_agency = [r for r in on_16_nov if r.recipient_id == agency_staff.pk]
    assert [(r.stage, r.object_key) for r in to_agency] == [("overdue", "")]
    # Hebei's staff are not told their acceptance is overdue: theirs is due 12-15.
    assert not [r for r in on_16_nov if r.recipient_id == organizer_user.pk]

    on_14_dec = reminders_due(campaign, dt.date(2021, 12, 14), LINKS)
    keys = {(r.recipient_id, r.milestone, r.stage, r.object_key) for r in on_14_dec}
    assert (agency_staff.pk, "reports", "before-1", f"organizer:{hebei.pk}") in keys
    assert (organizer_user.pk, "acceptance", "before-1", "") in keys
