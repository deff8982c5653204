"""Who administers whose accounts (SPEC §2, §10), and the lifecycle moves on them.

- the ministry's security administrator: ministry accounts and the organizers' administrators;
- an organizer's administrator (`User.tenant_admin`): its organizer's accounts, and the
  invitations it sent to its agencies' and enterprises' contacts;
- an agency's administrator: its agency's accounts (one set per agency, however many
  provinces it serves).

Another tenant's account is a 404, for reads and writes alike; nobody changes their own.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.choices import Duty, Role
from portal.errors import DomainError
from portal.models import Invitation, User

from .api_tokens import api_tokens_revoke
from .duties import has_duty

TENANT_ADMIN_ROLES = {Role.ORGANIZER, Role.AGENCY}


def is_account_admin(user) -> bool:
    """The security administrator, or an active organizer's or agency's administrator."""
    if has_duty(user, Duty.SECURITY):
        return True
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.tenant_admin
        and user.role in TENANT_ADMIN_ROLES
    )


def account_admin_check(user) -> None:
    if not is_account_admin(user):
        raise PermissionDenied(_("This page is for the administrators of accounts."))


def managed_accounts(actor) -> Q:
    """The accounts `actor` administers, as a condition on User."""
    if has_duty(actor, Duty.SECURITY):
        return Q(role=Role.MINISTRY) | Q(role=Role.ORGANIZER, tenant_admin=True)
    if actor.role == Role.ORGANIZER:
        return Q(role=Role.ORGANIZER, organizer_id=actor.organizer_id)
    return Q(role=Role.AGENCY, agency_id=actor.agency_id)


def account_list_for(actor, *, never_signed_in: bool = False, search: str = "") -> QuerySet:
    """The accounts of the actor's tenant with their invitation, newest sign-in first."""
    account_admin_check(actor)
    qs = User.objects.filter(managed_accounts(actor)).select_related(
        "organizer", "agency", "invitation"
    )
    if never_signed_in:
        qs = qs.filter(last_login__isnull=True)
    if search:
        qs = qs.filter(
            Q(username__icontains=search)
            | Q(full_name__icontains=search)
            | Q(email__icontains=search)
        )
    return qs.order_by("-is_active", "last_login", "username")


def invitation_list_for(actor, *, pending: bool = True) -> QuerySet:
    """Invitations to the actor's accounts, and those the actor's organizer sent to contacts."""
    account_admin_check(actor)
    condition = Q(user__in=User.objects.filter(managed_accounts(actor)))
    if actor.role == Role.ORGANIZER:
        condition |= Q(organizer_id=actor.organizer_id)
    qs = Invitation.objects.filter(condition).select_related(
        "user", "user__agency", "user__enterprise", "user__organizer", "invited_by"
    )
    if pending:
        qs = qs.filter(accepted_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def invitation_get_for(actor, pk, *, for_update: bool = False) -> Invitation:
    qs = invitation_list_for(actor, pending=False)
    if for_update:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.filter(pk=pk).first()
    if invitation is None:
        raise Http404
    return invitation


def _account_for_update(actor, user_id) -> User:
    account_admin_check(actor)
    user = User.objects.select_for_update().filter(managed_accounts(actor), pk=user_id).first()
    if user is None:
        raise Http404
    if user.pk == actor.pk:
        raise DomainError(_("Another administrator must change your own account."))
    return user


@transaction.atomic
def account_active_set(*, actor, user_id, active: bool, request=None) -> User:
    """Deactivate or reactivate an account of the actor's tenant.

    A deactivated user cannot sign in, its sessions end at their next request and its API
    tokens are revoked (knox also refuses an inactive user's token).
    """
    user = _account_for_update(actor, user_id)
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        api_tokens_revoke(user=user, reason="deactivated", request=request, actor=actor)
    audit_record(
        actor=actor,
        action="account.activate" if active else "account.deactivate",
        obj=user,
        request=request,
        summary=user.username,
    )
    return user


def account_status(user: User) -> str:
    """deactivated, invited (link not used yet), expired (link ran out), never, active."""
    if not user.is_active:
        return "deactivated"
    invitation = getattr(user, "invitation", None)
    if invitation is not None and invitation.accepted_at is None:
        return "invited" if invitation.expires_at > timezone.now() else "expired"
    return "active" if user.last_login else "never"
