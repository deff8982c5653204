"""Two-factor sign-in: a user with an authenticator passes a real TOTP code after the password."""

import time_machine
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditLog
from tests.security.conftest import device_secret, totp_now

NOW = "2021-06-01 09:00:00 +0800"


def test_password_alone_leads_to_the_code_page(
    client, organizer_user, password_login, confirmed_authenticator
):
    """After a correct password a user with an authenticator is sent to enter a code."""
    confirmed_authenticator(organizer_user)
    password_login(client, organizer_user)
    response = client.get(reverse("notices"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp-verify") + "?next=")


def test_correct_code_opens_the_portal(
    client, organizer_user, password_login, confirmed_authenticator
):
    """The current TOTP code computed from the device's secret verifies the session."""
    device = confirmed_authenticator(organizer_user)
    with time_machine.travel(NOW, tick=False):
        password_login(client, organizer_user)
        response = client.post(
            reverse("otp-verify"), {"token": totp_now(device_secret(device)), "next": "/notices/"}
        )
        assert response.status_code == 302
        assert response["Location"] == "/notices/"
        assert client.get(reverse("notices")).status_code == 200


def test_wrong_code_is_refused(client, organizer_user, password_login, confirmed_authenticator):
    """A wrong code shows an error and the portal stays closed."""
    confirmed_authenticator(organizer_user)
    with time_machine.travel(NOW, tick=False):
        password_login(client, organizer_user)
        response = client.post(reverse("otp-verify"), {"token": "000000"})
        assert response.status_code == 200
        assert response.context["form"].errors
        assert client.get(reverse("notices")).status_code == 302


def test_a_code_cannot_be_replayed(client, organizer_user, password_login, confirmed_authenticator):
    """The same TOTP code does not open a second session."""
    device = confirmed_authenticator(organizer_user)
    with time_machine.travel(NOW, tick=False):
        code = totp_now(device_secret(device))
        password_login(client, organizer_user)
        assert client.post(reverse("otp-verify"), {"token": code}).status_code == 302
        client.post(reverse("logout"))
        password_login(client, organizer_user)
        assert client.post(reverse("otp-verify"), {"token": code}).status_code == 200
        assert client.get(reverse("notices")).status_code == 302


def test_recovery_code_works_once(client, organizer_user, password_login, confirmed_authenticator):
    """A recovery code (typed with a dash, in capitals) signs in once and is then used up."""
    confirmed_authenticator(organizer_user)
    password_login(client, organizer_user)
    assert client.post(reverse("otp-verify"), {"token": "CODE-0003"}).status_code == 302
    assert AuditLog.objects.filter(action="security.recovery_code_used").count() == 1
    client.post(reverse("logout"))
    password_login(client, organizer_user)
    assert client.post(reverse("otp-verify"), {"token": "code0003"}).status_code == 200


def test_session_key_changes_when_the_second_factor_is_passed(
    client, organizer_user, password_login, confirmed_authenticator
):
    """The session id seen before the code is worthless afterwards (no fixation)."""
    device = confirmed_authenticator(organizer_user)
    with time_machine.travel(NOW, tick=False):
        password_login(client, organizer_user)
        before = client.session.session_key
        client.post(reverse("otp-verify"), {"token": totp_now(device_secret(device))})
        assert client.session.session_key != before


def test_api_session_is_refused_until_verified(
    client, organizer_user, password_login, confirmed_authenticator
):
    """The session API answers 403 JSON while the second factor is owed."""
    confirmed_authenticator(organizer_user)
    password_login(client, organizer_user)
    response = client.get("/api/v1/me/")
    assert response.status_code == 403
    assert "detail" in response.json()


def test_user_without_authenticator_is_not_asked(client, agency_user, password_login):
    """Without an authenticator and without a campaign requirement, the password suffices."""
    password_login(client, agency_user)
    assert client.get(reverse("notices")).status_code == 200


def test_unconfirmed_device_does_not_count(client, agency_user, password_login):
    """A set-up that was never confirmed asks for nothing at sign-in."""
    TOTPDevice.objects.create(user=agency_user, name="authenticator", confirmed=False)
    password_login(client, agency_user)
    assert client.get(reverse("notices")).status_code == 200
