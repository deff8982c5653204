"""Moves of a diagnosis task (SPEC §5): matched → letter signed → published → reported → accepted,
or reported → returned → reported again."""

from django.utils.translation import gettext_lazy as _

from portal.choices import Role
from portal.workflow import Move

from .choices import TaskState as T

MOVES = {
    "sign_letter": Move(
        "sign_letter",
        _("Task letter signed"),
        frozenset({T.MATCHED}),
        T.LETTER_SIGNED,
        frozenset({Role.AGENCY, Role.ORGANIZER}),
    ),
    # From "matched" only for organizers that sign no task letters (the campaign's obligations
    # say which kinds do); publishing picks those tasks (enterprises.services.publishing).
    "publish": Move(
        "publish",
        _("Publish"),
        frozenset({T.MATCHED, T.LETTER_SIGNED}),
        T.PUBLISHED,
        frozenset({Role.MINISTRY}),
    ),
    "submit_report": Move(
        "submit_report",
        _("Submit report"),
        frozenset({T.PUBLISHED, T.RETURNED}),
        T.REPORTED,
        frozenset({Role.AGENCY}),
    ),
    "return_report": Move(
        "return_report",
        _("Return report"),
        frozenset({T.REPORTED}),
        T.RETURNED,
        frozenset({Role.ORGANIZER}),
        needs_comment=True,
        style="danger",
    ),
    "accept": Move(
        "accept", _("Accept"), frozenset({T.REPORTED}), T.ACCEPTED, frozenset({Role.ORGANIZER})
    ),
}

# The path a task walks to reach each state (used by demo data and test factories), by the
# state as stored.
PATH_TO: dict[str, list[str]] = {
    T.MATCHED: [],
    T.LETTER_SIGNED: ["sign_letter"],
    T.PUBLISHED: ["sign_letter", "publish"],
    T.REPORTED: ["sign_letter", "publish", "submit_report"],
    T.RETURNED: ["sign_letter", "publish", "submit_report", "return_report"],
    T.ACCEPTED: ["sign_letter", "publish", "submit_report", "accept"],
}
