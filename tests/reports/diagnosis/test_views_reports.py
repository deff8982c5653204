"""Report pages: scoping, the editor's HTMX rows, refused uploads, downloads, moves."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from enterprises.choices import TaskState
from portal.models import AuditLog
from reports.models import DiagnosisReport, Feedback
from tests.factories import DiagnosisReportFactory, TaskFactory
from tests.reports.reporting import (
    PDF_BYTES,
    fill_report,
    pdf_upload,
    published_task,
    rate,
    submitted_task,
)


@pytest.fixture(autouse=True)
def _english(client, settings):
    """Messages are checked in English: the pages answer in the cookie's language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


@pytest.fixture
def submitted(agency_user, enterprise, campaign):
    with time_machine.travel(dt.datetime(2021, 9, 1, 2, 0, tzinfo=dt.UTC)):
        return submitted_task(agency_user, enterprise=enterprise, campaign=campaign)


def _url(name, task, *args):
    return reverse(f"reports:{name}", args=[task.pk, *args])


def test_list_shows_only_the_agencys_published_tasks(
    client_for, agency_user, task, other_agency, campaign
):
    """Another agency's task and an unpublished task of one's own are not listed."""
    TaskFactory(agency=other_agency, campaign=campaign, state=TaskState.PUBLISHED)
    TaskFactory(agency=agency_user.agency, campaign=campaign, state=TaskState.LETTER_SIGNED)
    response = client_for(agency_user).get(reverse("reports:report-list"), {"year": 2021})
    assert [t.pk for t in response.context["page_obj"]] == [task.pk]


def _reports(n, agency, campaign, recorder):
    """`n` submitted reports with feedback (rows made directly: only the list is under test)."""
    for _ in range(n):
        task = TaskFactory(agency=agency, campaign=campaign, state=TaskState.REPORTED)
        report = DiagnosisReportFactory(task=task, submitted=True)
        Feedback.objects.create(report=report, rating=4, recorded_by=recorder)


@pytest.mark.parametrize("rows", [10, 100])
def test_list_query_count_is_flat(
    rows, client_for, organizer_user, agency, campaign, django_assert_num_queries
):
    """9 queries whether 10 or 100 reports: session, user with their organizer, campaigns
    (tabs), the organizer's 附件4 extension (its report deadline), count (read from the cache
    once per data version where the cache is shared: portal/dataversion.py), current campaign
    (nav), notices badge, the page's keys (an index walk, the same at any depth), then those
    tasks joined with their reports and feedback."""
    _reports(rows, agency, campaign, organizer_user)
    client = client_for(organizer_user)
    with django_assert_num_queries(9):
        response = client.get(reverse("reports:report-list"), {"year": 2021})
    assert response.status_code == 200


def test_other_agency_gets_404_on_the_report_page(client_for, other_agency_user, task):
    """The page of another agency's task does not exist for them."""
    assert client_for(other_agency_user).get(_url("report-detail", task)).status_code == 404


def test_enterprise_does_not_see_a_draft(client_for, agency_user, enterprise_user, task):
    """Before submission the enterprise sees that nothing has been submitted yet."""
    fill_report(task, agency_user)
    response = client_for(enterprise_user).get(_url("report-detail", task))
    assert response.status_code == 200
    assert response.context["report"] is None
    assert b"No report has been submitted yet" in response.content


def test_htmx_row_add_returns_the_data_fragment_with_new_totals(client_for, agency_user, task):
    """Adding coal through HTMX answers with the data fragment: the new row and total."""
    response = client_for(agency_user).post(
        _url("row-add", task, "energy"),
        {"carrier_code": "raw_coal", "quantity": "1000", "unit": "t"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="report-data"' in body and "<html" not in body
    assert 'data-total="energy_tce">714.30' in body


def test_htmx_row_with_an_error_answers_422_with_the_message(client_for, agency_user, task):
    """A measured heating value for electricity is refused on its field, status 422."""
    response = client_for(agency_user).post(
        _url("row-add", task, "energy"),
        {"carrier_code": "electricity", "quantity": "10", "measured_lhv": "3600"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "cannot be used for" in response.content.decode()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00" + b"\x00" * 100, "report.pdf", "executable"),
        (b"<html><body>report</body></html>", "report.pdf", "HTML"),
        (b"", "report.pdf", "empty"),
    ],
)
def test_page_refuses_bad_uploads_and_stores_nothing(
    client_for, agency_user, task, content, name, message, settings, tmp_path
):
    """A renamed executable, HTML or an empty file: 400 with the reason, nothing stored."""
    settings.MEDIA_ROOT = tmp_path
    upload = pdf_upload(name, content)
    response = client_for(agency_user).post(_url("report-file", task), {"file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DiagnosisReport.objects.filter(task=task).exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_page_refuses_an_oversized_upload(client_for, agency_user, task, settings):
    """Above the limit the page says how big the file is and what the limit is."""
    settings.UPLOAD_MAX_BYTES = 1024
    upload = pdf_upload(content=PDF_BYTES + b"0" * 2048)
    response = client_for(agency_user).post(_url("report-file", task), {"file": upload})
    assert response.status_code == 400
    assert "larger than the limit of 0.000977 MB" in response.content.decode()


def test_download_is_scoped_and_audited(client_for, agency_user, other_agency_user, submitted):
    """The agency downloads its file (audited); another agency gets 404."""
    response = client_for(agency_user).get(_url("report-download", submitted))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert AuditLog.objects.filter(action="report.download").count() == 1
    assert client_for(other_agency_user).get(_url("report-download", submitted)).status_code == 404


def test_enterprise_and_organizer_download_once_submitted(
    client_for, submitted, enterprise_user, organizer_user, other_organizer_user
):
    """Its enterprise and organizer may download; another organizer may not."""
    assert client_for(enterprise_user).get(_url("report-download", submitted)).status_code == 200
    assert client_for(organizer_user).get(_url("report-download", submitted)).status_code == 200
    assert (
        client_for(other_organizer_user).get(_url("report-download", submitted)).status_code == 404
    )


def test_incomplete_submit_shows_why_with_400(client_for, agency_user, task):
    """Submitting an empty report answers 400 with what is missing."""
    response = client_for(agency_user).post(_url("report-submit", task))
    assert response.status_code == 400
    assert "not complete" in response.content.decode()


def test_organizer_returns_then_accepts_through_the_page(
    client_for, submitted, organizer_user, agency_user, enterprise_user
):
    """Return with a comment (the agency sees it), resubmit, rate, accept with the checklist."""
    client = client_for(organizer_user)
    response = client.post(
        _url("report-decide", submitted), {"decision": "return", "comment": "补充电机实测效率"}
    )
    assert response.status_code == 302
    page = client_for(agency_user).get(_url("report-detail", submitted))
    assert "补充电机实测效率" in page.content.decode()
    client.post(_url("report-submit", submitted))  # the organizer may not submit
    client_for(agency_user).post(_url("report-submit", submitted))
    rate(submitted, enterprise_user)
    checks = {"quantity_ok": "on", "quality_ok": "on", "data_ok": "on", "feedback_ok": "on"}
    response = client_for(organizer_user).post(
        _url("report-decide", submitted), {"decision": "accept", **checks}
    )
    submitted.refresh_from_db()
    assert (response.status_code, submitted.state) == (302, "accepted")


def test_accepting_without_the_checklist_answers_400(
    client_for, submitted, organizer_user, enterprise_user
):
    """Unticked criteria are named on the page; the task stays reported."""
    rate(submitted, enterprise_user)
    response = client_for(organizer_user).post(
        _url("report-decide", submitted), {"decision": "accept", "quantity_ok": "on"}
    )
    submitted.refresh_from_db()
    assert (response.status_code, submitted.state) == (400, "reported")
    assert "quality" in response.content.decode()


def test_enterprise_rates_through_the_page(client_for, submitted, enterprise_user):
    """The enterprise confirms and rates; the organizer's page then shows the rating."""
    response = client_for(enterprise_user).post(
        _url("feedback", submitted), {"confirmed": "on", "rating": "4"}
    )
    assert response.status_code == 302
    assert Feedback.objects.get(report__task=submitted).rating == 4


def test_overview_is_for_organizers_and_the_ministry(client_for, agency_user, organizer_user):
    """Agencies are refused the campaign overview."""
    assert client_for(agency_user).get(reverse("reports:overview")).status_code == 403
    assert client_for(organizer_user).get(reverse("reports:overview")).status_code == 200


def test_htmx_row_remove_returns_the_fragment(client_for, agency_user, task):
    """Removing a row through HTMX answers with the data fragment and the status panel."""
    from reports.diagnosis.services import editing

    row = editing.energy_use_add(
        task_id=task.pk,
        actor=agency_user,
        data={"carrier_code": "coke", "quantity": 1, "unit": "t"},
    )
    response = client_for(agency_user).post(
        _url("row-remove", task, "energy", row.pk), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-total="energy_tce">0.00' in body and 'hx-swap-oob="true"' in body
