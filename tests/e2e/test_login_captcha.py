"""The sign-in CAPTCHA in the browser: after three wrong passwords the page shows the image and
its field; typing the image's characters with the right password signs in."""

import re

import pytest
from captcha.models import CaptchaStore
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(page, username: str, password: str) -> None:
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form:has(input[name=password]) button[type=submit]")


def test_captcha_after_three_wrong_passwords(page, organizer_user, tmp_path):
    page.goto("/accounts/login/")
    expect(page.locator("img.captcha")).to_have_count(0)
    for _ in range(3):
        _submit(page, organizer_user.username, "wrong-password-1")
    image = page.locator("img.captcha")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")  # the PNG loaded
    page.screenshot(path=str(tmp_path / "captcha.png"), full_page=True)
    key = page.locator("input[name=captcha_0]").input_value()
    answer = CaptchaStore.objects.get(hashkey=key).response
    page.fill("input[name=captcha_1]", answer)
    _submit(page, organizer_user.username, PASSWORD)
    assert not re.search(r"/accounts/login/", page.url)
    expect(page.locator("img.captcha")).to_have_count(0)
