"""The account e-mails, sent by the workers (portal.tasks): invitations and password resets.

Each takes ids, reads the rows, and is safe to run twice: an invitation is sent once per link
(a resend clears `sent_at`), a reset link is made afresh from the user's current state.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.models import Invitation, User

from .invitations import invitation_token


def _url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _message(template: str, context: dict, to: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return EmailMessage(subject=subject, body=body, to=[to])


def invitations_send(ids: list[int]) -> int:
    """E-mail the links of the pending, unsent invitations among `ids`; how many went out."""
    now = timezone.now()
    invitations = list(
        Invitation.objects.filter(
            pk__in=ids, accepted_at__isnull=True, sent_at__isnull=True, expires_at__gt=now
        )
        .exclude(user__is_active=False)
        .select_related("user", "user__organizer", "user__agency", "user__enterprise", "invited_by")
    )
    messages = [
        _message(
            "accounts/email/invitation",
            {
                "user": invitation.user,
                "invited_by": invitation.invited_by,
                "link": _url(reverse("invitation-accept", args=[invitation_token(invitation)])),
                "expires_at": invitation.expires_at,
            },
            invitation.user.email,
        )
        for invitation in invitations
    ]
    sent = get_connection().send_messages(messages) or 0
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(
        sent_at=now, sent_count=F("sent_count") + 1
    )
    return sent


def password_reset_send(user_id: int) -> int:
    """E-mail a fresh "忘记密码" link to an active user with a usable password."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password() or not user.email:
        return 0
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "link": _url(path), "minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
    return _message("accounts/email/password_reset", context, user.email).send()
