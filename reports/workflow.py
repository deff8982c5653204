"""Lifecycle moves of a measure, made by the agency of a follow-up task (跟踪服务).

proposed → planned → in progress → implemented → verified; not adopted (with a reason) or
unknown (the enterprise did not answer) from any open state. The agency records; only the
organizer verifies (核实) an implemented measure, or sends it back to "in progress" with the
reason: the agency never verifies its own work. The report's own moves (submit,
return, accept) are the task's moves in enterprises/workflow.py.
"""

from django.utils.translation import gettext_lazy as _

from portal.choices import Role
from portal.workflow import Move

from .choices import MeasureState as S

_OPEN = frozenset({S.PROPOSED, S.PLANNED, S.IN_PROGRESS, S.UNKNOWN})
_AGENCY = frozenset({Role.AGENCY})
_ORGANIZER = frozenset({Role.ORGANIZER})

MEASURE_MOVES = {
    "plan": Move(
        "plan", _("Planned"), frozenset({S.PROPOSED, S.UNKNOWN, S.NOT_ADOPTED}), S.PLANNED, _AGENCY
    ),
    "start": Move(
        "start",
        _("In progress"),
        frozenset({S.PROPOSED, S.PLANNED, S.UNKNOWN}),
        S.IN_PROGRESS,
        _AGENCY,
    ),
    "implement": Move(
        "implement", _("Implemented"), _OPEN, S.IMPLEMENTED, _AGENCY, style="success"
    ),
    "verify": Move(
        "verify",
        _("Verified"),
        frozenset({S.IMPLEMENTED}),
        S.VERIFIED,
        _ORGANIZER,
        style="success",
    ),
    "reject": Move(
        "reject",
        _("Verification refused"),
        frozenset({S.IMPLEMENTED}),
        S.IN_PROGRESS,
        _ORGANIZER,
        needs_comment=True,
        style="danger",
    ),
    "not_adopt": Move(
        "not_adopt",
        _("Not adopted"),
        _OPEN,
        S.NOT_ADOPTED,
        _AGENCY,
        needs_comment=True,
        style="danger",
    ),
    "mark_unknown": Move(
        "mark_unknown",
        _("Unknown"),
        frozenset({S.PROPOSED, S.PLANNED, S.IN_PROGRESS}),
        S.UNKNOWN,
        _AGENCY,
    ),
}
