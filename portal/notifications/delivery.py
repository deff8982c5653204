"""Sending notices by e-mail and SMS: immediately (by id) or as the daily digest, each once.

A run first claims its notices with one UPDATE (delivered_at and a fresh claim id, only where
delivered_at is empty), then reads back what it claimed: two workers given the same notices
never both send them. E-mail and SMS go after the claim; a failing mail server or gateway is
logged and not retried (the notice is in the portal), which keeps them at most once.
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.models import Notice, NoticePreference

from .service import site_language
from .sms import SmsMessage, send_sms

log = logging.getLogger(__name__)


def _claim(queryset: QuerySet[Notice]) -> list[Notice]:
    claim, now = uuid.uuid4(), timezone.now()
    if not queryset.filter(delivered_at__isnull=True).update(
        delivered_at=now, delivery_claim=claim
    ):
        return []
    claimed = Notice.objects.filter(delivery_claim=claim).select_related("recipient")
    return list(claimed.order_by("recipient_id", "created_at", "id"))


def _site(path: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def _link(notice: Notice) -> str:
    return _site(notice.url) if notice.url else ""


def _sms_wanted(notices: Iterable[Notice]) -> set[tuple[int, str]]:
    """(user, kind) pairs whose user asked for SMS too, in one query."""
    notices = list(notices)
    rows = NoticePreference.objects.filter(
        sms=True,
        user_id__in={n.recipient_id for n in notices},
        kind__in={n.kind for n in notices},
    )
    return set(rows.values_list("user_id", "kind"))


def _send_email(messages: list[EmailMessage]) -> None:
    if not messages:
        return
    try:
        get_connection(fail_silently=False).send_messages(messages)
    except Exception:  # the notices are recorded; the mail server's failure must not undo them
        log.exception("Notice e-mails could not be sent (%d messages)", len(messages))


def _send_sms(messages: list[SmsMessage]) -> None:
    try:
        send_sms(messages)
    except Exception:  # as for e-mail: logged, the notice stands
        log.exception("Notice SMS could not be sent (%d messages)", len(messages))


def _email(notice: Notice) -> EmailMessage:
    link = _link(notice)
    body = notice.body + (f"\n\n{link}" if link else "")
    return EmailMessage(subject=notice.title, body=body, to=[notice.recipient.email])


def _sms(phone: str, title: str, url: str) -> SmsMessage:
    return SmsMessage(to=phone, text=f"{title} {url}".strip(), params={"title": title, "url": url})


def notices_deliver(*, notice_ids: list[int]) -> int:
    """E-mail (and SMS where chosen) the immediate notices among `notice_ids` not sent yet."""
    notices = _claim(Notice.objects.filter(pk__in=notice_ids, digest=False))
    wanted = _sms_wanted(notices)
    _send_email([_email(n) for n in notices if n.recipient.email])
    texts = [
        _sms(n.recipient.phone, n.title, _link(n))
        for n in notices
        if n.recipient.phone and (n.recipient_id, n.kind) in wanted
    ]
    if texts:
        _send_sms(texts)
    return len(notices)


def _digest_email(notices: list[Notice], today: str) -> EmailMessage:
    count = len(notices)
    subject = ngettext("Your notice of %(date)s", "Your %(n)d notices of %(date)s", count) % {
        "n": count,
        "date": today,
    }
    parts = []
    for notice in notices:
        link = _link(notice)
        parts.append("\n".join(p for p in (f"■ {notice.title}", notice.body, link) if p))
    return EmailMessage(subject=subject, body="\n\n".join(parts), to=[notices[0].recipient.email])


def digest_send(*, now=None) -> int:
    """The daily digest: one e-mail per user with their undelivered digest notices (and one
    SMS with the count, if they chose SMS for any of those kinds). Returns the users reached."""
    now = now or timezone.now()
    notices = _claim(Notice.objects.filter(digest=True, created_at__lte=now))
    by_user: dict[int, list[Notice]] = defaultdict(list)
    for notice in notices:
        by_user[notice.recipient_id].append(notice)
    wanted = _sms_wanted(notices)
    today = timezone.localdate(now).isoformat()
    emails, texts = [], []
    with site_language():
        for user_notices in by_user.values():
            user = user_notices[0].recipient
            if user.email:
                emails.append(_digest_email(user_notices, today))
            if user.phone and any((user.pk, n.kind) in wanted for n in user_notices):
                title = _("%(n)d new notices in the portal") % {"n": len(user_notices)}
                texts.append(_sms(user.phone, title, _site(reverse("notices"))))
    _send_email(emails)
    if texts:
        _send_sms(texts)
    return len(by_user)
