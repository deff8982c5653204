"""The report API offers the same submissions and moves as the pages, scoped the same way."""

from decimal import Decimal

import pytest
from django.utils import translation

from reports.models import DiagnosisReport
from tests.reports.reporting import (
    ALL_OK,
    docx_bytes,
    follow_up_pair,
    pdf_upload,
    published_task,
    submitted_task,
)

API = "/api/v1"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def task(agency_user, enterprise, campaign):
    return published_task(agency_user.agency, enterprise=enterprise, campaign=campaign)


def _open(api, task):
    return api.post(f"{API}/reports/", {"task": task.pk}, format="json")


def test_agency_writes_and_submits_a_report(api_for, agency_user, task):
    """Open, upload a DOCX, add energy, equipment and a measure, set the year, submit."""
    api = api_for(agency_user)
    report = _open(api, task).json()
    upload = pdf_upload("报告.docx", docx_bytes())
    assert (
        api.post(
            f"{API}/reports/{report['id']}/file/", {"file": upload}, format="multipart"
        ).status_code
        == 200
    )
    rows = [
        ("energy-uses", {"carrier_code": "raw_coal", "quantity": "1000", "unit": "t"}),
        (
            "equipment",
            {
                "equipment_type": "motor",
                "name": "电机",
                "rating": "132",
                "count": 2,
                "annual_hours": "6000",
                "efficiency_pct": "93.0",
                "poles": 4,
            },
        ),
        (
            "measures",
            {
                "category": "technical",
                "title": "电机更换",
                "savings_tce": "5",
                "investment_wan": "10",
                "savings_wan": "2",
            },
        ),
    ]
    for path, body in rows:
        response = api.post(f"{API}/{path}/", {"report": report["id"], **body}, format="json")
        assert response.status_code == 201, response.json()
    api.patch(f"{API}/reports/{report['id']}/", {"diagnosis_year": 2020}, format="json")
    refused = api.post(f"{API}/reports/{report['id']}/submit/").json()
    # The data checks: 714 tce against the 12,000 listed, motors but no electricity.
    keys = [item["key"] for item in refused["items"]]
    assert keys == ["energy_vs_list:report", "equipment_balance:report"]
    reasons = {"reasons": dict.fromkeys(keys, "诊断范围为一个分厂；电力由园区统一计量")}
    data = api.post(f"{API}/reports/{report['id']}/submit/", reasons, format="json").json()
    assert (data["task_state"], data["file_type"]) == ("reported", "docx")
    assert data["energy_tce"] == "714.3000"
    assert data["equipment"][0]["rating_status"] == "below_limit"
    assert data["measures"][0]["payback_years"] == "5.00"


def test_api_refuses_a_renamed_executable(api_for, agency_user, task):
    """The same content check as the page: 400 with the reason on the field."""
    api = api_for(agency_user)
    report = _open(api, task).json()
    upload = pdf_upload("report.pdf", b"MZ" + b"\0" * 64)
    response = api.post(f"{API}/reports/{report['id']}/file/", {"file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["field"] == "file"
    assert not DiagnosisReport.objects.get(pk=report["id"]).file


def test_other_agency_sees_nothing_and_cannot_open(api_for, other_agency_user, task, agency_user):
    """Another agency: empty list, 404 on the report, 404 opening the task."""
    report = _open(api_for(agency_user), task).json()
    other = api_for(other_agency_user)
    assert other.get(f"{API}/reports/").json()["count"] == 0
    assert other.get(f"{API}/reports/{report['id']}/").status_code == 404
    assert _open(other, task).status_code == 404


def test_rows_of_another_report_are_refused(api_for, other_agency_user, agency_user, task):
    """A row cannot be added to a report outside one's scope."""
    report = _open(api_for(agency_user), task).json()
    response = api_for(other_agency_user).post(
        f"{API}/energy-uses/",
        {"report": report["id"], "carrier_code": "coke", "quantity": "1"},
        format="json",
    )
    assert response.status_code == 400
    assert "report" in response.json()


def test_enterprise_does_not_see_the_draft(api_for, agency_user, enterprise_user, task):
    """Drafts stay with the agency until submitted."""
    report = _open(api_for(agency_user), task).json()
    assert api_for(enterprise_user).get(f"{API}/reports/{report['id']}/").status_code == 404


def test_review_cycle_through_the_api(
    api_for, agency_user, organizer_user, enterprise_user, enterprise, campaign
):
    """Return needs a comment (409 without); feedback; accept with the checklist; excellent."""
    task = submitted_task(agency_user, enterprise=enterprise, campaign=campaign)
    report_id = DiagnosisReport.objects.get(task=task).pk
    organizer = api_for(organizer_user)
    assert (
        organizer.post(f"{API}/reports/{report_id}/return/", {}, format="json").status_code == 409
    )
    assert (
        organizer.post(f"{API}/reports/{report_id}/accept/", ALL_OK, format="json").status_code
        == 400
    )  # no feedback yet
    feedback = api_for(enterprise_user).post(
        f"{API}/reports/{report_id}/feedback/", {"rating": 5, "comments": "好"}, format="json"
    )
    assert feedback.json()["feedback"]["source"] == "enterprise"
    data = organizer.post(f"{API}/reports/{report_id}/accept/", ALL_OK, format="json").json()
    assert data["task_state"] == "accepted"
    data = organizer.post(
        f"{API}/reports/{report_id}/excellent/", {"note": "典型"}, format="json"
    ).json()
    assert data["is_excellent_case"] is True


def test_other_organizer_cannot_accept(
    api_for, agency_user, other_organizer_user, enterprise, campaign
):
    """Shandong gets 404 on a Hebei report."""
    task = submitted_task(agency_user, enterprise=enterprise, campaign=campaign)
    report_id = DiagnosisReport.objects.get(task=task).pk
    response = api_for(other_organizer_user).post(
        f"{API}/reports/{report_id}/accept/", ALL_OK, format="json"
    )
    assert response.status_code == 404


def test_follow_up_through_the_api(api_for, agency_user, organizer_user):
    """Earlier measures, a record with realized savings, a move, and the realization rate."""
    _earlier, later = follow_up_pair(agency_user.agency, savings=(Decimal(40), Decimal(60)))
    api = api_for(agency_user)
    measures = api.get(f"{API}/follow-ups/earlier/", {"task": later.pk}).json()
    assert [m["savings_tce"] for m in measures] == ["40.0000", "60.0000"]
    body = {"task": later.pk, "measure": measures[1]["id"]}
    assert (
        api.post(f"{API}/follow-ups/", {**body, "realized_tce": "55"}, format="json").status_code
        == 201
    )
    moved = api.post(f"{API}/follow-ups/move/", {**body, "move": "implement"}, format="json")
    assert moved.json()["state"] == "implemented"
    total = api_for(organizer_user).get(f"{API}/realization/", {"year": 2021}).json()["total"]
    assert (total["proposed"], total["realized"], total["rate_by_savings"]) == (2, 1, "60.0000")
    assert total["realized_tce"] == "55.0000"


def test_taxonomy_and_grading_tables_are_readable(api_for, agency_user):
    """The reference data is public to signed-in users, with its standard and edition."""
    api = api_for(agency_user)
    codes = {c["code"] for c in api.get(f"{API}/measure-categories/").json()}
    assert {"MOT", "MOT.01", "MOT.01.01", "WHR", "MGT"} <= codes
    tables = api.get(f"{API}/grading-tables/").json()["results"]
    assert {(t["standard"], t["edition"]) for t in tables} >= {
        ("GB 18613", "2020"),
        ("GB 19762", "2007"),
    }
