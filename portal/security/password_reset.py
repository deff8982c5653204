"""忘记密码: Django's token-based reset, throttled, never telling whether an address exists.

The request answers the same for a known and an unknown address; the e-mail (if any) is made
and sent by a worker. The new password goes through AUTH_PASSWORD_VALIDATORS (history too).
"""

import hashlib
from functools import partial

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction

from portal.audit import audit_record
from portal.celery import app as celery_app

from .client_ip import client_ip
from .throttle import throttle_hit

SEND_TASK = "portal.password_reset_send"


def password_reset_allowed(*, email: str, request) -> bool:
    """Count the request by client address and by e-mail address; False when either is over."""
    limit = settings.PASSWORD_RESET_PER_HOUR
    mail = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    by_ip = throttle_hit(f"reset-ip:{client_ip(request)}", limit=limit)
    by_mail = throttle_hit(f"reset-mail:{mail}", limit=limit)
    return by_ip and by_mail


def password_reset_request(*, email: str, request=None) -> None:
    """Queue a reset e-mail to every active account with a password under this address."""
    for user in PasswordResetForm().get_users(email):
        audit_record(
            actor=None,
            action="account.password_reset_request",
            obj=user,
            request=request,
            summary=user.username,
        )
        transaction.on_commit(partial(_send, user.pk))


def _send(user_id: int) -> None:
    celery_app.signature(SEND_TASK, args=[user_id]).apply_async()
