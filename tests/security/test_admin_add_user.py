"""The Django admin's add-user form asks for the role and the tenant the role needs (SPEC §2)."""

import pytest

from portal.choices import Duty, Role
from portal.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Admin-made-2021!"


@pytest.fixture
def sysadmin_client(client):
    admin = UserFactory(
        username="sys", role=Role.MINISTRY, duty=Duty.SYSTEM, is_staff=True, is_superuser=True
    )
    client.force_login(admin, backend="portal.security.backends.TenantModelBackend")
    return client


def _post(client, **fields):
    data = {
        "username": "new-user",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "usable_password": "true",
        **fields,
    }
    return client.post("/admin/portal/user/add/", data)


def test_add_form_shows_role_and_tenants(sysadmin_client):
    """The form asks for the role and the organizer, agency or enterprise."""
    body = sysadmin_client.get("/admin/portal/user/add/").content.decode()
    for name in ("role", "organizer", "agency", "enterprise"):
        assert f'name="{name}"' in body


def test_add_organizer_user(sysadmin_client, hebei):
    """An organizer user with its organizer is created (no 500)."""
    response = _post(sysadmin_client, role=Role.ORGANIZER, organizer=hebei.pk)
    assert response.status_code == 302
    user = User.objects.get(username="new-user")
    assert (user.role, user.organizer_id, user.check_password(PASSWORD)) == (
        Role.ORGANIZER,
        hebei.pk,
        True,
    )


def test_role_without_its_tenant_is_refused(sysadmin_client, hebei):
    """An agency user without an agency is refused with the reason, nothing stored."""
    response = _post(sysadmin_client, role=Role.AGENCY, organizer=hebei.pk)
    assert response.status_code == 200
    assert not User.objects.filter(username="new-user").exists()
    errors = response.context["adminform"].form.non_field_errors()
    assert [e for e in errors if "user_role_matches_tenant" not in e]  # the reason, not a name


def test_missing_role_is_refused(sysadmin_client):
    """No role: a form error, not a constraint error."""
    response = _post(sysadmin_client)
    assert response.status_code == 200
    assert not User.objects.filter(username="new-user").exists()


def test_agency_administrator_is_created(sysadmin_client, agency):
    """The form also makes an agency's administrator (who then invites its engineers)."""
    response = _post(sysadmin_client, role=Role.AGENCY, agency=agency.pk, tenant_admin="on")
    assert response.status_code == 302
    assert User.objects.get(username="new-user").tenant_admin


def test_enterprise_cannot_be_an_administrator(sysadmin_client, enterprise):
    """Only organizer and agency users administer their tenant: refused with the reason."""
    response = _post(
        sysadmin_client, role=Role.ENTERPRISE, enterprise=enterprise.pk, tenant_admin="on"
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="new-user").exists()
