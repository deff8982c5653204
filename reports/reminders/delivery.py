"""Sending reminders exactly once, through the portal's notices (portal/notifications).

Each reminder is a notice of kind "reminder" whose event is (campaign, milestone, stage, object):
the notices' unique constraint makes a second run — or a second worker running at the same
moment — write nothing and send nothing again. E-mails (and SMS, digests) follow as for every
notice.
"""

from collections import defaultdict
from collections.abc import Iterable

from portal.notifications.kinds import NoticeKind
from portal.notifications.service import notify

from .plan import Reminder


def reminder_event_key(reminder: Reminder) -> str:
    campaign, milestone, stage, key = reminder.key[1:]
    return f"reminder:{campaign}:{milestone}:{stage}:{key}"


def reminders_deliver(reminders: Iterable[Reminder], *, email: bool = True) -> list[Reminder]:
    """Send each reminder that was never sent before; returns the ones sent now.

    `email=False` records the notices only (demo data).
    """
    events: dict[tuple, list[Reminder]] = defaultdict(list)
    for reminder in {r.key: r for r in reminders}.values():
        words = (reminder.title, reminder.body, reminder.url)
        events[(reminder_event_key(reminder), *words)].append(reminder)
    sent = []
    for (event_key, title, body, url), group in events.items():
        notices = notify(
            kind=NoticeKind.REMINDER,
            event_key=event_key,
            recipients=[r.recipient_id for r in group],
            title=title,
            body=body,
            url=url,
            deliver=email,
        )
        created = {n.recipient_id for n in notices}
        sent += [r for r in group if r.recipient_id in created]
    return sent
