"""Helpers of the security tests: real TOTP codes (RFC 6238) and a real password sign-in."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


def totp_now(secret_b32: str, *, at: float | None = None, step: int = 30) -> str:
    """The 6-digit TOTP code of a base32 secret (RFC 6238, HMAC-SHA1), computed independently."""
    key = base64.b32decode(secret_b32.replace(" ", "").upper() + "=" * (-len(secret_b32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def device_secret(device) -> str:
    return base64.b32encode(device.bin_key).decode()


@pytest.fixture
def password_login():
    """password_login(client, user, ip=…) → the response of a real POST to the sign-in page."""

    def login(client, user, *, ip: str = "10.1.1.1", password: str = PASSWORD):
        return client.post(
            reverse("login"), {"username": user.username, "password": password}, REMOTE_ADDR=ip
        )

    return login


@pytest.fixture
def confirmed_authenticator():
    """confirmed_authenticator(user) → a confirmed TOTPDevice with ten recovery codes."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def make(user):
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
        for n in range(10):
            StaticToken.objects.create(device=static, token=f"code{n:04d}")
        return device

    return make


@pytest.fixture(scope="module")
def openapi_schema_once():
    """For a module that asks for /api/schema/ many times: generate each schema once per process
    (tests/openapi_once.py); the view still answers every request."""
    from tests.openapi_once import schema_generated_once

    with schema_generated_once():
        yield
