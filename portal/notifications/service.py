"""notify(): the in-portal notice, exactly once per (kind, event, recipient), then delivery.

The notices are inserted together; if another call or worker wrote some of them first, the unique
constraint refuses the batch and each row is tried alone in its own savepoint, so every
(recipient, kind, event) ends up with one notice whoever wins. E-mail and SMS are sent by a
Celery task after the commit (a rolled-back move sends nothing); notices of kinds a recipient
takes as a digest wait for the daily digest.
"""

import logging
from collections.abc import Callable, Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.celery import app as celery_app
from portal.i18n import site_language  # noqa: F401 (notices are written in the site language)
from portal.jobs.dispatch import BROKER_ERRORS
from portal.models import Notice, NoticePreference, User

from .kinds import DeliveryMode, NoticeKind

log = logging.getLogger(__name__)

DELIVER_TASK = "portal.deliver_notices"


def notify_on_commit(func: Callable, /, **kwargs) -> None:
    """Call `func(**kwargs)` once the current transaction commits (the one line a move adds).

    A failure there is logged and never undoes or hides the committed move.
    """

    # A named function, not the partial itself: Django's robust on_commit logs a failure with
    # the callback's __qualname__, which a partial lacks (the logging itself would then raise).
    def call() -> None:
        func(**kwargs)

    call.__qualname__ = getattr(func, "__qualname__", repr(func))
    transaction.on_commit(call, robust=True)


def _digest_users(kind: str, user_ids: list[int]) -> set[int]:
    rows = NoticePreference.objects.filter(
        kind=kind, user_id__in=user_ids, mode=DeliveryMode.DIGEST
    )
    return set(rows.values_list("user_id", flat=True))


def _insert(notices: list[Notice]) -> list[Notice]:
    """Insert all in one statement; when a row exists already, one by one (skipping those)."""
    try:
        with transaction.atomic():
            return Notice.objects.bulk_create(notices)
    except IntegrityError:
        pass
    created = []
    for notice in notices:
        try:
            with transaction.atomic():
                notice.save(force_insert=True)
        except IntegrityError:
            continue
        created.append(notice)
    return created


def _send_on_commit(notice_ids: list[int]) -> None:
    def send() -> None:
        try:
            celery_app.signature(DELIVER_TASK, args=[notice_ids]).apply_async()
        except BROKER_ERRORS:  # the notices stand; their e-mails are lost, as a mail error would
            log.exception("Could not queue the delivery of notices %s", notice_ids)

    transaction.on_commit(send)


@transaction.atomic
def notify(
    *,
    kind: NoticeKind | str,
    event_key: str,
    recipients: Iterable[User | int],
    title: str,
    body: str = "",
    url: str = "",
    deliver: bool = True,
) -> list[Notice]:
    """Write the notice of one event for each recipient who does not have it yet; return those.

    `event_key` names the event (e.g. "submission-event-42"), stable across retries.
    `deliver=False` writes notices that are never e-mailed (demo data).
    """
    if not event_key:
        raise ValueError("notify() needs an event key: it is what makes a notice exactly once")
    kind = NoticeKind(kind)
    user_ids = list(dict.fromkeys(u if isinstance(u, int) else u.pk for u in recipients))
    if not user_ids:
        return []
    existing = set(
        Notice.objects.filter(
            kind=kind, event_key=event_key, recipient_id__in=user_ids
        ).values_list("recipient_id", flat=True)
    )
    fresh = [pk for pk in user_ids if pk not in existing]
    if not fresh:
        return []
    digest = _digest_users(kind, fresh) if deliver else set()
    now = None if deliver else timezone.now()
    created = _insert(
        [
            Notice(
                recipient_id=pk,
                kind=kind,
                event_key=event_key[:150],
                title=title[:200],
                body=body,
                url=url[:300],
                digest=pk in digest,
                delivered_at=now,
            )
            for pk in fresh
        ]
    )
    at_once = [n.pk for n in created if deliver and not n.digest]
    if at_once:
        _send_on_commit(at_once)
    return created
