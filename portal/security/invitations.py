"""Invitations (SPEC §10): who invites whom, the one-time link, and its e-mail.

- the ministry's security administrator invites ministry staff and organizer administrators;
- an organizer's administrator invites its colleagues, and its 附件2 agencies' and 附件3
  enterprises' contacts (`portal/security/contacts.py` reads the rows);
- an agency's administrator invites its engineers.

Each invitation creates the account (user name = e-mail, no usable password) and a link that
works once, until INVITATION_TTL_HOURS. The link's token is an HMAC of a random nonce under
SECRET_KEY; only its SHA-256 is stored. The e-mails are sent by a worker (`portal.tasks`),
enqueued when the transaction commits, with ids only.
"""

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from portal.audit import audit_record, audit_record_many
from portal.celery import app as celery_app
from portal.choices import Duty, Role
from portal.errors import DomainError
from portal.jobs.dispatch import BROKER_ERRORS
from portal.models import Invitation, User
from portal.notifications.kinds import NoticeKind
from portal.notifications.service import notify, notify_on_commit, site_language

from .account_admin import account_admin_check, invitation_get_for
from .duties import has_duty

log = logging.getLogger(__name__)

SEND_TASK = "portal.invitations_send"
_SALT = "portal.security.invitations"


@dataclass(frozen=True)
class Invitee:
    """One person to invite and the tenant the account belongs to."""

    email: str
    role: str
    full_name: str = ""
    phone: str = ""
    job_title: str = ""
    organizer_id: int | None = None
    agency_id: int | None = None
    enterprise_id: int | None = None
    tenant_admin: bool = False
    label: str = ""  # how the row is named in messages (the agency's or enterprise's name)


@dataclass
class InviteOutcome:
    invited: list[User] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one sentence per row left out, and why


# --- the link ------------------------------------------------------------------------------


def _token(nonce: str) -> str:
    return salted_hmac(_SALT, nonce, algorithm="sha256").hexdigest()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _fresh_link() -> dict:
    nonce = secrets.token_urlsafe(32)
    return {
        "nonce": nonce,
        "token_hash": _digest(_token(nonce)),
        "expires_at": timezone.now() + dt.timedelta(hours=settings.INVITATION_TTL_HOURS),
    }


def invitation_token(invitation: Invitation) -> str:
    """The token of the invitation's current link (for the e-mail; never stored)."""
    return _token(invitation.nonce)


def invitation_problem(invitation: Invitation | None) -> str | None:
    """Why the link cannot be used: unknown, used, expired, inactive; None when it can."""
    if invitation is None:
        return "unknown"
    if invitation.accepted_at is not None:
        return "used"
    if invitation.expires_at <= timezone.now():
        return "expired"
    return None if invitation.user.is_active else "inactive"


def invitation_for_token(token: str, *, for_update: bool = False) -> Invitation | None:
    qs = Invitation.objects.select_related("user", "user__organizer", "user__agency")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    return qs.filter(token_hash=_digest(token or "")).first()


# --- who may invite whom -------------------------------------------------------------------


def _may_invite(actor, invitee: Invitee) -> bool:
    if has_duty(actor, Duty.SECURITY):
        return (invitee.role == Role.MINISTRY and not invitee.tenant_admin) or (
            invitee.role == Role.ORGANIZER and invitee.tenant_admin
        )
    if actor.role == Role.ORGANIZER:
        # Agencies and enterprises come from the organizer's own rows (contacts.py checks them).
        return invitee.role in {Role.AGENCY, Role.ENTERPRISE} or (
            invitee.role == Role.ORGANIZER and invitee.organizer_id == actor.organizer_id
        )
    return invitee.role == Role.AGENCY and invitee.agency_id == actor.agency_id


def _email_problem(email: str) -> str | None:
    try:
        validate_email(email)
    except ValidationError:
        return _("no valid e-mail address")
    return _("the e-mail address is too long") if len(email) > 150 else None


class _Plan:
    """The rows of one request, checked against what is stored with a fixed number of queries."""

    def __init__(self, invitees: list[Invitee]):
        emails = {i.email for i in invitees}
        taken = User.objects.annotate(mail=Lower("email")).filter(
            Q(mail__in=emails) | Q(username__in=emails)
        )
        self.taken = {e for pair in taken.values_list("mail", "username") for e in pair}
        agency_ids = {i.agency_id for i in invitees if i.role == Role.AGENCY and i.tenant_admin}
        # Any account of the agency counts (admins last, so their name is the one shown).
        self.agency_admins = dict(
            User.objects.filter(agency_id__in=agency_ids)
            .order_by("tenant_admin", "pk")
            .values_list("agency_id", "full_name")
        )
        enterprise_ids = {i.enterprise_id for i in invitees if i.enterprise_id}
        self.enterprises = set(
            User.objects.filter(enterprise_id__in=enterprise_ids).values_list(
                "enterprise_id", flat=True
            )
        )

    def problem(self, invitee: Invitee) -> str | None:
        """Why this row is left out; records the row as taken otherwise (one per agency...)."""
        problem = _email_problem(invitee.email)
        if problem:
            return problem
        if invitee.email in self.taken:
            return _("an account with this e-mail address exists already")
        if invitee.agency_id in self.agency_admins and invitee.tenant_admin:
            return _(
                "the agency has its accounts already (administrator: %(name)s), whichever "
                "province invited them; its administrator invites its engineers"
            ) % {"name": self.agency_admins[invitee.agency_id] or _("invited")}
        if invitee.enterprise_id in self.enterprises:
            return _("the enterprise has an account already")
        self.taken.add(invitee.email)
        if invitee.tenant_admin and invitee.agency_id:
            self.agency_admins[invitee.agency_id] = invitee.full_name
        if invitee.enterprise_id:
            self.enterprises.add(invitee.enterprise_id)
        return None


def _new_user(invitee: Invitee) -> User:
    user = User(
        username=invitee.email,
        email=invitee.email,
        full_name=invitee.full_name[:64],
        phone=invitee.phone[:32],
        job_title=invitee.job_title[:64],
        role=invitee.role,
        organizer_id=invitee.organizer_id,
        agency_id=invitee.agency_id,
        enterprise_id=invitee.enterprise_id,
        tenant_admin=invitee.tenant_admin,
    )
    user.set_unusable_password()
    return user


@transaction.atomic
def invitations_create(*, actor, invitees: Iterable[Invitee], request=None) -> InviteOutcome:
    """Invite everyone in `invitees` in a fixed number of queries, whatever their number.

    A row is left out (and said why) when its e-mail is missing or has an account, when its
    agency has its accounts already (one set per agency, SPEC §2) or its enterprise an account.
    """
    account_admin_check(actor)
    rows = [Invitee(**{**i.__dict__, "email": i.email.strip().lower()}) for i in invitees]
    for row in rows:
        if not _may_invite(actor, row):
            raise DomainError(_("You cannot invite this kind of account."), field="kind")
    plan, outcome, users = _Plan(rows), InviteOutcome(), []
    for row in rows:
        problem = plan.problem(row)
        if problem:
            outcome.skipped.append(f"{row.label or row.full_name or row.email}: {problem}")
        else:
            users.append(_new_user(row))
    User.objects.bulk_create(users)
    organizer_id = actor.organizer_id if actor.role == Role.ORGANIZER else None
    invitations = Invitation.objects.bulk_create(
        Invitation(user=u, invited_by=actor, organizer_id=organizer_id, **_fresh_link())
        for u in users
    )
    audit_record_many(
        actor=actor,
        action="account.invite",
        items=[(u, f"{u.username}: {u.role}{' admin' if u.tenant_admin else ''}") for u in users],
        request=request,
    )
    invitations_send_on_commit([i.pk for i in invitations])
    notify_on_commit(_invited_notify, actor=actor, user_ids=[u.pk for u in users])
    outcome.invited = users
    return outcome


def _invited_notify(*, actor, user_ids: list[int]) -> None:
    """The in-portal notice each new account finds at its first sign-in; the invitation e-mail
    is its delivery, so the notice is never e-mailed again."""
    if not user_ids:
        return
    with site_language():
        title = _("Welcome: %(inviter)s of %(unit)s set up your account") % {
            "inviter": actor.display_name,
            "unit": actor.tenant_name,
        }
        body = _("Your account was created by invitation; the menu shows what you can do.")
    notify(
        kind=NoticeKind.ACCOUNT_INVITED,
        event_key=f"invited-by-{actor.pk}",
        recipients=user_ids,
        title=title,
        body=body,
        url=reverse("home"),
        deliver=False,
    )


@transaction.atomic
def invitation_resend(*, actor, invitation_id, request=None) -> Invitation:
    """A new link for a pending invitation (the old link stops working) and a new e-mail."""
    account_admin_check(actor)
    invitation = invitation_get_for(actor, invitation_id, for_update=True)
    if invitation.accepted_at is not None:
        raise DomainError(_("This invitation was accepted: the account has its password."))
    if not invitation.user.is_active:
        raise DomainError(_("The account is deactivated: reactivate it first."))
    for name, value in _fresh_link().items():
        setattr(invitation, name, value)
    invitation.sent_at = None
    invitation.save(update_fields=["nonce", "token_hash", "expires_at", "sent_at"])
    audit_record(
        actor=actor,
        action="account.invite_resend",
        obj=invitation.user,
        request=request,
        summary=invitation.user.username,
    )
    invitations_send_on_commit([invitation.pk])
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str, full_name: str = "", request=None) -> User:
    """Set the invited account's password through the link, once; the policy applies."""
    invitation = invitation_for_token(token, for_update=True)
    problem = invitation_problem(invitation)
    if problem or invitation is None:
        raise DomainError(invitation_problem_message(problem or "unknown"))
    user = invitation.user
    if full_name:
        user.full_name = full_name[:64]
    validate_password(password, user)
    user.set_password(password)
    user.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user, action="account.invite_accept", obj=user, request=request, summary=user.username
    )
    return user


def invitation_problem_message(problem: str) -> str:
    return {
        "unknown": _("This link is not valid. Ask for a new invitation."),
        "used": _("This link was used already: sign in with your password, or reset it."),
        "expired": _("This link has expired. Ask the person who invited you to send it again."),
        "inactive": _("This account is deactivated."),
    }[problem]


# --- sending -------------------------------------------------------------------------------


def invitations_send_on_commit(ids: list[int]) -> None:
    """Hand the e-mails to the workers once the invitations are committed (ids only)."""
    if not ids:
        return

    def send() -> None:
        try:
            celery_app.signature(SEND_TASK, args=[ids]).apply_async()
        except BROKER_ERRORS as exc:  # the invitations stay unsent; "resend" sends them later
            log.warning("Invitation e-mails wait for the broker: %s", exc)

    transaction.on_commit(send)
