"""The report's moves on its task (submit, return, accept) and the excellent-case mark.

The task's own move table (enterprises/workflow.py MOVES) decides who may do what from which
state; these services add the report's guards, stamps and the acceptance checklist, and write
the TaskEvent and the audit record in the same transaction.
"""

from collections.abc import Mapping

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.choices import TaskState
from enterprises.models import TaskEvent
from enterprises.workflow import MOVES
from portal.choices import Role
from portal.errors import DomainError, InvalidMove
from portal.notifications.service import notify_on_commit
from portal.obligations import handed_in_late, report_due_for
from portal.workflow import apply_move, check_move
from reports.checks.services import report_checks_require
from reports.choices import Decision
from reports.diagnosis.notices import report_move_notify
from reports.diagnosis.selectors.completeness import report_gaps
from reports.diagnosis.services.access import audit_report, lock_task, require_role
from reports.models import Acceptance, DiagnosisReport, Feedback

CRITERIA = ("quantity_ok", "quality_ok", "data_ok", "feedback_ok")


@transaction.atomic
def report_submit(
    *, task_id: int, actor, reasons: Mapping[str, str] | None = None, request=None
) -> DiagnosisReport:
    """Submit (or resubmit) a complete report; late after the organizer's 附件4 deadline (its
    extension included; a deadline on a day off takes effect on the next working day).

    The data checks run last: `reasons` ({"code:target": text}) are stored first, then an error
    or a warning without a reason refuses the submission (DomainError.items lists them)."""
    task = lock_task(task_id, actor)
    check_move(MOVES["submit_report"], state=task.state, role=actor.role, comment="")
    report = DiagnosisReport.objects.select_for_update().filter(task=task).first()
    gaps = report_gaps(task, report)
    if gaps or report is None:  # without a report there are always gaps
        raise DomainError(_("The report is not complete: %(gaps)s") % {"gaps": " ".join(gaps)})
    report_checks_require(task, report, reasons=reasons or {}, actor=actor)
    event = apply_move(
        task, MOVES["submit_report"], actor=actor, event_model=TaskEvent, event_fk="task"
    )
    notify_on_commit(report_move_notify, event_id=event.pk)
    now = timezone.now()
    report.task = task
    report.submitted_at = now
    report.submit_count += 1
    report.is_late = handed_in_late(report_due_for(task.campaign, task.organizer_id), now)
    report.save(update_fields=["submitted_at", "submit_count", "is_late", "updated_at"])
    audit_report(actor, "report.submit", report, request)
    return report


def _criterion_label(name: str) -> str:
    """A checklist item's label: the verbose name of its field on Acceptance."""
    field = Acceptance._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"Acceptance.{name} is not a checklist field")
    return str(field.verbose_name)


def _checklist(values: Mapping[str, bool]) -> dict[str, bool]:
    return {name: bool(values.get(name)) for name in CRITERIA}


@transaction.atomic
def report_decide(
    *,
    task_id: int,
    actor,
    decision: str,
    checklist: Mapping[str, bool],
    comment: str = "",
    request=None,
) -> Acceptance:
    """Accept or return a submitted report, recording the notice's four-criteria checklist.

    Accepting needs every criterion met and the enterprise's feedback on file (SPEC §5: acceptance
    weighs quantity, quality, data completeness and the enterprise's feedback).
    """
    task = lock_task(task_id, actor)
    move = MOVES["accept" if decision == Decision.ACCEPT else "return_report"]
    check_move(move, state=task.state, role=actor.role, comment=comment)
    report = DiagnosisReport.objects.select_for_update().get(task=task)
    report.task = task
    ticks = _checklist(checklist)
    if decision == Decision.ACCEPT:
        _check_acceptable(report, ticks)
    event = apply_move(
        task, move, actor=actor, comment=comment, event_model=TaskEvent, event_fk="task"
    )
    notify_on_commit(report_move_notify, event_id=event.pk)
    if decision == Decision.ACCEPT:
        report.accepted_at = timezone.now()
    else:
        report.last_comment = comment.strip()
        report.accepted_at = None
    report.save(update_fields=["accepted_at", "last_comment", "updated_at"])
    acceptance = Acceptance.objects.create(
        report=report, decision=decision, decided_by=actor, comment=comment.strip(), **ticks
    )
    audit_report(actor, f"report.{move.name}", report, request, summary=comment.strip()[:200])
    return acceptance


def _check_acceptable(report: DiagnosisReport, ticks: Mapping[str, bool]) -> None:
    if not Feedback.objects.filter(report=report).exists():
        raise DomainError(
            _(
                "Record the enterprise's feedback (or take it by phone) before "
                "accepting the report."
            ),
            field="feedback_ok",
        )
    missing = [_criterion_label(name) for name in CRITERIA if not ticks[name]]
    if missing:
        raise DomainError(
            _("To accept, confirm every criterion; not confirmed: %(names)s.")
            % {"names": "、".join(missing)}
        )


def report_return(*, task_id: int, actor, comment: str, checklist=None, request=None) -> Acceptance:
    return report_decide(
        task_id=task_id,
        actor=actor,
        decision=Decision.RETURN,
        checklist=checklist or {},
        comment=comment,
        request=request,
    )


def report_accept(*, task_id: int, actor, checklist, comment: str = "", request=None) -> Acceptance:
    return report_decide(
        task_id=task_id,
        actor=actor,
        decision=Decision.ACCEPT,
        checklist=checklist,
        comment=comment,
        request=request,
    )


@transaction.atomic
def report_mark_excellent(
    *, task_id: int, actor, excellent: bool, note: str = "", request=None
) -> DiagnosisReport:
    """Recommend an accepted report as an excellent case (优秀案例) for the summary, or unmark."""
    task = lock_task(task_id, actor)
    require_role(actor, Role.ORGANIZER)
    if task.state != TaskState.ACCEPTED:
        raise InvalidMove(_("Only an accepted report can be recommended as an excellent case."))
    report = DiagnosisReport.objects.select_for_update().get(task=task)
    report.task = task
    report.is_excellent_case = excellent
    report.excellent_note = note.strip() if excellent else ""
    report.excellent_marked_by = actor if excellent else None
    report.excellent_marked_at = timezone.now() if excellent else None
    report.save(
        update_fields=[
            "is_excellent_case",
            "excellent_note",
            "excellent_marked_by",
            "excellent_marked_at",
            "updated_at",
        ]
    )
    audit_report(
        actor, "report.excellent" if excellent else "report.unmark_excellent", report, request
    )
    return report
