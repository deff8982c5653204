"""The security administrator's services: ministry accounts, their duties, resets and unlocks.

Every service checks the actor's duty itself (pages are only interfaces) and is audited.
An administrator never changes, deactivates or resets their own account: that takes a
second security administrator, so no one widens their own powers unseen.
"""

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.audit import audit_record
from portal.choices import Duty, Role
from portal.errors import DomainError
from portal.models import User

from .duties import admin_flags_for, duty_check


def ministry_account_list_for(actor):
    duty_check(actor, Duty.SECURITY)
    return User.objects.filter(role=Role.MINISTRY).order_by("username")


def _account_for_update(actor, user_id: int) -> User:
    """The ministry account, locked; 404 for anything else, refused for the actor's own."""
    duty_check(actor, Duty.SECURITY)
    user = User.objects.select_for_update().filter(pk=user_id, role=Role.MINISTRY).first()
    if user is None:
        raise Http404
    if user.pk == actor.pk:
        raise DomainError(_("Another security administrator must change your own account."))
    return user


@transaction.atomic
def ministry_account_create(
    *, actor, username: str, full_name: str, email: str, duty: str, password: str, request=None
) -> User:
    """A new ministry account with at most one duty; the password must pass the policy."""
    duty_check(actor, Duty.SECURITY)
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        role=Role.MINISTRY,
        duty=duty,
        **admin_flags_for(duty),
    )
    user.full_clean(exclude=["password"])
    validate_password(password, user)
    user.set_password(password)
    user.save()
    audit_record(
        actor=actor,
        action="account.create",
        obj=user,
        request=request,
        summary=f"{user.username}: duty={user.duty}",
    )
    return user


@transaction.atomic
def account_duty_assign(*, actor, user_id: int, duty: str, request=None) -> User:
    user = _account_for_update(actor, user_id)
    before = user.duty
    user.duty = duty
    for field, value in admin_flags_for(duty).items():
        setattr(user, field, value)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="duty") from exc
    user.save(update_fields=["duty", "is_staff", "is_superuser"])
    audit_record(
        actor=actor,
        action="account.duty",
        obj=user,
        request=request,
        summary=f"{user.username}: {before} → {duty}",
    )
    return user


@transaction.atomic
def account_active_set(*, actor, user_id: int, active: bool, request=None) -> User:
    """Deactivate (or reactivate) an account; a deactivated account cannot sign in."""
    user = _account_for_update(actor, user_id)
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="account.activate" if active else "account.deactivate",
        obj=user,
        request=request,
        summary=user.username,
    )
    return user


@transaction.atomic
def account_two_factor_reset(*, actor, user_id: int, request=None) -> User:
    """Remove the user's authenticator and recovery codes (lost phone): set up again at sign-in."""
    user = _account_for_update(actor, user_id)
    removed = TOTPDevice.objects.filter(user=user).delete()[0]
    removed += StaticDevice.objects.filter(user=user).delete()[0]
    audit_record(
        actor=actor,
        action="account.two_factor_reset",
        obj=user,
        request=request,
        summary=f"{user.username}: {removed}",
    )
    return user


@transaction.atomic
def account_unlock(*, actor, user_id: int, request=None) -> User:
    """Clear the sign-in lock-out of the user name (django-axes), from every address."""
    user = _account_for_update(actor, user_id)
    count = axes_reset(username=user.username)
    audit_record(
        actor=actor,
        action="account.unlock",
        obj=user,
        request=request,
        summary=f"{user.username}: {count}",
    )
    return user
