"""Login throttling by user name and address together (django-axes), and the locked-out page."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factories import UserFactory

OFFICE_IP = "10.13.0.5"  # a provincial office behind one NAT address


@pytest.fixture
def colleague(hebei):
    return UserFactory(username="hebei-colleague", role="organizer", organizer=hebei)


def _fail(client, password_login, user, ip, times):
    for _ in range(times):
        password_login(client, user, ip=ip, password="wrong-password-1")


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_limit_is_five(settings):
    """The failure limit is five attempts, keyed by user name and address together."""
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_five_wrong_passwords_lock_that_user_from_that_address(
    client, organizer_user, password_login
):
    """After five failures even the right password is refused from that address, with 429."""
    _fail(client, password_login, organizer_user, OFFICE_IP, 5)
    response = password_login(client, organizer_user, ip=OFFICE_IP)
    assert response.status_code == 429
    assert not _signed_in(client)


def test_four_wrong_passwords_do_not_lock(client, organizer_user, password_login):
    """Below the limit the right password still signs in (answering the CAPTCHA that three
    wrong passwords bring: tests/security/test_login_captcha.py)."""
    from captcha.models import CaptchaStore

    _fail(client, password_login, organizer_user, OFFICE_IP, 4)
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    body = {"username": organizer_user.username, "password": PASSWORD}
    client.post(
        reverse("login"), {**body, "captcha_0": key, "captcha_1": answer}, REMOTE_ADDR=OFFICE_IP
    )
    assert _signed_in(client)


def test_colleague_at_the_same_address_still_signs_in(
    client, organizer_user, colleague, password_login
):
    """A shared provincial address does not lock out the other staff."""
    _fail(client, password_login, organizer_user, OFFICE_IP, 5)
    password_login(client, colleague, ip=OFFICE_IP)
    assert _signed_in(client)


def test_same_user_from_another_address_still_signs_in(client, organizer_user, password_login):
    """Someone guessing from elsewhere cannot lock the real user out of their office."""
    _fail(client, password_login, organizer_user, "198.51.100.66", 5)
    password_login(client, organizer_user, ip=OFFICE_IP)
    assert _signed_in(client)


def test_locked_out_page_explains_in_plain_words(client, organizer_user, password_login):
    """The lockout page is a portal page with the reason and the waiting time."""
    _fail(client, password_login, organizer_user, OFFICE_IP, 5)
    response = password_login(client, organizer_user, ip=OFFICE_IP)
    assert "portal/security_locked_out.html" in [t.name for t in response.templates]
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    assert f"请在 {minutes} 分钟后重试" in response.content.decode()  # the UI is Chinese


def test_api_token_endpoint_is_throttled_too(client, organizer_user, password_login):
    """The token endpoint counts failures on the same key and answers 429 JSON."""
    _fail(client, password_login, organizer_user, OFFICE_IP, 5)
    response = client.post(
        reverse("api-token"),
        {"username": organizer_user.username, "password": "Secret-pass-2021"},
        REMOTE_ADDR=OFFICE_IP,
    )
    assert response.status_code == 429
    assert "token" not in response.content.decode()


def test_sign_in_page_counts_down_the_attempts_left(client, organizer_user, password_login):
    """Each wrong password says how many are left before the lockout, in the page's language."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    for left in (4, 3, 2, 1):
        response = password_login(client, organizer_user, ip=OFFICE_IP, password="wrong-pass-1")
        assert response.status_code == 200
        page = response.content.decode()
        assert f'data-attempts-left="{left}"' in page
        assert f"再输错 {left} 次密码，此账户将在本地址锁定 {minutes} 分钟。" in page
    response = password_login(client, organizer_user, ip=OFFICE_IP, password="wrong-pass-1")
    assert response.status_code == 429


def test_attempts_left_in_english(client, organizer_user, password_login):
    """The English page says the same, with the singular for the last attempt."""
    client.cookies["django_language"] = "en"
    _fail(client, password_login, organizer_user, OFFICE_IP, 3)
    page = password_login(client, organizer_user, ip=OFFICE_IP, password="x-wrong-2").content
    assert b"After 1 more wrong password this account is locked from this address" in page


def test_attempts_are_counted_per_address(client, organizer_user, password_login):
    """Failures from another address do not lower what this address is told."""
    _fail(client, password_login, organizer_user, "198.51.100.66", 3)
    page = password_login(client, organizer_user, ip=OFFICE_IP, password="x-wrong-2").content
    assert b'data-attempts-left="4"' in page


def test_no_count_before_any_attempt(client):
    """The blank sign-in page shows no warning."""
    assert b"data-attempts-left" not in client.get(reverse("login")).content
