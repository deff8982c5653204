"""Separation of duties (三员分立): three ministry duties, never two on one account, the Django
admin for the system administrator only, accounts for the security administrator only, and
daily work by ordinary ministry staff without any duty or superuser flag."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.choices import Duty, Role
from portal.models import AuditLog, User
from provinces.models import Submission
from tests.factories import UserFactory
from tests.security.test_audit_scenario import _form1

PASSWORD = "Secret-pass-2021"


@pytest.fixture
def sysadmin(db):
    return UserFactory(username="sysadmin", duty=Duty.SYSTEM, is_staff=True, is_superuser=True)


@pytest.fixture
def secadmin(db):
    return UserFactory(username="secadmin", duty=Duty.SECURITY)


@pytest.fixture
def auditor(db):
    return UserFactory(username="auditor", duty=Duty.AUDIT)


def _refused_by_db(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(**fields)


def test_database_refuses_admin_flags_without_the_system_duty(db):
    """A security or audit administrator (or plain staff) cannot also be staff or superuser."""
    _refused_by_db(username="a", duty=Duty.AUDIT, is_superuser=True)
    _refused_by_db(username="b", duty=Duty.SECURITY, is_staff=True)
    _refused_by_db(username="c", duty=Duty.NONE, is_staff=True)


def test_database_refuses_a_duty_outside_the_ministry(hebei):
    """Only ministry accounts hold a duty; an unknown duty is refused too."""
    _refused_by_db(username="d", role=Role.ORGANIZER, organizer=hebei, duty=Duty.AUDIT)
    _refused_by_db(username="e", duty="system,audit")


def test_createsuperuser_makes_a_ministry_system_administrator(db):
    user = User.objects.create_superuser("root", "root@example.cn", PASSWORD)
    assert (user.role, user.duty, user.is_staff, user.is_superuser) == (
        Role.MINISTRY,
        Duty.SYSTEM,
        True,
        True,
    )


@pytest.mark.parametrize("who", ["secadmin", "auditor", "ministry_user", "organizer_user"])
def test_django_admin_opens_for_the_system_administrator_only(client_for, who, request):
    """Every other account — also a security or audit administrator — is sent to sign in."""
    response = client_for(request.getfixturevalue(who)).get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_system_administrator_opens_the_admin_but_not_ministry_accounts(
    client_for, sysadmin, auditor
):
    """The admin opens; ministry accounts (their duty, password) cannot be changed there."""
    client = client_for(sysadmin)
    assert client.get("/admin/").status_code == 200
    url = reverse("admin:portal_user_change", args=[auditor.pk])
    response = client.post(url, {"username": "auditor", "duty": "none", "is_superuser": "on"})
    assert response.status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[auditor.pk])
    assert (
        client.post(
            password_url, {"password1": "Xx-123456789", "password2": "Xx-123456789"}
        ).status_code
        == 403
    )
    auditor.refresh_from_db()
    assert (auditor.duty, auditor.is_superuser) == (Duty.AUDIT, False)
    assert auditor.check_password(PASSWORD)


def test_system_administrator_cannot_add_a_ministry_account_in_the_admin(client_for, sysadmin):
    response = client_for(sysadmin).post(
        reverse("admin:portal_user_add"),
        {
            "username": "sneaky",
            "role": "ministry",
            "usable_password": "true",
            "password1": "Xx-123456789ab",
            "password2": "Xx-123456789ab",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="sneaky").exists()


@pytest.mark.parametrize("who", ["sysadmin", "secadmin", "ministry_user", "organizer_user"])
def test_only_the_audit_administrator_reads_the_audit_log(client_for, who, request):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("audit-log")).status_code == 403
    assert client.get(reverse("audit-export")).status_code == 403


def test_audit_administrator_reads_the_audit_log(client_for, auditor):
    assert client_for(auditor).get(reverse("audit-log")).status_code == 200


def test_daily_work_needs_no_duty_and_no_superuser(
    client_for, api_for, campaign, hebei, organizer_user, ministry_user
):
    """An ordinary ministry user (no duty, no admin flags) approves on the page and the API."""
    assert (ministry_user.duty, ministry_user.is_staff, ministry_user.is_superuser) == (
        Duty.NONE,
        False,
        False,
    )
    submission = _form1(client_for, organizer_user, campaign, hebei)
    client_for(ministry_user).post(
        reverse("provinces:submission-move", args=[submission.pk, "approve"])
    )
    assert Submission.objects.get(pk=submission.pk).state == "approved"


# ---------------------------------------------------------------- the security administrator


@pytest.mark.parametrize("who", ["sysadmin", "auditor", "ministry_user", "organizer_user"])
def test_only_the_security_administrator_manages_accounts(client_for, who, request, auditor):
    """Everyone else gets 403 on the page and on every change; nothing changes."""
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("security-accounts")).status_code == 403
    response = client.post(
        reverse("security-accounts"),
        {
            "username": "x",
            "full_name": "x",
            "email": "x@example.cn",
            "duty": "system",
            "password1": "Xx-123456789ab",
            "password2": "Xx-123456789ab",
        },
    )
    assert response.status_code == 403
    url = reverse("security-account-move", args=[auditor.pk, "duty"])
    assert client.post(url, {"duty": "system"}).status_code == 403
    assert not User.objects.filter(username="x").exists()
    assert User.objects.get(pk=auditor.pk).duty == Duty.AUDIT


def test_security_administrator_creates_a_ministry_account(client_for, secadmin):
    response = client_for(secadmin).post(
        reverse("security-accounts"),
        {
            "username": "newauditor",
            "full_name": "审计员",
            "email": "a@example.cn",
            "duty": "audit",
            "password1": "Audit-Trail-2021",
            "password2": "Audit-Trail-2021",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newauditor")
    assert (user.role, user.duty, user.is_staff) == (Role.MINISTRY, Duty.AUDIT, False)
    assert AuditLog.objects.filter(action="account.create", object_id=str(user.pk)).exists()


def test_a_weak_initial_password_is_refused_with_the_reason(client_for, secadmin):
    response = client_for(secadmin).post(
        reverse("security-accounts"),
        {
            "username": "weak",
            "full_name": "x",
            "email": "w@example.cn",
            "duty": "none",
            "password1": "alllowercaseletters",
            "password2": "alllowercaseletters",
        },
    )
    assert response.status_code == 400
    assert "password1" in response.context["form"].errors
    assert not User.objects.filter(username="weak").exists()


def test_assigning_the_system_duty_gives_admin_access_and_moving_away_removes_it(
    client_for, secadmin, ministry_user
):
    client = client_for(secadmin)
    url = reverse("security-account-move", args=[ministry_user.pk, "duty"])
    client.post(url, {"duty": "system"})
    ministry_user.refresh_from_db()
    assert (ministry_user.duty, ministry_user.is_staff, ministry_user.is_superuser) == (
        Duty.SYSTEM,
        True,
        True,
    )
    client.post(url, {"duty": "audit"})
    ministry_user.refresh_from_db()
    assert (ministry_user.duty, ministry_user.is_staff, ministry_user.is_superuser) == (
        Duty.AUDIT,
        False,
        False,
    )
    assert AuditLog.objects.filter(action="account.duty").count() == 2


def test_security_administrator_cannot_change_their_own_account(client_for, secadmin):
    """Own duty, deactivation and resets need a second security administrator."""
    client = client_for(secadmin)
    client.post(reverse("security-account-move", args=[secadmin.pk, "duty"]), {"duty": "system"})
    client.post(reverse("security-account-move", args=[secadmin.pk, "deactivate"]))
    secadmin.refresh_from_db()
    assert (secadmin.duty, secadmin.is_active, secadmin.is_staff) == (Duty.SECURITY, True, False)


def test_non_ministry_accounts_are_not_managed_here(client_for, secadmin, organizer_user):
    """An organizer account is a 404 on this page (organizers manage their own later)."""
    url = reverse("security-account-move", args=[organizer_user.pk, "deactivate"])
    assert client_for(secadmin).post(url).status_code == 404
    assert User.objects.get(pk=organizer_user.pk).is_active


def test_deactivate_reset_two_factor_and_unlock(client, client_for, secadmin, ministry_user):
    TOTPDevice.objects.create(user=ministry_user, name="authenticator", confirmed=True)
    for n in range(6):  # lock the account out
        client.post(
            reverse("login"),
            {"username": ministry_user.username, "password": f"no{n}"},
            REMOTE_ADDR="10.9.9.9",
        )
    admin = client_for(secadmin)
    move = "security-account-move"
    admin.post(reverse(move, args=[ministry_user.pk, "reset-two-factor"]))
    assert not TOTPDevice.objects.filter(user=ministry_user).exists()
    admin.post(reverse(move, args=[ministry_user.pk, "unlock"]))
    admin.post(reverse("logout"))
    response = client.post(
        reverse("login"),
        {"username": ministry_user.username, "password": PASSWORD},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 302  # unlocked
    client_for(secadmin).post(reverse(move, args=[ministry_user.pk, "deactivate"]))
    assert not User.objects.get(pk=ministry_user.pk).is_active
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {"account.two_factor_reset", "account.unlock", "account.deactivate"} <= actions
