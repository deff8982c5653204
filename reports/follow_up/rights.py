"""Who may do what on a follow-up (跟踪服务) page: the same answers the services enforce.

The agency of the follow-up task records what it found (its report window: published or
returned); the enterprise may report its own progress in the same window; the organizer
verifies (核实) implemented measures until it accepts the follow-up. Nobody writes in a closed
campaign; everyone of the task may read.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from portal.campaigns import campaign_is_open
from portal.choices import Role
from portal.errors import InvalidMove
from reports.diagnosis.services.access import EDITABLE, report_editable_by

VERIFY_STATES = frozenset({TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED})


@dataclass(frozen=True)
class Rights:
    record: bool = False  # the agency: measure moves, figures, evidence
    verify: bool = False  # the organizer: verify or send back implemented measures
    progress: bool = False  # the enterprise: its own progress per measure


def follow_up_rights(user, task: DiagnosisTask) -> Rights:
    if not campaign_is_open(task.campaign):
        return Rights()
    return Rights(
        record=report_editable_by(user, task),
        verify=user.role == Role.ORGANIZER and task.state in VERIFY_STATES,
        progress=user.role == Role.ENTERPRISE and task.state in EDITABLE,
    )


def require_verifiable(task: DiagnosisTask) -> None:
    if task.state not in VERIFY_STATES:
        raise InvalidMove(
            _("Measures of this follow-up cannot be verified while the task is “%(state)s”.")
            % {"state": task.get_state_display()}
        )


def require_progress_open(task: DiagnosisTask) -> None:
    if task.state not in EDITABLE:
        raise InvalidMove(
            _("Progress cannot be reported while the follow-up is “%(state)s”.")
            % {"state": task.get_state_display()}
        )
