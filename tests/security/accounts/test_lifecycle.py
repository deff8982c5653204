"""Lifecycle pages: my tenant's accounts, never signed in, deactivate/reactivate, scoping."""

import pytest
from rest_framework.test import APIClient

from portal.choices import Role
from portal.models import ApiToken, AuditLog
from tests.conftest import PASSWORD
from tests.factories import UserFactory, api_token_key

pytestmark = pytest.mark.django_db


def test_page_lists_my_organizers_accounts_only(
    organizer_admin, organizer_user, other_organizer_user, client_for
):
    body = client_for(organizer_admin).get("/accounts/people/").content.decode()
    assert organizer_user.username in body
    assert other_organizer_user.username not in body


def test_never_signed_in_filter(organizer_admin, organizer_user, hebei, client_for):
    from django.utils import timezone

    signed = UserFactory(username="signed", role=Role.ORGANIZER, organizer=hebei)
    signed.last_login = timezone.now()
    signed.save(update_fields=["last_login"])
    response = client_for(organizer_admin).get("/accounts/people/?show=never")
    names = [u.username for u, _badge, _label in response.context["rows"]]
    assert organizer_user.username in names and "signed" not in names


def test_staff_without_admin_flag_gets_403(organizer_user, client_for):
    assert client_for(organizer_user).get("/accounts/people/").status_code == 403


def test_deactivated_user_cannot_sign_in_and_tokens_stop(organizer_admin, organizer_user, client):
    """Deactivation ends sign-in and API tokens; reactivation lets the user sign in again."""
    key = api_token_key(organizer_user)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/me/").status_code == 200
    client.force_login(organizer_admin, backend="portal.security.backends.TenantModelBackend")
    response = client.post(f"/accounts/people/{organizer_user.pk}/deactivate/")
    assert response.status_code == 302
    organizer_user.refresh_from_db()
    assert not organizer_user.is_active
    assert not ApiToken.objects.filter(user=organizer_user).exists()
    assert api.get("/api/v1/me/").status_code in {401, 403}
    assert AuditLog.objects.filter(action="account.deactivate").exists()
    client.post(f"/accounts/people/{organizer_user.pk}/activate/")
    client.logout()
    response = client.post(
        "/accounts/login/", {"username": organizer_user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert AuditLog.objects.filter(action="account.activate").exists()


def test_deactivated_user_is_refused_at_sign_in(organizer_admin, organizer_user, client_for):
    client_for(organizer_admin).post(f"/accounts/people/{organizer_user.pk}/deactivate/")
    from django.test import Client

    response = Client().post(
        "/accounts/login/", {"username": organizer_user.username, "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, no session


def test_other_tenants_account_is_404_and_unchanged(
    organizer_admin, other_organizer_user, client_for
):
    response = client_for(organizer_admin).post(
        f"/accounts/people/{other_organizer_user.pk}/deactivate/"
    )
    assert response.status_code == 404
    other_organizer_user.refresh_from_db()
    assert other_organizer_user.is_active


def test_own_account_is_refused(organizer_admin, client_for):
    response = client_for(organizer_admin).post(
        f"/accounts/people/{organizer_admin.pk}/deactivate/"
    )
    assert response.status_code == 303
    organizer_admin.refresh_from_db()
    assert organizer_admin.is_active


def test_agency_admin_sees_its_agency_only(
    agency_admin, agency_user, other_agency_user, client_for
):
    body = client_for(agency_admin).get("/accounts/people/").content.decode()
    assert agency_user.username in body and other_agency_user.username not in body


def test_invite_form_on_the_page(organizer_admin, client_for, django_capture_on_commit_callbacks):
    from django.core import mail

    client = client_for(organizer_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/people/",
            {"kind": "colleague", "full_name": "钱七", "email": "qian@hebei.cn", "phone": ""},
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["qian@hebei.cn"]
    page = client.get("/accounts/people/").content.decode()
    assert "qian@hebei.cn" in page


def test_invite_form_refuses_bad_email(organizer_admin, client_for):
    response = client_for(organizer_admin).post(
        "/accounts/people/", {"kind": "colleague", "full_name": "钱七", "email": "not-an-email"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["email"]


def test_security_admin_manages_organizer_administrators_only(
    security_admin, organizer_admin, organizer_user, client_for
):
    """The ministry's security administrator deactivates an organizer administrator; the
    organizer's own staff are its administrator's business (404)."""
    client = client_for(security_admin)
    assert client.post(f"/accounts/people/{organizer_admin.pk}/deactivate/").status_code == 302
    assert client.post(f"/accounts/people/{organizer_user.pk}/deactivate/").status_code == 404
    organizer_admin.refresh_from_db()
    organizer_user.refresh_from_db()
    assert (organizer_admin.is_active, organizer_user.is_active) == (False, True)


def test_nav_shows_accounts_to_administrators_only(organizer_admin, organizer_user, client_for):
    link = 'href="/accounts/people/"'
    assert link in client_for(organizer_admin).get("/enterprises/tasks/").content.decode()
    assert link not in client_for(organizer_user).get("/enterprises/tasks/").content.decode()
