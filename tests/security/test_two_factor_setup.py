"""Setting up an authenticator, recovery codes, and the campaign that makes it mandatory."""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import AuditLog
from tests.security.conftest import totp_now


def _secret_from_page(html: str) -> str:
    match = re.search(r'<code class="nowrap">([A-Z2-7 ]+)</code>', html)
    assert match, "the set-up page shows the key for typing"
    return match.group(1).replace(" ", "")


@pytest.fixture
def strict_campaign(campaign):
    campaign.require_two_factor = True
    campaign.save()
    return campaign


def test_setup_page_shows_a_server_side_svg_qr_code(client_for, agency_user):
    """The QR code is an inline <svg> path: no script, no image URL, no inline style."""
    html = client_for(agency_user).get(reverse("otp-setup")).content.decode()
    svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    assert "<path" in svg
    assert "style=" not in svg
    assert "<script" not in svg


def test_setup_with_a_real_code_turns_on_two_factor(client_for, agency_user):
    """The code computed from the key on the page confirms the device and gives 10 codes."""
    client = client_for(agency_user)
    secret = _secret_from_page(client.get(reverse("otp-setup")).content.decode())
    response = client.post(reverse("otp-setup"), {"token": totp_now(secret), "next": "/"})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=agency_user).confirmed
    page = client.get(response["Location"])
    codes = re.findall(
        r"<code class=\"strong\">([a-z2-7]{4}-[a-z2-7]{4})</code>", page.content.decode()
    )
    assert len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=agency_user).count() == 10
    assert (
        AuditLog.objects.filter(action="security.two_factor_enable", actor=agency_user).count() == 1
    )


def test_recovery_codes_are_shown_only_once(client_for, agency_user):
    """Reloading the codes page after set-up shows no code any more."""
    client = client_for(agency_user)
    secret = _secret_from_page(client.get(reverse("otp-setup")).content.decode())
    client.post(reverse("otp-setup"), {"token": totp_now(secret)})
    assert client.get(reverse("otp-recovery-codes")).context["codes"]
    assert client.get(reverse("otp-recovery-codes")).context["codes"] is None


def test_regenerating_codes_invalidates_the_old_ones(client_for, agency_user):
    """Ten new codes replace the previous ten."""
    client = client_for(agency_user)
    secret = _secret_from_page(client.get(reverse("otp-setup")).content.decode())
    client.post(reverse("otp-setup"), {"token": totp_now(secret)})
    old = set(StaticToken.objects.filter(device__user=agency_user).values_list("token", flat=True))
    client.post(reverse("otp-recovery-codes"))
    new = set(StaticToken.objects.filter(device__user=agency_user).values_list("token", flat=True))
    assert len(new) == 10
    assert not (old & new)


def test_wrong_setup_code_leaves_two_factor_off(client_for, agency_user):
    """A code that does not match the key does not confirm the device."""
    client = client_for(agency_user)
    client.get(reverse("otp-setup"))
    response = client.post(reverse("otp-setup"), {"token": "123456"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not TOTPDevice.objects.filter(user=agency_user, confirmed=True).exists()


def test_unverified_session_cannot_replace_the_authenticator(
    client, organizer_user, password_login, confirmed_authenticator
):
    """With only the password, the set-up page refuses to enrol a new phone."""
    confirmed_authenticator(organizer_user)
    password_login(client, organizer_user)
    response = client.get(reverse("otp-setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp-verify"))


def test_campaign_requirement_sends_organizer_staff_to_setup(
    client, strict_campaign, organizer_user, password_login
):
    """With require_two_factor, organizer staff without a device must set one up first."""
    password_login(client, organizer_user)
    response = client.get(reverse("notices"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("otp-setup"))


def test_campaign_requirement_applies_to_ministry_staff(
    client, strict_campaign, ministry_user, password_login
):
    """Ministry staff are sent to set-up too."""
    password_login(client, ministry_user)
    assert client.get(reverse("notices"))["Location"].startswith(reverse("otp-setup"))


@pytest.mark.parametrize("fixture", ["agency_user", "enterprise_user"])
def test_campaign_requirement_spares_agencies_and_enterprises(
    client, strict_campaign, password_login, fixture, request
):
    """Agencies and enterprise contacts are not forced to use a second factor."""
    password_login(client, request.getfixturevalue(fixture))
    assert client.get(reverse("notices")).status_code == 200


def test_after_mandatory_setup_the_portal_opens(
    client, strict_campaign, organizer_user, password_login
):
    """Completing the forced set-up verifies the session and lets the user continue."""
    password_login(client, organizer_user)
    secret = _secret_from_page(client.get(reverse("otp-setup")).content.decode())
    client.post(reverse("otp-setup"), {"token": totp_now(secret), "next": "/notices/"})
    assert client.get(reverse("notices")).status_code == 200


def test_overview_shows_two_factor_off(client_for, agency_user):
    """The sign-in security page tells a user without an authenticator that it is off."""
    client = client_for(agency_user)
    response = client.get(reverse("security-overview"))
    assert response.status_code == 200
    assert response.context["has_authenticator"] is False
