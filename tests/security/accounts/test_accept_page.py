"""The invitation link in the browser: set a password, sign in; staff go on to two-factor."""

import pytest
from django.core import mail

from portal.choices import Role
from portal.security import invitations
from portal.security.invitations import Invitee

from .conftest import link_in_mail

pytestmark = pytest.mark.django_db
PASSWORD = "Invited-pass-2021!"


def _invite(actor, capture, **fields):
    with capture(execute=True):
        invitations.invitations_create(actor=actor, invitees=[Invitee(**fields)])
    return link_in_mail()


def test_agency_engineer_sets_password_and_is_signed_in(
    agency_admin, client, django_capture_on_commit_callbacks
):
    link = _invite(
        agency_admin,
        django_capture_on_commit_callbacks,
        email="eng@ag.cn",
        role=Role.AGENCY,
        agency_id=agency_admin.agency_id,
    )
    assert client.get(link).status_code == 200
    response = client.post(
        link, {"full_name": "工程师", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/accounts/people/").status_code == 403  # signed in, not an admin
    assert client.get(link).status_code == 410  # used


def test_organizer_staff_go_to_two_factor_setup(
    organizer_admin, client, django_capture_on_commit_callbacks
):
    link = _invite(
        organizer_admin,
        django_capture_on_commit_callbacks,
        email="s@hebei.cn",
        role=Role.ORGANIZER,
        organizer_id=organizer_admin.organizer_id,
    )
    response = client.post(
        link, {"full_name": "员工", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response["Location"].startswith("/accounts/two-factor/setup/")
    # Nothing else opens until the authenticator is enrolled.
    assert client.get("/enterprises/tasks/")["Location"].startswith("/accounts/two-factor/setup/")


def test_unknown_link_is_410(client):
    response = client.get("/accounts/invitation/not-a-token/")
    assert response.status_code == 410
    assert not mail.outbox


def test_mismatched_passwords_keep_the_link(
    agency_admin, client, django_capture_on_commit_callbacks
):
    link = _invite(
        agency_admin,
        django_capture_on_commit_callbacks,
        email="eng@ag.cn",
        role=Role.AGENCY,
        agency_id=agency_admin.agency_id,
    )
    response = client.post(link, {"full_name": "x", "password1": PASSWORD, "password2": "other"})
    assert response.status_code == 400
    assert client.get(link).status_code == 200
