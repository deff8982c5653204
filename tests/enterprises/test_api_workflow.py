"""The workflow under /api/v1/: the same services, the same scoping, the same errors."""

import pytest

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from tests.enterprises.workflow_helpers import PDF, recommend, rows, upload
from tests.factories import SubmissionFactory, TaskFactory, TaskLetterFactory, credit_code
from tests.fixtures.sheets import intent_xlsx

pytestmark = pytest.mark.django_db


def task_body(campaign, agency, **changes) -> dict:
    return {
        "campaign": campaign.pk,
        "enterprise_name": "API测试钢铁有限公司",
        "credit_code": credit_code("130200"),
        "city": "唐山市",
        "industry": "C31",
        "energy_tce": "12000",
        "diagnosis_type": "key_industry",
        "agency": agency.pk,
        "is_sme": False,
        **changes,
    }


def test_organizer_adds_a_task_and_the_rules_apply(
    campaign, hebei, agency, organizer_user, api_for
):
    """POST /tasks/ creates the row; a regional row without park is a 400 naming the field."""
    recommend(campaign, hebei, agency)
    api = api_for(organizer_user)
    response = api.post("/api/v1/tasks/", task_body(campaign, agency), format="json")
    assert response.status_code == 201 and response.json()["state"] == "matched"
    response = api.post(
        "/api/v1/tasks/",
        task_body(campaign, agency, credit_code=credit_code("130200"), diagnosis_type="regional"),
        format="json",
    )
    assert response.status_code == 400 and response.json()["field"] == "remarks"


def test_agency_cannot_write_tasks(campaign, agency, agency_user, api_for):
    """Writes are for organizers: 403 for an agency."""
    response = api_for(agency_user).post(
        "/api/v1/tasks/", task_body(campaign, agency), format="json"
    )
    assert response.status_code == 403


def test_other_organizers_task_is_404_through_the_api(campaign, shandong, organizer_user, api_for):
    """Scoping: another tenant's task cannot be read or deleted."""
    task = TaskFactory(campaign=campaign, organizer=shandong)
    api = api_for(organizer_user)
    assert api.get(f"/api/v1/tasks/{task.pk}/").status_code == 404
    assert api.delete(f"/api/v1/tasks/{task.pk}/").status_code == 404


def test_import_endpoint_reports_bad_rows_with_422(
    campaign, hebei, agency, organizer_user, api_for
):
    """A file with a bad row: 422 and the rows; a clean one: 200 and the counts."""
    recommend(campaign, hebei, agency)
    table = rows(2, agency.name)
    table[1]["组织机构代码"] = "123"
    api = api_for(organizer_user)
    bad = api.post(
        "/api/v1/tasks/import/",
        {"campaign": campaign.pk, "file": upload("a.xlsx", intent_xlsx(table))},
        format="multipart",
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["column"] == "组织机构代码"
    good = api.post(
        "/api/v1/tasks/import/",
        {"campaign": campaign.pk, "file": upload("a.xlsx", intent_xlsx(rows(2, agency.name)))},
        format="multipart",
    )
    assert good.status_code == 200 and good.json()["created"] == 2


def test_agency_signs_its_letter_through_the_api(campaign, hebei, agency, agency_user, api_for):
    """POST /letters/{id}/sign/ with the scan: the tasks are letter_signed."""
    TaskFactory(campaign=campaign, organizer=hebei, agency=agency)
    letter = TaskLetterFactory(campaign=campaign, organizer=hebei, agency=agency)
    api = api_for(agency_user)
    listed = api.get("/api/v1/letters/").json()["results"]
    assert [(row["id"], row["task_count"]) for row in listed] == [(letter.pk, 1)]
    response = api.post(
        f"/api/v1/letters/{letter.pk}/sign/", {"scan": upload("scan.pdf", PDF)}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["state"] == "signed"
    assert DiagnosisTask.objects.get().state == TaskState.LETTER_SIGNED


def test_plan_api_with_optimistic_locking(campaign, organizer_user, api_for):
    """POST creates the plan; PATCH needs the version; a stale version is a 409."""
    api = api_for(organizer_user)
    created = api.post(
        "/api/v1/plans/", {"campaign": campaign.pk, "key_industry": 210}, format="json"
    ).json()
    url = f"/api/v1/plans/{created['id']}/"
    assert api.patch(url, {"sme": 5}, format="json").status_code == 400
    assert api.patch(url, {"sme": 5, "version": 1}, format="json").status_code == 200
    stale = api.patch(url, {"sme": 9, "version": 1}, format="json")
    assert stale.status_code == 409 and "detail" in stale.json()


def test_submission_opened_and_submitted_through_the_api(
    campaign, hebei, agency, organizer_user, api_for
):
    """POST /submissions/ opens form 2; submitting it empty is refused with the reason."""
    api = api_for(organizer_user)
    opened = api.post("/api/v1/submissions/", {"campaign": campaign.pk, "form": 2}, format="json")
    assert opened.status_code == 201 and opened.json()["state"] == "draft"
    url = f"/api/v1/submissions/{opened.json()['id']}/submit/"
    assert api.post(url, {}, format="json").status_code == 400
    api.post(
        "/api/v1/recommendations/", {"campaign": campaign.pk, "agency": agency.pk}, format="json"
    )
    assert api.post(url, {}, format="json").json()["state"] == "submitted"


def test_published_lists_are_public_and_publish_is_for_the_ministry(
    campaign, hebei, ministry_user, organizer_user, api_for
):
    """Anyone reads the published list; only the ministry publishes."""
    from rest_framework.test import APIClient

    SubmissionFactory(campaign=campaign, organizer=hebei, form=3, approved=True)
    TaskFactory(campaign=campaign, organizer=hebei, state=TaskState.LETTER_SIGNED)
    body = {"campaign": campaign.pk}
    assert (
        api_for(organizer_user)
        .post("/api/v1/published-lists/publish/", body, format="json")
        .status_code
        == 403
    )
    published = api_for(ministry_user).post("/api/v1/published-lists/publish/", body, format="json")
    assert published.status_code == 201
    anonymous = APIClient()
    entries = anonymous.get(f"/api/v1/published-lists/{published.json()['id']}/entries/")
    assert entries.status_code == 200 and entries.json()["count"] == 1


def test_recommendations_and_registry_through_the_api(campaign, organizer_user, api_for):
    """Register an agency (again: the same one, 200) and recommend it."""
    api = api_for(organizer_user)
    body = {"credit_code": credit_code("130100"), "name": "API登记节能公司"}
    first = api.post("/api/v1/agencies/", body, format="json")
    again = api.post("/api/v1/agencies/", body, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    rec = api.post(
        "/api/v1/recommendations/",
        {"campaign": campaign.pk, "agency": first.json()["id"], "planned_enterprises": 8},
        format="json",
    )
    assert rec.status_code == 201 and rec.json()["seq"] == 1
    assert (
        api.post(
            "/api/v1/recommendations/",
            {"campaign": campaign.pk, "agency": first.json()["id"]},
            format="json",
        ).status_code
        == 400
    )


def test_schema_describes_the_workflow_endpoints(client):
    """The OpenAPI schema lists the new endpoints."""
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/plans/",
        "/api/v1/tasks/import/",
        "/api/v1/letters/{id}/sign/",
        "/api/v1/published-lists/publish/",
        "/api/v1/recommendations/import/",
    ):
        assert path in schema
