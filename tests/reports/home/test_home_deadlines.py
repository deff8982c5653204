"""Each role's home page shows its own deadlines: handed-in forms as "done on … (due …)" with a
late mark when late, red only for what is still open and past due, the ministry no overdue of
its own, an agency its reports at its organizer's (extended) 附件4 date, an enterprise none."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from enterprises.choices import TaskState
from portal.models import CampaignExtension
from tests.factories import DiagnosisReportFactory, SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _at(year, month, day, hour=10):
    return dt.datetime(year, month, day, hour, tzinfo=SHANGHAI)


def _extend(campaign, organizer, form, due, by):
    return CampaignExtension.objects.create(
        campaign=campaign, organizer=organizer, form=form, due=due, reason="洪灾", granted_by=by
    )


def _home(client_for, user, when):
    with time_machine.travel(when, tick=False):
        response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    return response


def _rows(response) -> dict[int, dict]:
    return {row["form"].value: row for row in response.context["form_rows"]}


def test_a_form_submitted_late_shows_when_against_its_deadline(
    campaign, organizer_user, hebei, client_for
):
    SubmissionFactory(
        organizer=hebei,
        campaign=campaign,
        form=1,
        submitted=True,
        submitted_at=_at(2021, 6, 4),
        is_late=True,
    )
    SubmissionFactory(
        organizer=hebei, campaign=campaign, form=2, approved=True, submitted_at=_at(2021, 5, 20)
    )
    response = _home(client_for, organizer_user, _at(2021, 12, 4))
    rows = _rows(response)
    late, on_time = rows[1]["deadline"], rows[2]["deadline"]
    assert (late.done_on, late.due, late.late) == (dt.date(2021, 6, 4), dt.date(2021, 5, 31), True)
    assert (on_time.done_on, on_time.late, on_time.is_overdue) == (
        dt.date(2021, 5, 20),
        False,
        False,
    )
    html = response.content.decode()
    assert "Done on 2021-06-04" in html
    assert "(due 2021-05-31)" in html
    assert html.count("deadline--late") == 1
    # What is still open and past due (附件3 and 附件4 were never submitted) is red.
    assert rows[3]["deadline"].is_overdue
    assert html.count("deadline--overdue") == 2


def test_a_returned_form_counts_down_to_its_extension(
    campaign, ministry_user, organizer_user, hebei, client_for
):
    SubmissionFactory(organizer=hebei, campaign=campaign, form=3, returned=True)
    _extend(campaign, hebei, 3, dt.date(2021, 7, 15), ministry_user)
    rows = _rows(_home(client_for, organizer_user, _at(2021, 7, 1)))
    chip = rows[3]["deadline"]
    assert (chip.due, chip.days_left, chip.is_overdue) == (dt.date(2021, 7, 15), 14, False)
    assert rows[1]["deadline"].due == dt.date(2021, 5, 31)


def test_the_ministry_sees_the_organizers_deadline_without_an_overdue_of_its_own(
    campaign, ministry_user, hebei, shandong, client_for
):
    SubmissionFactory(organizer=hebei, campaign=campaign, form=1, submitted=True)
    response = _home(client_for, ministry_user, _at(2021, 6, 10))
    html = response.content.decode()
    assert "deadline--overdue" not in html
    row = response.context["review_rows"][0]
    assert (row["waiting"], row["organizers_due"]) == (1, dt.date(2021, 5, 31))
    # Every other active organizer owes 附件1 and is past 05-31; Hebei handed it in.
    assert row["overdue"] >= 1
    assert (
        "Organizers&#x27; deadline: 2021-05-31." in html
        or "Organizers' deadline: 2021-05-31." in html
    )
    assert "past their deadlines" in html
    # Each card opens the queue on its own form and year.
    assert f'href="{reverse("provinces:review-queue")}?form=1&amp;year={campaign.year}"' in html


def test_an_agency_sees_its_reports_at_its_organizers_extended_summary_date(
    campaign, ministry_user, agency, agency_user, hebei, client_for
):
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency, state=TaskState.PUBLISHED)
    _extend(campaign, hebei, 4, dt.date(2021, 12, 15), ministry_user)
    response = _home(client_for, agency_user, _at(2021, 12, 1))
    reports = response.context["reports"]
    assert reports["outstanding"] == 1
    assert reports["deadline"].due == dt.date(2021, 12, 15)
    assert not reports["deadline"].is_overdue
    assert "deadline--overdue" not in response.content.decode()


def test_an_agency_with_every_report_in_sees_the_late_mark(
    campaign, agency, agency_user, hebei, client_for
):
    task = TaskFactory(campaign=campaign, organizer=hebei, agency=agency, state=TaskState.REPORTED)
    DiagnosisReportFactory(task=task, submitted_at=_at(2021, 11, 20), submit_count=1, is_late=True)
    response = _home(client_for, agency_user, _at(2021, 12, 1))
    chip = response.context["reports"]["deadline"]
    assert (chip.done_on, chip.due, chip.late) == (
        dt.date(2021, 11, 20),
        dt.date(2021, 11, 15),
        True,
    )
    assert "deadline--late" in response.content.decode()


def test_an_enterprise_sees_no_deadline_but_what_it_has_to_confirm(
    campaign, enterprise, enterprise_user, hebei, client_for
):
    task = TaskFactory(campaign=campaign, organizer=hebei, enterprise=enterprise)
    DiagnosisReportFactory(task=task, submitted=True)
    response = _home(client_for, enterprise_user, _at(2021, 12, 4))
    html = response.content.decode()
    assert response.context["to_confirm"] == 1
    assert "Confirm the diagnosis and rate it" in html
    assert 'class="deadline' not in html


def test_a_closed_year_shows_dates_never_overdue(
    campaign, ministry_user, organizer_user, client_for
):
    from portal.campaigns import campaign_move

    campaign_move(campaign_id=campaign.pk, move="close", actor=ministry_user, comment="年度结束")
    response = _home(client_for, organizer_user, _at(2021, 12, 4))
    assert "deadline--overdue" not in response.content.decode()
