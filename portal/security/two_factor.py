"""Two-factor login (TOTP) with single-use recovery codes, and when a session must use it.

A user with a confirmed authenticator must pass it at every login. Ministry and organizer staff
must set one up when the current campaign has `require_two_factor`. The decision is taken once
per login (`on_user_logged_in`) and kept in the session, so ordinary requests cost no query.
"""

import re

from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit import audit_record
from portal.choices import Role
from portal.security.api_tokens import api_tokens_revoke
from portal.selectors import campaign_current

SESSION_KEY = "security.two_factor"  # "verify" or "setup" until the second factor is passed
VERIFY, SETUP = "verify", "setup"
RECOVERY_CODE_COUNT = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"
STAFF_ROLES = {Role.MINISTRY, Role.ORGANIZER}


def two_factor_mandatory(user) -> bool:
    """Ministry and organizer staff when the current campaign requires a second factor."""
    if user.role not in STAFF_ROLES:
        return False
    campaign = campaign_current()
    return bool(campaign and campaign.require_two_factor)


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def two_factor_state(user) -> str | None:
    """What the user's new session still owes: VERIFY, SETUP or nothing (None)."""
    if user_has_device(user, confirmed=True):
        return VERIFY
    return SETUP if two_factor_mandatory(user) else None


def on_user_logged_in(request: HttpRequest | None, user) -> None:
    if request is None or not hasattr(request, "session"):
        return
    state = two_factor_state(user)
    if state:
        request.session[SESSION_KEY] = state
    else:
        request.session.pop(SESSION_KEY, None)


def authenticator_pending(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user, a fresh secret if none)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False, name=TOTP_NAME).first()
    return device or TOTPDevice.objects.create(user=user, confirmed=False, name=TOTP_NAME)


def _mark_verified(request: HttpRequest, device) -> None:
    # A new session key once the second factor is passed: a key seen before it is worthless.
    request.session.cycle_key()
    otp_login(request, device)
    request.session.pop(SESSION_KEY, None)


@transaction.atomic
def authenticator_confirm(*, request: HttpRequest, device_id: int, token: str) -> list[str] | None:
    """Confirm the pending authenticator with a code from the app; new recovery codes, or None."""
    user = request.user
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(pk=device_id, user=user, confirmed=False)
        .first()
    )
    if device is None or not device.verify_token(_digits(token)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _replace_recovery_codes(user)
    # Tokens issued before (with the password alone) would bypass the new second factor.
    api_tokens_revoke(user=user, reason="two_factor_enable", request=request)
    _mark_verified(request, device)
    audit_record(
        actor=user,
        action="security.two_factor_enable",
        obj=device,
        request=request,
        summary=device.name,
    )
    return codes


def _replace_recovery_codes(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes: list[str] = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return [format_code(c) for c in codes]


@transaction.atomic
def recovery_codes_regenerate(*, request: HttpRequest) -> list[str]:
    """Ten new recovery codes for a verified user; the old ones stop working."""
    codes = _replace_recovery_codes(request.user)
    audit_record(
        actor=request.user,
        action="security.recovery_codes",
        request=request,
        object_type="otp_static.staticdevice",
        summary=str(len(codes)),
    )
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def second_factor_verify(*, request: HttpRequest, token: str) -> bool:
    """Check a code from the authenticator app or a recovery code; mark the session verified."""
    user = request.user
    digits = _digits(token)
    if re.fullmatch(r"\d{6}", digits):
        device = _totp_device_accepting(user, digits)
        if device is not None:
            _mark_verified(request, device)
        return device is not None
    code = normalize_code(token)
    for device in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
        if code and device.verify_token(code):
            _mark_verified(request, device)
            audit_record(
                actor=user,
                action="security.recovery_code_used",
                obj=device,
                request=request,
                summary=str(recovery_codes_left(user)),
            )
            return True
    return False


def _digits(token: str) -> str:
    return re.sub(r"\s", "", token or "")


def normalize_code(token: str) -> str:
    """A recovery code as stored: lower case, without the spaces and dashes people type."""
    return re.sub(r"[\s-]", "", token or "").lower()


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def token_second_factor_ok(user, token: str) -> bool:
    """For API tokens: a current authenticator code of the user (no session involved)."""
    digits = _digits(token)
    return bool(re.fullmatch(r"\d{6}", digits)) and _totp_device_accepting(user, digits) is not None


def _totp_device_accepting(user, digits: str) -> TOTPDevice | None:
    """The user's authenticator that accepts the six digits, in the caller's transaction: the
    devices are locked so that one code cannot be replayed by two simultaneous requests."""
    devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
    return next((device for device in devices if device.verify_token(digits)), None)
