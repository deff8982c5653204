"""Wires the reminders into the rest of the portal (imported by ReportsConfig.ready)."""

import logging

from provinces.services import AFTER_MOVE

from . import tasks

log = logging.getLogger(__name__)


def on_submission_move(submission, event) -> None:
    """After a move commits: a return or reopen by the ministry notifies the organizer."""
    if event.action not in {"return", "reopen"}:
        return
    try:
        tasks.notify_submission_returned.delay(event.pk)
    except Exception:  # the broker being down must not turn a committed return into an error
        log.exception("Could not queue the notice of submission event %s", event.pk)


def connect() -> None:
    if on_submission_move not in AFTER_MOVE:
        AFTER_MOVE.append(on_submission_move)
