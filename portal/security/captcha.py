"""A CAPTCHA on sign-in after CAPTCHA_AFTER_FAILURES wrong passwords (django-simple-captcha).

The count is django-axes' own (the failures of this user name from this address, the same
count that locks it out at AXES_FAILURE_LIMIT), so the page and the API token endpoint ask at
the same moment and answer the same way; any user name counts, existing or not, so asking
reveals nothing about accounts. The answer is checked on the server before the password is:
each challenge can be tried once (a wrong answer burns it) and expires (CAPTCHA_TIMEOUT).
"""

from axes.handlers.proxy import AxesProxyHandler
from captcha.fields import CaptchaField  # type: ignore[import-untyped]
from captcha.helpers import captcha_image_url  # type: ignore[import-untyped]
from captcha.models import CaptchaStore  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError


def captcha_required(request, username: str) -> bool:
    """Whether this user name, from this address, must now answer a CAPTCHA to sign in."""
    limit = getattr(settings, "CAPTCHA_AFTER_FAILURES", 3)
    username = (username or "").strip()
    if not limit or not username or not settings.AXES_ENABLED:
        return False
    failures = AxesProxyHandler.get_failures(request, {"username": username})
    return failures >= limit


def captcha_pending(request, username: str) -> bool:
    """A CAPTCHA is asked for, and the user name is not locked out yet: once it is, the
    password check runs so that django-axes answers with its lockout (429), as before."""
    if not captcha_required(request, username):
        return False
    return not AxesProxyHandler.is_locked(request, {"username": (username or "").strip()})


def captcha_refused(request, username: str) -> None:
    """A missing or wrong answer counts as a failed sign-in (axes hears it as one), so the
    lockout comes after the same number of attempts with or without the CAPTCHA."""
    user_login_failed.send(
        sender=__name__, credentials={"username": (username or "").strip()}, request=request
    )


def captcha_field() -> CaptchaField:
    from django.utils.translation import gettext_lazy as _

    return CaptchaField(
        label=_("Characters in the image"),
        help_text=_("Several wrong passwords were given: type the characters you see."),
        error_messages={"invalid": _("The characters do not match the image; try the new one.")},
    )


def captcha_answer_ok(key: str, answer: str) -> bool:
    """Check an answer given outside a form (the API): once per challenge, as the field does."""
    try:
        captcha_field().clean([key or "", answer or ""])
    except ValidationError:
        return False
    return True


def captcha_challenge(request=None) -> dict:
    """A new challenge for the API: its key and the address of its image."""
    key = CaptchaStore.generate_key()
    url = captcha_image_url(key)
    return {
        "captcha_key": key,
        "captcha_image": request.build_absolute_uri(url) if request else url,
    }
