"""API tokens obey two-factor login and password changes, expire, and are the owner's to list
and revoke (issue 11, item 4)."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.choices import Duty
from portal.models import ApiToken, AuditLog, User
from tests.conftest import PASSWORD
from tests.factories import UserFactory, api_token_key
from tests.security.conftest import device_secret, totp_now

NOW = "2021-06-01 09:00:00 +0800"
NEW_PASSWORD = "Another-pass-2021-xyz"


def _request_token(client, user, **extra):
    return client.post(
        reverse("api-token"), {"username": user.username, "password": PASSWORD, **extra}
    )


def _me(client, key):
    return client.get(reverse("api-me"), HTTP_AUTHORIZATION=f"Token {key}")


def _refused(response) -> bool:
    """The API refused the credentials (403 while sessions are the first scheme, else 401)."""
    return response.status_code in {401, 403} and "detail" in response.json()


def _tokens(user) -> int:
    return ApiToken.objects.filter(user=user).count()


# ---------------------------------------------------------------- issuing


def test_each_successful_request_issues_a_new_token(client, organizer_user):
    """Two token requests give two different keys, both usable; never an earlier key."""
    first = _request_token(client, organizer_user).json()["token"]
    second = _request_token(client, organizer_user).json()["token"]
    assert first != second
    assert _me(client, first).status_code == 200
    assert _me(client, second).status_code == 200
    assert _tokens(organizer_user) == 2


def test_a_successful_code_gets_a_new_token_not_the_old_one(
    client, organizer_user, confirmed_authenticator
):
    """After a code, the endpoint hands out a fresh key, not the one issued before."""
    device = confirmed_authenticator(organizer_user)
    with time_machine.travel(NOW, tick=False):
        first = _request_token(client, organizer_user, otp_token=totp_now(device_secret(device)))
    with time_machine.travel(dt.datetime(2021, 6, 1, 1, 1, tzinfo=dt.UTC), tick=False):
        second = _request_token(client, organizer_user, otp_token=totp_now(device_secret(device)))
    assert first.status_code == second.status_code == 200
    assert first.json()["token"] != second.json()["token"]


def test_keys_are_stored_only_as_hashes(client, organizer_user):
    """The database holds a digest of the key, never the key itself."""
    key = _request_token(client, organizer_user).json()["token"]
    row = ApiToken.objects.values().get(user=organizer_user)
    assert key not in [str(value) for value in row.values()]


def test_token_endpoint_answers_a_locked_account_with_429(client, organizer_user, password_login):
    """After five wrong passwords the right one gets 429 JSON from the token endpoint too."""
    for _ in range(5):
        password_login(client, organizer_user, ip="10.13.0.5", password="wrong-password-1")
    response = client.post(
        reverse("api-token"),
        {"username": organizer_user.username, "password": PASSWORD},
        REMOTE_ADDR="10.13.0.5",
    )
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert _tokens(organizer_user) == 0


# ---------------------------------------------------------------- expiry


def test_tokens_expire_after_the_configured_time(client, organizer_user, settings):
    """A token works until API_TOKEN_TTL_HOURS after issue, then is refused."""
    with time_machine.travel(NOW, tick=False):
        body = _request_token(client, organizer_user).json()
    issued = dt.datetime.fromisoformat(NOW.replace(" +", "+"))
    assert dt.datetime.fromisoformat(body["expiry"]) == issued + dt.timedelta(
        hours=settings.API_TOKEN_TTL_HOURS
    )
    with time_machine.travel(issued + dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS, minutes=-1)):
        assert _me(client, body["token"]).status_code == 200
    with time_machine.travel(issued + dt.timedelta(hours=settings.API_TOKEN_TTL_HOURS, minutes=1)):
        assert _refused(_me(client, body["token"]))


def test_oldest_token_makes_room_at_the_limit(organizer_user, settings, client):
    """A user keeps at most API_TOKEN_LIMIT_PER_USER tokens; the oldest goes first."""
    settings.API_TOKEN_LIMIT_PER_USER = 2
    oldest = api_token_key(organizer_user)
    api_token_key(organizer_user)
    newest = api_token_key(organizer_user)
    assert _tokens(organizer_user) == 2
    assert _refused(_me(client, oldest))
    assert _me(client, newest).status_code == 200


# ---------------------------------------------------------------- two-factor


def test_token_from_before_enrolment_stops_working(client, organizer_user):
    """Enrolling in two-factor login (the set-up page) revokes the password-only tokens."""
    key = _request_token(client, organizer_user).json()["token"]
    assert _me(client, key).status_code == 200
    client.force_login(organizer_user, backend="portal.security.backends.TenantModelBackend")
    client.get(reverse("otp-setup"))
    device = TOTPDevice.objects.get(user=organizer_user, confirmed=False)
    response = client.post(reverse("otp-setup"), {"token": totp_now(device_secret(device))})
    assert response.status_code == 302
    assert _tokens(organizer_user) == 0
    client.logout()
    assert _refused(_me(client, key))
    assert AuditLog.objects.filter(
        action="security.api_token_revoke", summary="two_factor_enable: 1"
    ).exists()


def test_password_only_token_is_refused_once_a_device_exists(
    client, organizer_user, confirmed_authenticator
):
    """A device confirmed another way (the admin) also ends tokens issued without a code."""
    key = api_token_key(organizer_user)
    confirmed_authenticator(organizer_user)
    response = _me(client, key)
    assert _refused(response)
    assert "otp_token" in response.json()["detail"]
    assert _tokens(organizer_user) == 0


def test_token_with_a_code_keeps_working(client, organizer_user, confirmed_authenticator):
    """A token issued with a current code is accepted while the device is there."""
    device = confirmed_authenticator(organizer_user)
    with time_machine.travel(NOW, tick=False):
        key = _request_token(
            client, organizer_user, otp_token=totp_now(device_secret(device))
        ).json()["token"]
        assert _me(client, key).status_code == 200


def test_mandatory_two_factor_revokes_tokens_of_users_without_a_device(
    client, organizer_user, campaign
):
    """When the campaign makes two factors mandatory, a staff token without one is refused."""
    key = api_token_key(organizer_user)
    assert client.get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    campaign.require_two_factor = True
    campaign.save(update_fields=["require_two_factor"])
    response = client.get("/api/v1/tasks/", HTTP_AUTHORIZATION=f"Token {key}")
    assert _refused(response)
    assert "otp_token" in response.json()["detail"]
    assert _tokens(organizer_user) == 0


def test_mandatory_two_factor_leaves_agency_tokens_alone(client, agency_user, campaign):
    """The campaign's rule is for ministry and organizer staff only."""
    key = api_token_key(agency_user)
    campaign.require_two_factor = True
    campaign.save(update_fields=["require_two_factor"])
    assert _me(client, key).status_code == 200


# ---------------------------------------------------------------- password changes


def test_password_change_page_revokes_tokens(client, organizer_user):
    """Changing the password on the password page ends every token of the user."""
    key = api_token_key(organizer_user)
    client.force_login(organizer_user, backend="portal.security.backends.TenantModelBackend")
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    client.logout()
    assert _refused(_me(client, key))
    assert _tokens(organizer_user) == 0


def test_admin_password_change_revokes_tokens(client, organizer_user):
    """The system administrator setting the password in the admin ends the user's tokens too."""
    key = api_token_key(organizer_user)
    admin = UserFactory(username="sysadmin", duty=Duty.SYSTEM, is_staff=True, is_superuser=True)
    client.force_login(admin, backend="portal.security.backends.TenantModelBackend")
    url = reverse("admin:auth_user_password_change", args=[organizer_user.pk]).replace(
        "auth/user", "portal/user"
    )
    response = client.post(
        url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()
    assert _refused(_me(client, key))
    assert _tokens(organizer_user) == 0


def test_set_password_in_code_revokes_tokens(client, organizer_user):
    """set_password + save (changepassword, scripts) revokes the tokens."""
    key = api_token_key(organizer_user)
    user = User.objects.get(pk=organizer_user.pk)
    user.set_password(NEW_PASSWORD)
    user.save()
    assert _tokens(organizer_user) == 0
    assert _refused(_me(client, key))


def test_password_changed_behind_the_portals_back_is_refused(client, organizer_user):
    """Even a password written straight to the table voids the tokens issued before."""
    key = api_token_key(organizer_user)
    User.objects.filter(pk=organizer_user.pk).update(password=make_password(NEW_PASSWORD))
    response = _me(client, key)
    assert _refused(response)
    assert _tokens(organizer_user) == 0


def test_other_saves_of_the_user_keep_tokens(client, organizer_user):
    """Saving a user without a new password (e.g. a changed job title) keeps the tokens."""
    key = api_token_key(organizer_user)
    organizer_user.job_title = "处长"
    organizer_user.save()
    assert _me(client, key).status_code == 200


# ---------------------------------------------------------------- listing and revoking


@pytest.fixture
def two_users_tokens(organizer_user, other_organizer_user):
    return {
        "mine": api_token_key(organizer_user, name="nightly export"),
        "theirs": api_token_key(other_organizer_user, name="their script"),
    }


def test_api_lists_only_ones_own_tokens(
    client, organizer_user, other_organizer_user, two_users_tokens
):
    """GET auth/tokens/ shows the user's own tokens, never the key, never another user's."""
    response = client.get(
        reverse("api-tokens-list"), HTTP_AUTHORIZATION=f"Token {two_users_tokens['mine']}"
    )
    assert response.status_code == 200
    rows = response.json()
    assert [row["name"] for row in rows] == ["nightly export"]
    assert rows[0]["current"] is True
    assert rows[0]["key_start"] == two_users_tokens["mine"][:8]
    assert two_users_tokens["mine"] not in response.content.decode()


def test_api_revokes_own_token(client, organizer_user, two_users_tokens):
    """DELETE auth/tokens/{id}/ ends the token at once."""
    mine = ApiToken.objects.get(user=organizer_user)
    auth = {"HTTP_AUTHORIZATION": f"Token {two_users_tokens['mine']}"}
    response = client.delete(reverse("api-tokens-detail", args=[mine.pk]), **auth)
    assert response.status_code == 204
    assert _refused(_me(client, two_users_tokens["mine"]))


def test_api_cannot_revoke_another_users_token(
    client, organizer_user, other_organizer_user, two_users_tokens, ministry_user
):
    """Another user's token is a 404 for reads and revocation, the ministry's too."""
    theirs = ApiToken.objects.get(user=other_organizer_user)
    for user, key in [
        (organizer_user, two_users_tokens["mine"]),
        (ministry_user, api_token_key(ministry_user)),
    ]:
        auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
        url = reverse("api-tokens-detail", args=[theirs.pk])
        assert client.get(url, **auth).status_code == 404, user
        assert client.delete(url, **auth).status_code == 404, user
    assert ApiToken.objects.filter(pk=theirs.pk, digest=theirs.digest).exists()
    assert _me(client, two_users_tokens["theirs"]).status_code == 200


def test_page_lists_and_revokes_own_tokens(client_for, client, organizer_user, two_users_tokens):
    """My API tokens page shows the user's tokens (Chinese) and revokes one with a POST."""
    page = client_for(organizer_user).get(reverse("api-tokens"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "nightly export" in html and "their script" not in html
    assert "撤销" in html
    mine = ApiToken.objects.get(user=organizer_user)
    response = client.post(reverse("api-token-revoke", args=[mine.pk]))
    assert response.status_code == 302
    assert _tokens(organizer_user) == 0
    client.logout()
    assert _refused(_me(client, two_users_tokens["mine"]))


def test_page_cannot_revoke_another_users_token(
    client_for, other_organizer_user, organizer_user, two_users_tokens, client
):
    """Posting another user's token id is a 404 and the token keeps working."""
    theirs = ApiToken.objects.get(user=other_organizer_user)
    response = client_for(organizer_user).post(reverse("api-token-revoke", args=[theirs.pk]))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=theirs.pk).exists()
    client.logout()
    assert _me(client, two_users_tokens["theirs"]).status_code == 200


def test_page_revokes_all_own_tokens_only(
    client_for, organizer_user, other_organizer_user, two_users_tokens
):
    """ "Revoke all tokens" ends the user's tokens and nobody else's."""
    api_token_key(organizer_user)
    client_for(organizer_user).post(reverse("api-tokens-revoke-all"))
    assert _tokens(organizer_user) == 0
    assert _tokens(other_organizer_user) == 1
