"""The report pages show each role its own report deadline: the task's organizer's 附件4 date
(its extension included) to the agency and the organizer, none to the enterprise."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from enterprises.choices import TaskState
from portal.models import CampaignExtension
from tests.factories import DiagnosisReportFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def task(campaign, hebei, agency, enterprise, ministry_user):
    CampaignExtension.objects.create(
        campaign=campaign,
        organizer=hebei,
        form=4,
        due=dt.date(2021, 12, 15),
        reason="疫情",
        granted_by=ministry_user,
    )
    task = TaskFactory(
        campaign=campaign,
        organizer=hebei,
        agency=agency,
        enterprise=enterprise,
        state=TaskState.PUBLISHED,
    )
    DiagnosisReportFactory(task=task)
    return task


def _get(client, url):
    with time_machine.travel(dt.datetime(2021, 12, 1, 10, tzinfo=dt.UTC), tick=False):
        response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_agency_counts_down_to_the_extended_date(task, agency_user, client_for):
    response = _get(client_for(agency_user), reverse("reports:report-detail", args=[task.pk]))
    chip = response.context["report_deadline"]
    assert (chip.due, chip.days_left) == (dt.date(2021, 12, 15), 14)
    assert "deadline--overdue" not in response.content.decode()


def test_the_organizers_list_shows_its_own_extended_date(task, organizer_user, client_for):
    response = _get(client_for(organizer_user), reverse("reports:report-list"))
    assert response.context["report_deadline"].due == dt.date(2021, 12, 15)
    assert 'datetime="2021-12-15"' in response.content.decode()


def test_the_enterprise_is_shown_no_report_deadline(task, enterprise_user, client_for):
    for url in (reverse("reports:report-detail", args=[task.pk]), reverse("reports:report-list")):
        response = _get(client_for(enterprise_user), url)
        assert response.context["report_deadline"] is None
        assert 'class="deadline' not in response.content.decode()


def test_agency_and_ministry_lists_show_each_organizers_own_date(
    task, campaign, shandong, agency, agency_user, ministry_user, client_for
):
    """Hebei's 附件4 is extended to 12-15, Shandong's is not: on the agency's and the
    ministry's report lists each row counts down to its own organizer's date (Hebei's row is
    not overdue on 12-01; Shandong's, due 11-15, is); the head names the published date."""
    other = TaskFactory(
        campaign=campaign, organizer=shandong, agency=agency, state=TaskState.PUBLISHED
    )
    for user in (agency_user, ministry_user):
        response = _get(client_for(user), reverse("reports:report-list"))
        rows = {t.pk: t.report_due for t in response.context["page_obj"]}
        assert (rows[task.pk].due, rows[task.pk].days_left) == (dt.date(2021, 12, 15), 14)
        assert (rows[other.pk].due, rows[other.pk].days_left) == (dt.date(2021, 11, 15), -16)
        html = response.content.decode()
        hebei_cell = html[html.index(f'data-report-due="{task.pk}"') :][:300]
        assert 'datetime="2021-12-15"' in hebei_cell and "overdue" not in hebei_cell
        shandong_cell = html[html.index(f'data-report-due="{other.pk}"') :][:300]
        assert 'datetime="2021-11-15"' in shandong_cell
        assert "each row shows its own" in html
