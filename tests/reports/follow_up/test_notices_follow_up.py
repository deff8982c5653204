"""A follow-up record tells the other side: the organizer of the agency's, and back."""

import pytest
from django.urls import reverse

from portal.models import Notice
from reports.follow_up.services import follow_up_move, follow_up_progress_report
from reports.models import Measure
from tests.reports.reporting import follow_up_pair

pytestmark = pytest.mark.django_db


def test_the_agencys_record_reaches_the_organizer_only(
    agency_user,
    organizer_user,
    other_organizer_user,
    client_for,
    django_capture_on_commit_callbacks,
):
    """The agency marks an earlier measure implemented: Hebei's staff hear of it (with a link
    to the follow-up page that opens for them); Shandong's do not, nor the agency itself."""
    earlier, later = follow_up_pair(agency_user.agency)
    measure = Measure.objects.filter(report__task=earlier).first()
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_move(task_id=later.pk, measure_id=measure.pk, move="implement", actor=agency_user)
    notice = Notice.objects.get(recipient=organizer_user)
    assert notice.kind == "follow_up_recorded"
    assert measure.title in notice.body
    assert notice.url == reverse("reports:follow-up", args=[later.pk])
    assert client_for(organizer_user).get(notice.url).status_code == 200
    assert not Notice.objects.filter(recipient__in=[other_organizer_user, agency_user]).exists()


def test_the_enterprises_progress_reaches_its_organizer_and_agency_only(
    agency_user,
    organizer_user,
    other_organizer_user,
    enterprise_user,
    django_capture_on_commit_callbacks,
):
    """The enterprise reports progress on an earlier measure: Hebei's staff and the agency hear
    of it with the link to the follow-up page; Shandong does not, nor the enterprise itself.
    A second report later is a new event, so it is a new notice."""
    earlier, later = follow_up_pair(agency_user.agency)
    type(enterprise_user).objects.filter(pk=enterprise_user.pk).update(enterprise=later.enterprise)
    enterprise_user.refresh_from_db()
    measure = Measure.objects.filter(report__task=earlier).order_by("id").first()
    report = {"task_id": later.pk, "measure_id": measure.pk, "actor": enterprise_user}
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_progress_report(**report, progress="in_progress", note="设备已订货")
    notices = Notice.objects.filter(kind="follow_up_recorded")
    assert set(notices.values_list("recipient_id", flat=True)) == {
        organizer_user.pk,
        agency_user.pk,
    }
    notice = notices.get(recipient=organizer_user)
    assert measure.title in notice.body and "设备已订货" in notice.body
    assert notice.url == reverse("reports:follow-up", args=[later.pk])
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_progress_report(**report, progress="implemented")
    assert notices.filter(recipient=organizer_user).count() == 2
    assert not Notice.objects.filter(recipient__in=[other_organizer_user, enterprise_user]).exists()
