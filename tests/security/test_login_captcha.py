"""A CAPTCHA on sign-in after CAPTCHA_AFTER_FAILURES (3) wrong passwords, checked on the server
before the password, the same on the sign-in page and at POST /api/v1/auth/token/; refused
answers count toward django-axes' lockout as wrong passwords do."""

import re

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
IP = "10.20.30.40"


WRONG = "wrong-password-1"


def _post(client, user, password=WRONG, **extra):
    body = {"username": user.username, "password": password, **extra}
    return client.post(reverse("login"), body, REMOTE_ADDR=IP)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _challenge(response) -> tuple[str, str]:
    """The key in the page's CAPTCHA and the characters its image shows (from the store)."""
    html = response.content.decode()
    key = re.search(r'name="captcha_0" value="(\w+)"', html).group(1)
    return key, CaptchaStore.objects.get(hashkey=key).response


def test_the_captcha_appears_after_three_wrong_passwords(client, organizer_user, settings):
    """Two wrong passwords: no CAPTCHA; the third: the page shows one, with its image."""
    assert settings.CAPTCHA_AFTER_FAILURES == 3
    for _ in range(2):
        assert "captcha_1" not in _post(client, organizer_user).content.decode()
    response = _post(client, organizer_user)
    html = response.content.decode()
    assert 'name="captcha_1"' in html and "/captcha/image/" in html
    image = client.get(re.search(r'src="(/captcha/image/\w+/)"', html).group(1))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"


def test_the_right_password_needs_the_right_answer(client, organizer_user):
    """Once asked, the right password without the answer is refused (and counts as a failure);
    with the image's characters it signs in."""
    for _ in range(3):
        _post(client, organizer_user)
    refused = _post(client, organizer_user, password=PASSWORD)
    assert refused.status_code == 200 and not _signed_in(client)
    key, answer = _challenge(refused)
    done = _post(client, organizer_user, password=PASSWORD, captcha_0=key, captcha_1=answer)
    assert done.status_code == 302 and _signed_in(client)


def test_a_wrong_answer_burns_the_challenge(client, organizer_user):
    """A wrong answer is refused without trying the password; that challenge cannot be tried
    again, and the page shows a new one."""
    for _ in range(3):
        asked = _post(client, organizer_user)
    key, _answer = _challenge(asked)
    wrong = _post(client, organizer_user, password=PASSWORD, captcha_0=key, captcha_1="zzzz")
    assert wrong.status_code == 200 and not _signed_in(client)
    assert not CaptchaStore.objects.filter(hashkey=key).exists()
    assert _challenge(wrong)[0] != key


def test_refused_answers_still_lead_to_the_lockout(client, organizer_user):
    """Five failures lock the name out from the address (429), CAPTCHA or not."""
    for _ in range(5):
        _post(client, organizer_user)
    assert _post(client, organizer_user, password=PASSWORD).status_code == 429
    assert not _signed_in(client)


def test_no_captcha_when_switched_off(client, organizer_user, settings):
    settings.CAPTCHA_AFTER_FAILURES = 0
    for _ in range(3):
        _post(client, organizer_user)
    response = _post(client, organizer_user, password=PASSWORD)
    assert response.status_code == 302 and _signed_in(client)


def test_api_token_asks_the_same_captcha(client, organizer_user):
    """POST /api/v1/auth/token/: after three wrong passwords the right one alone is 400 with a
    challenge (captcha_key, captcha_image); answered, a token is issued."""
    url = "/api/v1/auth/token/"
    body = {"username": organizer_user.username, "password": "wrong-password-1"}
    for _ in range(3):
        assert client.post(url, body, REMOTE_ADDR=IP).status_code == 400
    right = {**body, "password": PASSWORD}
    asked = client.post(url, right, REMOTE_ADDR=IP)
    assert asked.status_code == 400
    payload = asked.json()
    assert payload["captcha"] and "/captcha/image/" in payload["captcha_image"]
    key = payload["captcha_key"]
    answer = CaptchaStore.objects.get(hashkey=key).response
    issued = client.post(
        url, {**right, "captcha_key": key, "captcha_value": answer}, REMOTE_ADDR=IP
    )
    assert issued.status_code == 200 and issued.json()["token"]
