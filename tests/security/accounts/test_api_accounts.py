"""The accounts API: the same services and scoping as the pages."""

import pytest
from django.core import mail

from portal.models import User
from tests.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def test_list_is_my_tenant(organizer_admin, organizer_user, other_organizer_user, api_for):
    data = api_for(organizer_admin).get("/api/v1/accounts/").json()
    names = (
        {row["username"] for row in data["results"]}
        if "results" in data
        else {row["username"] for row in data}
    )
    assert organizer_user.username in names and other_organizer_user.username not in names


def test_non_admin_gets_403(organizer_user, api_for):
    assert api_for(organizer_user).get("/api/v1/accounts/").status_code == 403


def test_deactivate_other_tenant_is_404(organizer_admin, other_organizer_user, api_for):
    response = api_for(organizer_admin).post(
        f"/api/v1/accounts/{other_organizer_user.pk}/deactivate/"
    )
    assert response.status_code == 404
    other_organizer_user.refresh_from_db()
    assert other_organizer_user.is_active


def test_deactivate_and_activate(organizer_admin, organizer_user, api_for):
    api = api_for(organizer_admin)
    assert (
        api.post(f"/api/v1/accounts/{organizer_user.pk}/deactivate/").json()["is_active"] is False
    )
    assert api.post(f"/api/v1/accounts/{organizer_user.pk}/activate/").json()["is_active"] is True


def test_invite_and_resend(organizer_admin, api_for, django_capture_on_commit_callbacks):
    api = api_for(organizer_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/invitations/",
            {"kind": "colleague", "full_name": "孙八", "email": "sun@hebei.cn"},
            format="json",
        )
    assert response.status_code == 201
    assert response.json()["invited"][0]["status"] == "invited"
    pending = api.get("/api/v1/invitations/").json()
    rows = pending["results"]
    with django_capture_on_commit_callbacks(execute=True):
        resent = api.post(f"/api/v1/invitations/{rows[0]['id']}/resend/")
    assert resent.status_code == 200 and len(mail.outbox) == 2


def test_invite_bad_kind_is_400(organizer_admin, api_for):
    response = api_for(organizer_admin).post(
        "/api/v1/invitations/",
        {"kind": "ministry", "full_name": "x", "email": "x@hebei.cn"},
        format="json",
    )
    assert response.status_code == 400
    assert not User.objects.filter(username="x@hebei.cn").exists()


def test_contacts_from_recommendations(
    organizer_admin, campaign, agency, api_for, django_capture_on_commit_callbacks
):
    row = RecommendationFactory(
        campaign=campaign, organizer=organizer_admin.organizer, agency=agency, email="c@ag.cn"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = api_for(organizer_admin).post(
            "/api/v1/invitations/contacts/",
            {"source": "agencies", "rows": [row.pk]},
            format="json",
        )
    assert response.status_code == 201
    assert response.json()["invited"][0]["tenant_admin"] is True
    assert mail.outbox[0].to == ["c@ag.cn"]


def test_contacts_of_another_organizer_are_404(
    organizer_admin, other_organizer_admin, campaign, api_for
):
    row = RecommendationFactory(campaign=campaign, organizer=other_organizer_admin.organizer)
    response = api_for(organizer_admin).post(
        "/api/v1/invitations/contacts/", {"source": "agencies", "rows": [row.pk]}, format="json"
    )
    assert response.status_code == 404


def test_schema_documents_the_operations(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/accounts/",
        "/api/v1/accounts/{id}/deactivate/",
        "/api/v1/invitations/contacts/",
        "/api/v1/invitations/{id}/resend/",
        "/api/v1/auth/password-reset/",
    ):
        assert path in schema
