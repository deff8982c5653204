"""API tokens do not bypass two-factor login."""

import time_machine
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.security.conftest import device_secret, totp_now

NOW = "2021-06-01 09:00:00 +0800"


def _token(client, user, **extra):
    return client.post(
        reverse("api-token"), {"username": user.username, "password": PASSWORD, **extra}
    )


def test_password_is_enough_without_an_authenticator(client, organizer_user):
    """A user without a second factor gets a token with the password."""
    response = _token(client, organizer_user)
    assert response.status_code == 200
    assert len(response.json()["token"]) == 64


def test_user_with_authenticator_needs_a_current_code(
    client, organizer_user, confirmed_authenticator
):
    """Password alone is refused; the current TOTP code gets the token."""
    device = confirmed_authenticator(organizer_user)
    with time_machine.travel(NOW, tick=False):
        assert _token(client, organizer_user).status_code == 400
        response = _token(client, organizer_user, otp_token=totp_now(device_secret(device)))
    assert response.status_code == 200
    assert "token" in response.json()


def test_wrong_code_gets_no_token(client, organizer_user, confirmed_authenticator):
    """A wrong authenticator code is refused."""
    confirmed_authenticator(organizer_user)
    response = _token(client, organizer_user, otp_token="000000")
    assert response.status_code == 400
    assert "token" not in response.json()


def test_mandatory_two_factor_without_device_gets_no_token(client, organizer_user, campaign):
    """When the campaign requires a second factor, staff must set one up in the browser first."""
    campaign.require_two_factor = True
    campaign.save(update_fields=["require_two_factor"])
    response = _token(client, organizer_user)
    assert response.status_code == 400
    assert "token" not in response.json()
