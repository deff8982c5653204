"""Personal data of the national registry (等保 2.0): an agency's contact person, phone and e-mail
reach the ministry, the agency itself and those that work with it — not every organizer.

"Works with" (docs/organizer-workflow.md): an organizer that has recommended the agency (any campaign) or has a task
or task letter with it; an enterprise whose task the agency carries.
"""

import pytest
from django.urls import reverse

from portal.choices import Role
from provinces.services import submission_get_or_create
from tests.factories import (
    AgencyFactory,
    CampaignFactory,
    RecommendationFactory,
    TaskFactory,
    UserFactory,
    province,
)

pytestmark = pytest.mark.django_db
PHONE = "0311-98765432"
EMAIL = "secret-contact@example.cn"
PERSON = "隐私联系人"
SECRETS = (PHONE, "98765432", EMAIL, PERSON)


@pytest.fixture
def registered(db):
    """A registry agency with a contact, recommended by Hebei in an earlier campaign only."""
    agency = AgencyFactory(
        name="隐私测试节能技术服务有限公司",
        contact_name=PERSON,
        contact_title="经理",
        phone=PHONE,
        email=EMAIL,
    )
    RecommendationFactory(
        campaign=CampaignFactory(year=2020), organizer=province("130000"), agency=agency
    )
    return agency


def shows_secrets(body: str) -> list[str]:
    return [secret for secret in SECRETS if secret in body]


def api_bodies(api, agency) -> str:
    """Everything the registry API answers about the agency: list, filter, detail."""
    answers = [
        api.get("/api/v1/agencies/"),
        api.get("/api/v1/agencies/", {"credit_code": agency.credit_code}),
        api.get(f"/api/v1/agencies/{agency.pk}/"),
    ]
    assert all(a.status_code == 200 for a in answers), [a.status_code for a in answers]
    assert agency.credit_code in answers[2].content.decode()
    return "".join(a.content.decode() for a in answers)


def test_unrelated_organizer_gets_no_contacts_from_the_api(
    campaign, registered, other_organizer_user, api_for
):
    """Shandong never worked with the agency: list, filter and detail show no contact."""
    body = api_bodies(api_for(other_organizer_user), registered)
    assert shows_secrets(body) == []
    detail = api_for(other_organizer_user).get(f"/api/v1/agencies/{registered.pk}/").json()
    assert (detail["phone"], detail["email"], detail["contact_name"]) == ("", "", "")


def test_registering_a_known_code_does_not_reveal_the_contacts(
    campaign, registered, other_organizer_user, api_for
):
    """POST /api/v1/agencies/ with a known credit code answers the agency without its contacts."""
    response = api_for(other_organizer_user).post(
        "/api/v1/agencies/",
        {"credit_code": registered.credit_code, "name": "任意", "nature": "节能服务公司"},
    )
    assert response.status_code == 200 and shows_secrets(response.content.decode()) == []


def test_related_organizer_ministry_and_the_agency_see_the_contacts(
    campaign, registered, organizer_user, ministry_user, api_for
):
    """Hebei recommended it (2020); the ministry; the agency's own user: all four values."""
    own = UserFactory(username="own-agency", role=Role.AGENCY, agency=registered)
    for user in (organizer_user, ministry_user, own):
        detail = api_for(user).get(f"/api/v1/agencies/{registered.pk}/").json()
        assert (detail["phone"], detail["email"], detail["contact_name"]) == (PHONE, EMAIL, PERSON)


def test_an_organizer_with_a_task_of_the_agency_sees_the_contacts(
    campaign, registered, other_organizer_user, api_for
):
    """A task with the agency (no recommendation) is working with it too."""
    TaskFactory(campaign=campaign, organizer=province("370000"), agency=registered)
    body = api_for(other_organizer_user).get(f"/api/v1/agencies/{registered.pk}/").content
    assert PHONE in body.decode() and EMAIL in body.decode()


def test_registry_search_page_shows_contacts_only_to_related_organizers(
    campaign, registered, organizer_user, other_organizer_user, client_for
):
    """The page's registry search: Hebei (recommended it in 2020) sees the contact; Shandong,
    which finds the same agency, sees no phone, e-mail or name of the person."""
    url = reverse("agencies:registry-search")
    query = {"q": "隐私测试", "year": "2021"}
    unrelated = client_for(other_organizer_user).get(url, query).content.decode()
    assert registered.credit_code in unrelated and shows_secrets(unrelated) == []
    related = client_for(organizer_user).get(url, query).content.decode()
    assert PHONE in related and EMAIL in related and PERSON in related


def test_ministry_sees_the_declared_contacts_on_the_submission_page(
    campaign, registered, hebei, ministry_user, client_for
):
    """The ministry reviewing Hebei's 附件2 sees the contact Hebei declared."""
    RecommendationFactory(campaign=campaign, organizer=hebei, agency=registered, phone="0311-1357")
    submission = submission_get_or_create(organizer=hebei, campaign=campaign, form=2)
    page = client_for(ministry_user).get(
        reverse("provinces:submission-detail", args=[submission.pk])
    )
    assert page.status_code == 200 and "0311-1357" in page.content.decode()
