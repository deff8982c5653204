"""Moves of a form submission (SPEC §5): draft → submitted → approved, or → returned → submitted."""

from django.utils.translation import gettext_lazy as _

from portal.choices import Role
from portal.workflow import Move

from .choices import SubmissionState as S

MOVES = {
    "submit": Move(
        "submit",
        _("Submit"),
        frozenset({S.DRAFT, S.RETURNED}),
        S.SUBMITTED,
        frozenset({Role.ORGANIZER}),
    ),
    "return": Move(
        "return",
        _("Return with comment"),
        frozenset({S.SUBMITTED}),
        S.RETURNED,
        frozenset({Role.MINISTRY}),
        needs_comment=True,
        style="danger",
    ),
    "approve": Move(
        "approve", _("Approve"), frozenset({S.SUBMITTED}), S.APPROVED, frozenset({Role.MINISTRY})
    ),
    "reopen": Move(
        "reopen",
        _("Reopen"),
        frozenset({S.APPROVED}),
        S.RETURNED,
        frozenset({Role.MINISTRY}),
        needs_comment=True,
        style="secondary",
    ),
}
