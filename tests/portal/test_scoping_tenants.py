"""Each role sees its own objects; another tenant's object is a 404 in pages and API alike."""

import pytest

from enterprises.models import DiagnosisTask, Enterprise
from portal.models import Notice
from portal.scoping import scope
from provinces.models import Submission
from tests.factories import SubmissionFactory, TaskFactory


@pytest.fixture
def two_tenants(campaign, hebei, shandong, agency, other_agency, enterprise):
    mine = TaskFactory(campaign=campaign, organizer=hebei, agency=agency, enterprise=enterprise)
    theirs = TaskFactory(campaign=campaign, organizer=shandong, agency=other_agency)
    return mine, theirs


def test_ministry_sees_every_task(ministry_user, two_tenants):
    """The ministry reads everything."""
    assert scope(DiagnosisTask.objects.all(), ministry_user).count() == 2


@pytest.mark.parametrize("who", ["organizer_user", "agency_user", "enterprise_user"])
def test_each_tenant_sees_only_its_own_task(request, who, two_tenants):
    """Organizer, agency and enterprise each see the one task that is theirs."""
    user = request.getfixturevalue(who)
    mine, _theirs = two_tenants
    assert list(scope(DiagnosisTask.objects.all(), user)) == [mine]
    assert list(scope(Enterprise.objects.all(), user)) == [mine.enterprise]


@pytest.mark.parametrize(
    "who", ["other_organizer_user", "other_agency_user", "other_enterprise_user"]
)
def test_api_task_detail_of_another_tenant_is_404(request, who, two_tenants, api_for):
    """The API answers 404, not 403, so it does not even confirm the task exists."""
    mine, _theirs = two_tenants
    user = request.getfixturevalue(who)
    response = api_for(user).get(f"/api/v1/tasks/{mine.pk}/")
    assert response.status_code == 404


def test_api_task_list_is_scoped(organizer_user, two_tenants, api_for):
    """Lists contain only the caller's rows."""
    mine, _theirs = two_tenants
    body = api_for(organizer_user).get("/api/v1/tasks/").json()
    assert [row["id"] for row in body["results"]] == [mine.pk]


def test_submissions_are_invisible_to_agencies_and_other_organizers(
    campaign, hebei, organizer_user, other_organizer_user, agency_user, api_for
):
    """A province's forms are its own and the ministry's business."""
    submission = SubmissionFactory(organizer=hebei, campaign=campaign)
    assert api_for(organizer_user).get(f"/api/v1/submissions/{submission.pk}/").status_code == 200
    for user in (other_organizer_user, agency_user):
        assert api_for(user).get(f"/api/v1/submissions/{submission.pk}/").status_code == 404
    assert scope(Submission.objects.all(), agency_user).count() == 0


def test_notice_of_another_user_is_404_in_pages(organizer_user, other_organizer_user, client_for):
    """Marking someone else's notice as read is a 404 and changes nothing."""
    notice = Notice.objects.create(recipient=other_organizer_user, title="提醒")
    response = client_for(organizer_user).post(f"/notices/{notice.pk}/read/")
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_anonymous_api_is_refused(client, two_tenants):
    """Without a session or token the API gives nothing."""
    assert client.get("/api/v1/tasks/").status_code in {401, 403}


def test_token_authentication_works(organizer_user, two_tenants, client):
    """A token obtained with username and password authenticates API calls."""
    from tests.factories import api_token_key

    key = api_token_key(organizer_user)
    response = client.get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_notices_and_jobs_are_personal_even_for_the_ministry(
    ministry_user, organizer_user, api_for
):
    """The ministry reads everything of the programme, but not other people's notices."""
    Notice.objects.create(recipient=organizer_user, title="提醒")
    own = Notice.objects.create(recipient=ministry_user, title="部里通知")
    assert list(scope(Notice.objects.all(), ministry_user)) == [own]
    body = api_for(ministry_user).get("/api/v1/notices/").json()
    assert [row["id"] for row in body["results"]] == [own.pk]
