"""Separation of duties among ministry staff (三员分立, GB/T 22239-2019 8.1.4.2 d, 8.1.5).

Three administrative duties, never two on one account (one `User.duty` field, database
constraints in `portal.models.User`):

- system: deploys and runs the portal, the only one the Django admin opens for;
- security: ministry accounts, their duties, two-factor resets and unlocks, password policy;
- audit: reads and exports the audit log.

Daily work (review, approve, publish) needs none of them: ordinary ministry staff do it.
This module holds the rules only (no model imports), so the model's `clean()` can use them.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from portal.choices import Duty, Role


def has_duty(user, duty: str) -> bool:
    """True for an active, signed-in ministry user holding `duty`."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == Role.MINISTRY
        and user.duty == duty
    )


def duty_check(user, duty: str) -> None:
    if not has_duty(user, duty):
        raise PermissionDenied(_("This page is for the %(duty)s.") % {"duty": Duty(duty).label})


def duty_required(duty: str) -> Callable:
    """Login, then 403 unless the user holds `duty` (a ministry account)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            duty_check(request.user, duty)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def duty_errors(user) -> dict[str, StrOrPromise]:
    """What breaks the separation on `user` (field → reason), the same rules as the constraints."""
    errors: dict[str, StrOrPromise] = {}
    if user.duty not in Duty.values:
        errors["duty"] = _("Choose one of the listed duties.")
    elif user.duty != Duty.NONE and user.role != Role.MINISTRY:
        errors["duty"] = _("Only ministry staff hold an administrative duty.")
    if (user.is_staff or user.is_superuser) and user.duty != Duty.SYSTEM:
        errors["is_staff"] = _(
            "Only a system administrator may open the Django admin "
            "(staff status and superuser status)."
        )
    return errors


def admin_flags_for(duty: str) -> dict[str, bool]:
    """The Django admin flags that go with a duty: only the system administrator has them."""
    on = duty == Duty.SYSTEM
    return {"is_staff": on, "is_superuser": on}


def admin_site_has_permission(request) -> bool:
    """The Django admin opens for active system administrators only (replaces the default)."""
    user = request.user
    return has_duty(user, Duty.SYSTEM) and user.is_staff
