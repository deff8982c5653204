"""A report's moves tell the organizer, the agency and the enterprise, each what concerns them."""

import pytest
from django.urls import reverse

from enterprises.models import TaskEvent
from portal.models import Notice
from reports.diagnosis.notices import report_move_notify
from reports.diagnosis.services import moves
from tests.reports.reporting import ALL_OK, fill_report, published_task, rate

pytestmark = pytest.mark.django_db


def _kinds(user):
    return sorted(Notice.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def everyone(
    organizer_user,
    agency_user,
    enterprise_user,
    other_organizer_user,
    other_agency_user,
    other_enterprise_user,
):
    return organizer_user, agency_user, enterprise_user


@pytest.fixture
def task(everyone, enterprise, campaign):
    _, agency_user, _ = everyone
    task = published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)
    fill_report(task, agency_user)
    return task


def _others(other_organizer_user, other_agency_user, other_enterprise_user):
    return [_kinds(u) for u in (other_organizer_user, other_agency_user, other_enterprise_user)]


def test_submitting_asks_the_organizer_to_accept_and_the_enterprise_to_confirm(
    task,
    everyone,
    other_organizer_user,
    other_agency_user,
    other_enterprise_user,
    client_for,
    django_capture_on_commit_callbacks,
):
    """Both links open the report's page for their reader; nobody else hears of it."""
    organizer_user, agency_user, enterprise_user = everyone
    with django_capture_on_commit_callbacks(execute=True):
        moves.report_submit(task_id=task.pk, actor=agency_user)
    assert _kinds(organizer_user) == ["report_submitted"]
    assert _kinds(enterprise_user) == ["report_to_confirm"]
    assert _kinds(agency_user) == []
    assert _others(other_organizer_user, other_agency_user, other_enterprise_user) == [[], [], []]
    for user in (organizer_user, enterprise_user):
        url = Notice.objects.get(recipient=user).url
        assert url == reverse("reports:report-detail", args=[task.pk])
        assert client_for(user).get(url).status_code == 200


def test_a_return_reaches_the_agency_with_the_comment(
    task, everyone, django_capture_on_commit_callbacks
):
    organizer_user, agency_user, enterprise_user = everyone
    moves.report_submit(task_id=task.pk, actor=agency_user)
    with django_capture_on_commit_callbacks(execute=True):
        moves.report_return(task_id=task.pk, actor=organizer_user, comment="能耗数据缺少电力")
    notice = Notice.objects.get(recipient=agency_user)
    assert notice.kind == "report_returned"
    assert "能耗数据缺少电力" in notice.body
    assert _kinds(enterprise_user) == []


def test_a_resubmission_after_the_enterprise_confirmed_does_not_ask_it_again(
    task, everyone, django_capture_on_commit_callbacks
):
    """Returned and resubmitted: the organizer is told again, the enterprise (which has given
    its feedback) is not asked a second time."""
    organizer_user, agency_user, enterprise_user = everyone
    with django_capture_on_commit_callbacks(execute=True):
        moves.report_submit(task_id=task.pk, actor=agency_user)
    rate(task, enterprise_user)
    moves.report_return(task_id=task.pk, actor=organizer_user, comment="补充")
    with django_capture_on_commit_callbacks(execute=True):
        moves.report_submit(task_id=task.pk, actor=agency_user)
    assert _kinds(organizer_user) == ["report_submitted", "report_submitted"]
    assert _kinds(enterprise_user) == ["report_to_confirm"]


def test_acceptance_tells_the_agency_and_the_enterprise_once(
    task, everyone, django_capture_on_commit_callbacks
):
    organizer_user, agency_user, enterprise_user = everyone
    moves.report_submit(task_id=task.pk, actor=agency_user)
    rate(task, enterprise_user)
    with django_capture_on_commit_callbacks(execute=True):
        moves.report_accept(task_id=task.pk, actor=organizer_user, checklist=ALL_OK)
    assert _kinds(agency_user) == ["report_accepted"]
    assert _kinds(enterprise_user) == ["report_accepted"]
    event = TaskEvent.objects.get(action="accept")
    assert report_move_notify(event_id=event.pk) == []  # a retry writes nothing
