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
