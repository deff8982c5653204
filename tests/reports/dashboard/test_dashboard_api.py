"""The dashboard, scorecard and export API: same data and rules as the pages."""

import pytest

from tests.factories import SubmissionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_ministry_gets_the_national_dashboard(api_for, ministry_user, campaign, hebei):
    """Five milestones with working days left, 37 rows, Hebei's 附件1 on time."""
    SubmissionFactory(organizer=hebei, campaign=campaign, form=1, submitted=True)
    data = api_for(ministry_user).get("/api/v1/dashboard/", {"campaign": 2021}).json()
    assert [m["key"] for m in data["milestones"]] == [
        "form1",
        "form2",
        "form3",
        "acceptance",
        "form4",
    ]
    assert isinstance(data["milestones"][0]["days_left"], int)
    assert len(data["rows"]) == 37
    hebei_row = next(r for r in data["rows"] if r["code"] == "130000")
    assert hebei_row["cells"][0]["state"] == "on_time"
    assert data["counts"]["form1"]["on_time"] == 1


def test_organizer_gets_only_itself(api_for, organizer_user, campaign, shandong):
    """Hebei's staff get one row and no Shandong figures, even when asking for them."""
    TaskFactory(campaign=campaign, organizer=shandong)
    data = api_for(organizer_user).get("/api/v1/dashboard/", {"q": "山东"}).json()
    assert [r["code"] for r in data["rows"]] == ["130000"]
    assert data["progress"]["total"]["listed"] == 0


@pytest.mark.parametrize("path", ["/api/v1/dashboard/", "/api/v1/scorecards/", "/api/v1/exports/"])
def test_agencies_are_refused(api_for, agency_user, campaign, path):
    """Agencies get 403 on the dashboard, the scorecards and the exports."""
    assert api_for(agency_user).get(path).status_code == 403


def test_scorecards_api_lists_agencies_with_tasks(api_for, organizer_user, campaign, hebei, agency):
    """An agency with two tasks shows up with its count."""
    TaskFactory.create_batch(2, campaign=campaign, organizer=hebei, agency=agency)
    data = api_for(organizer_user).get("/api/v1/scorecards/").json()
    assert [(c["name"], c["tasks"]) for c in data] == [(agency.name, 2)]


def test_exports_api_is_for_the_ministry(api_for, ministry_user, organizer_user, campaign):
    """The ministry lists the exports and queues one (202 with the job); organizers may not."""
    kinds = api_for(ministry_user).get("/api/v1/exports/").json()
    assert "statistics" in [k["key"] for k in kinds]
    body = {"export": "statistics", "campaign": 2021}
    assert api_for(organizer_user).post("/api/v1/exports/", body).status_code == 403
    response = api_for(ministry_user).post("/api/v1/exports/", body, format="json")
    assert response.status_code == 202
    assert response.json()["kind"] == "export"
    assert response.json()["params"] == {"export": "statistics", "organizer_kind": ""}


def test_export_request_is_validated(api_for, ministry_user, campaign):
    """An unknown export is a 400 naming the field."""
    response = api_for(ministry_user).post("/api/v1/exports/", {"export": "x", "campaign": 2021})
    assert response.status_code == 400
    assert "export" in response.json()
