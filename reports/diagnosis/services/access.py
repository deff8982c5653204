"""Locks and checks every write of the reports app starts from.

A service takes ids and the acting user; it locks the task row, checks that the user may see it
(another tenant's task is a 404, as everywhere) and that the task is in a state that allows the
write, then works inside that lock.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from portal.audit import audit_record
from portal.campaigns import campaign_is_open, campaign_require_open
from portal.choices import Role
from portal.errors import InvalidMove
from portal.scoping import get_scoped_or_404
from reports.models import DiagnosisReport

# The agency works on the report while the task is published or returned (SPEC §5).
EDITABLE = frozenset({TaskState.PUBLISHED, TaskState.RETURNED})
SUBMITTED = frozenset({TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED})


def lock_task(task_id: int, actor) -> DiagnosisTask:
    """The task, locked for this transaction, if `actor` may see it (404 otherwise), and its
    campaign open: every write of the reports app starts here (reports, measures, feedback,
    acceptance, follow-up of this task)."""
    queryset = DiagnosisTask.objects.select_for_update(of=("self",)).select_related(
        "campaign", "enterprise"
    )
    task = get_scoped_or_404(queryset, actor, pk=task_id)
    campaign_require_open(task.campaign)
    return task


def require_role(actor, *roles: str) -> None:
    if actor.role not in roles:
        raise PermissionDenied(_("You may not do this."))


def report_editable_by(user, task: DiagnosisTask) -> bool:
    """Whether the pages offer `user` the report's edit forms: the task's agency, while the task
    is published or returned, in an open campaign (what `lock_task` and `require_editable` check
    again on every write)."""
    return user.role == Role.AGENCY and task.state in EDITABLE and campaign_is_open(task.campaign)


def require_editable(task: DiagnosisTask) -> None:
    if task.state not in EDITABLE:
        raise InvalidMove(
            _("The report of this task cannot be changed while the task is “%(state)s”.")
            % {"state": task.get_state_display()}
        )


def editable_report(task_id: int, actor) -> DiagnosisReport:
    """The agency's report of a published or returned task, created on the first write."""
    task = lock_task(task_id, actor)
    require_role(actor, Role.AGENCY)
    require_editable(task)
    report, _created = DiagnosisReport.objects.get_or_create(task=task)
    report.task = task
    return report


def require_follow_up(task: DiagnosisTask) -> None:
    if task.diagnosis_type != DiagnosisType.FOLLOW_UP or task.previous_task_id is None:
        raise InvalidMove(_("This task does not follow up an earlier diagnosis."))


def follow_up_task(task_id: int, actor) -> DiagnosisTask:
    """A follow-up task the agency may still record on, with its earlier task."""
    task = lock_task(task_id, actor)
    require_role(actor, Role.AGENCY)
    require_follow_up(task)
    require_editable(task)
    return task


def audit_report(
    actor, action: str, report: DiagnosisReport, request=None, summary: str = ""
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=report,
        organizer=report.task.organizer_id,
        request=request,
        summary=summary or str(report.task),
    )
