"""Password policy (GB/T 22239-2019 8.1.4.1): character classes, no reuse, a maximum age.

The validators sit in AUTH_PASSWORD_VALIDATORS, so every path that checks a new password
(password change and reset pages, the Django admin, `changepassword`, `createsuperuser`, the
security administrator's account page) applies them. `PasswordHistoryValidator.password_changed`
is called by Django whenever a user is saved with a new password, so the history and the age
are kept on every path, including `set_password()` in code.
"""

import datetime as dt
import string

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CLASSES = (
    ("lower", lambda c: c in string.ascii_lowercase),
    ("upper", lambda c: c in string.ascii_uppercase),
    ("digit", lambda c: c.isdigit()),
    ("other", lambda c: not c.isascii() or not c.isalnum()),
)
SESSION_KEY = "security.password_expired"


class CharacterClassesValidator:
    """At least `min_classes` of: lower-case letters, capitals, digits, other characters."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        found = sum(1 for _name, test in CLASSES if any(test(c) for c in password))
        if found < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _(
            "Your password must contain at least %(n)d of these four kinds of character: "
            "lower-case letters, capital letters, digits, other characters."
        ) % {"n": self.min_classes}


def _history(user):
    from portal.models import PasswordHistory

    return PasswordHistory.objects.filter(user=user)


class PasswordHistoryValidator:
    """Refuses any of the user's last `count` passwords; records each new one."""

    def __init__(self, count: int = 5):
        self.count = count

    def validate(self, password, user=None):
        if user is None or user.pk is None:
            return
        for stored in _history(user).values_list("password", flat=True)[: self.count]:
            if check_password(password, stored):
                raise ValidationError(
                    ngettext(
                        "You used this password recently: choose one you have not used "
                        "for your last password.",
                        "You used this password recently: choose one you have not used "
                        "for your last %(n)d passwords.",
                        self.count,
                    )
                    % {"n": self.count},
                    code="password_reused",
                )

    def password_changed(self, password, user=None):
        if user is None or user.pk is None:
            return
        from portal.models import PasswordHistory

        PasswordHistory.objects.create(
            user=user, password=make_password(password), created_at=timezone.now()
        )
        stale = _history(user).values_list("pk", flat=True)[max(self.count, 1) :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self):
        return _("Your password cannot be one of your last %(n)d passwords.") % {"n": self.count}


def password_max_age() -> dt.timedelta | None:
    days = int(getattr(settings, "PASSWORD_MAX_AGE_DAYS", 0) or 0)
    return dt.timedelta(days=days) if days > 0 else None


def password_set_at(user) -> dt.datetime | None:
    return _history(user).values_list("created_at", flat=True).first()


def password_expired(user) -> bool:
    """The current password is older than the ministry's maximum age (PASSWORD_MAX_AGE_DAYS).

    A user with no recorded change (an account older than the history) counts from sign-up.
    """
    max_age = password_max_age()
    if max_age is None or not user.has_usable_password():
        return False
    set_at = password_set_at(user) or user.date_joined
    return timezone.now() - set_at > max_age
