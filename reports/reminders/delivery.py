"""Sending reminders exactly once: a ReminderLog row, the in-portal notice, then the e-mail.

The log row and the notice are written together in one savepoint; the log's unique constraint
(recipient, campaign, milestone, stage, object key) makes a second run — or a second worker
running at the same moment — fail that insert and skip the reminder. E-mails go out after the
rows are committed, so a failed commit never leaves an e-mail without its notice; a failing mail
server is logged and not retried (the notice is there), which keeps e-mail at most once.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction

from portal.models import Notice, ReminderLog

from .plan import Reminder

log = logging.getLogger(__name__)


def _already_sent(reminders: list[Reminder]) -> set[tuple]:
    if not reminders:
        return set()
    rows = ReminderLog.objects.filter(
        campaign_id__in={r.campaign_id for r in reminders},
        stage__in={r.stage for r in reminders},
        recipient_id__in={r.recipient_id for r in reminders},
    ).values_list("recipient_id", "campaign_id", "milestone", "stage", "object_key")
    return set(rows)


def _record(reminder: Reminder) -> bool:
    """Log and notify in one savepoint; False when it was sent before (unique constraint)."""
    try:
        with transaction.atomic():
            ReminderLog.objects.create(
                recipient_id=reminder.recipient_id,
                campaign_id=reminder.campaign_id,
                milestone=reminder.milestone,
                stage=reminder.stage,
                object_key=reminder.object_key,
            )
            Notice.objects.create(
                recipient_id=reminder.recipient_id,
                title=reminder.title[:200],
                body=reminder.body,
                url=reminder.url,
            )
    except IntegrityError:
        return False
    return True


def _email(reminder: Reminder) -> EmailMessage:
    link = f"\n\n{settings.SITE_URL.rstrip('/')}{reminder.url}" if reminder.url else ""
    return EmailMessage(subject=reminder.title, body=reminder.body + link, to=[reminder.email])


def _send_emails(sent: list[Reminder]) -> None:
    messages = [_email(r) for r in sent if r.email]
    if not messages:
        return
    try:
        get_connection(fail_silently=False).send_messages(messages)
    except Exception:  # the notices are recorded; the mail server's failure must not undo them
        log.exception("Reminder e-mails could not be sent (%d messages)", len(messages))


def reminders_deliver(reminders: Iterable[Reminder], *, email: bool = True) -> list[Reminder]:
    """Send each reminder that was never sent before; returns the ones sent now.

    `email=False` records the notices only (demo data).
    """
    reminders = list({r.key: r for r in reminders}.values())
    done = _already_sent(reminders)
    sent = [r for r in reminders if r.key not in done and _record(r)]
    if email:
        transaction.on_commit(lambda: _send_emails(sent))
    return sent
