"""跟踪服务: what became of each earlier measure (notice 一(五)).

The agency of the follow-up task records (moves, figures, evidence), the enterprise may report
its own progress, the organizer verifies (核实) implemented measures. Each write locks the task
(another tenant's is a 404, a closed campaign refuses), checks the role and the task's state, and
is audited in the same transaction.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from enterprises.models import DiagnosisTask
from portal.audit import audit_record
from portal.choices import Role
from portal.errors import DomainError, InvalidMove
from portal.notifications.service import notify_on_commit
from portal.uploads import EVIDENCE_TYPES, check_upload
from portal.workflow import check_move
from reports.choices import EnterpriseProgress
from reports.diagnosis.services.access import (
    follow_up_task,
    lock_task,
    require_editable,
    require_follow_up,
    require_role,
)
from reports.diagnosis.services.compute import q
from reports.diagnosis.services.editing import measure_values
from reports.diagnosis.services.totals import report_totals_refresh
from reports.follow_up.notices import follow_up_progress_notify, follow_up_recorded_notify
from reports.follow_up.rights import require_progress_open, require_verifiable
from reports.models import DiagnosisReport, FollowUp, Measure, MeasureEvent
from reports.workflow import MEASURE_MOVES

AMOUNTS = ("actual_investment_wan", "realized_tce", "realized_kwh", "realized_wan")


def _earlier_measure(task: DiagnosisTask, measure_id: int, *, lock: bool = False) -> Measure:
    queryset = Measure.objects.filter(report__task_id=task.previous_task_id)
    if lock:
        queryset = queryset.select_for_update()
    measure = queryset.filter(pk=measure_id).first()
    if measure is None:
        raise InvalidMove(_("This measure is not one of the earlier report's."))
    return measure


def _record(task: DiagnosisTask, measure: Measure, actor) -> FollowUp:
    """This task's record about `measure`, created on the first write (by whoever writes)."""
    recorder = actor if actor.role == Role.AGENCY else None
    record, _created = FollowUp.objects.get_or_create(
        task=task, measure=measure, defaults={"recorded_by": recorder}
    )
    record.task = task
    return record


def _audit(actor, action: str, task: DiagnosisTask, obj, summary: str, request=None) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        request=request,
        organizer=task.organizer_id,
        summary=f"{task} · {summary}"[:300],
    )


@transaction.atomic
def follow_up_save(
    *, task_id: int, measure_id: int, actor, data: Mapping[str, Any], evidence=None, request=None
) -> FollowUp:
    """Actual investment, realized savings, a note and an evidence file (invoice, readings)."""
    checked = check_upload(evidence, allowed=EVIDENCE_TYPES, field="evidence") if evidence else None
    task = follow_up_task(task_id, actor)
    record = _record(task, _earlier_measure(task, measure_id), actor)
    changed = [name for name in AMOUNTS if name in data]
    for name in changed:
        setattr(record, name, q(data[name]) if data[name] is not None else None)
    if "note" in data:
        record.note = (data["note"] or "").strip()
        changed.append("note")
    if checked:
        old = record.evidence.name if record.evidence else ""
        record.evidence_type = checked.file_type
        record.evidence_name, record.evidence_size = checked.name, checked.size
        record.evidence_sha256 = checked.sha256
        record.evidence.save("evidence", evidence, save=False)
        changed += [
            "evidence",
            "evidence_type",
            "evidence_name",
            "evidence_size",
            "evidence_sha256",
        ]
        if old:
            storage = record.evidence.storage
            transaction.on_commit(lambda: storage.delete(old))
    record.recorded_by = actor
    record.save(update_fields=[*changed, "recorded_by", "updated_at"])
    _audit(actor, "follow_up.record", task, record, record.measure.title, request)
    return record


@transaction.atomic
def follow_up_move(
    *, task_id: int, measure_id: int, move: str, actor, comment: str = "", request=None
) -> FollowUp:
    """Move an earlier measure along its lifecycle as this follow-up finds it; "not adopted"
    needs the reason. The state is kept on the follow-up record (this task's campaign): the
    earlier report's measure, in its own (possibly closed) year, is read, never written."""
    the_move = MEASURE_MOVES.get(move)
    if the_move is None:
        raise InvalidMove(_("Unknown move."))
    task = lock_task(task_id, actor)
    require_follow_up(task)
    if actor.role == Role.ORGANIZER:
        require_verifiable(task)
    else:
        require_editable(task)
    measure = _earlier_measure(task, measure_id)
    record = _record(task, measure, actor)
    record = FollowUp.objects.select_for_update().get(pk=record.pk)
    record.task, record.measure = task, measure
    check_move(the_move, state=record.state, role=actor.role, comment=comment)
    source = record.state
    record.state = the_move.target
    # the reason belongs to the state it explains: kept for "not adopted", cleared on leaving
    record.state_reason = comment.strip() if the_move.needs_comment else ""
    now = timezone.now()
    if move == "verify":
        record.verified_by, record.verified_at = actor, now
    elif move == "reject":
        record.verified_by, record.verified_at = None, None
    record.save(update_fields=["state", "state_reason", "verified_by", "verified_at", "updated_at"])
    event = MeasureEvent.objects.create(
        measure=measure,
        follow_up=record,
        actor=actor,
        action=the_move.name,
        from_state=source,
        to_state=the_move.target,
        comment=comment.strip(),
    )
    notify_on_commit(follow_up_recorded_notify, task_id=task.pk, event_id=event.pk)
    _audit(actor, f"measure.{move}", task, record, measure.title, request)
    return record


@transaction.atomic
def follow_up_progress_report(
    *, task_id: int, measure_id: int, actor, progress: str, note: str = "", request=None
) -> FollowUp:
    """The enterprise reports its own progress on an earlier measure (beside the agency's
    findings, which it does not change)."""
    task = lock_task(task_id, actor)
    require_role(actor, Role.ENTERPRISE)
    require_follow_up(task)
    require_progress_open(task)
    if progress not in EnterpriseProgress.values:
        raise DomainError(_("Choose how far the measure has come."), field="progress")
    record = _record(task, _earlier_measure(task, measure_id), actor)
    record.progress, record.progress_note = progress, (note or "").strip()
    record.progress_reported_at, record.progress_reported_by = timezone.now(), actor
    record.save(
        update_fields=[
            "progress",
            "progress_note",
            "progress_reported_at",
            "progress_reported_by",
            "updated_at",
        ]
    )
    _audit(
        actor, "follow_up.progress", task, record, f"{record.measure.title}: {progress}", request
    )
    notify_on_commit(follow_up_progress_notify, task_id=task.pk, follow_up_id=record.pk)
    return record


@transaction.atomic
def earlier_measure_add(*, task_id: int, actor, data: Mapping[str, Any], request=None) -> Measure:
    """Enter a measure of the earlier report when it was not imported with its data."""
    task = follow_up_task(task_id, actor)
    if task.previous_task_id is None:  # follow_up_task refuses such a task; said for the types
        raise InvalidMove(_("This task does not follow up an earlier diagnosis."))
    earlier = DiagnosisTask.objects.select_related("campaign").get(pk=task.previous_task_id)
    report, _created = DiagnosisReport.objects.get_or_create(
        task=earlier, defaults={"is_historical": True, "submitted_at": timezone.now()}
    )
    if not report.is_historical:
        raise InvalidMove(
            _("The earlier report's measures come with it; they cannot be added here.")
        )
    report.task = earlier
    measure = Measure.objects.create(report=report, **measure_values(report, data))
    report_totals_refresh(report)
    _audit(actor, "follow_up.earlier_measure", task, measure, measure.title, request)
    return measure
