"""跟踪服务 reads: the earlier measures of a follow-up task and the realization rates.

Realization rate (SPEC §5): measures implemented or verified over all measures the
earlier report proposed, by count and by expected savings (tce); realized savings are what the
follow-up records measured.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from enterprises.choices import DiagnosisType
from enterprises.models import DiagnosisTask
from portal.scoping import scope
from portal.workflow import moves_available
from reports.choices import REALIZED_STATES, MeasureState
from reports.models import DiagnosisReport, FollowUp, Measure
from reports.workflow import MEASURE_MOVES

ZERO = Decimal(0)


@dataclass
class EarlierMeasure:
    measure: Measure
    record: FollowUp | None
    moves: list

    @property
    def state(self) -> str:
        """How far the measure has come as this follow-up found it (proposed until recorded)."""
        return self.record.state if self.record else MeasureState.PROPOSED

    @property
    def state_label(self) -> str:
        return str(MeasureState(self.state).label)

    @property
    def state_reason(self) -> str:
        return self.record.state_reason if self.record else ""


def follow_up_rows(user, task: DiagnosisTask, *, editable: bool) -> list[EarlierMeasure]:
    """Each measure of the earlier report with this task's record and possible moves."""
    measures = (
        Measure.objects.filter(report__task_id=task.previous_task_id)
        .select_related("taxonomy", "equipment")
        .order_by("id")
    )
    records = {
        r.measure_id: r for r in FollowUp.objects.filter(task=task).select_related("verified_by")
    }
    rows = []
    for measure in measures:
        record = records.get(measure.pk)
        state = record.state if record else MeasureState.PROPOSED
        moves = moves_available(MEASURE_MOVES.values(), state, user.role)
        rows.append(EarlierMeasure(measure, record, moves if editable else []))
    return rows


def earlier_report_open(task: DiagnosisTask) -> bool:
    """Whether measures of the earlier task may be entered here: only when its report
    was not imported with them (no report, or one entered during a follow-up)."""
    flags = list(
        DiagnosisReport.objects.filter(task_id=task.previous_task_id).values_list(
            "is_historical", flat=True
        )
    )
    return not flags or flags[0]


@dataclass
class Realization:
    task: DiagnosisTask | None  # None in the total row
    proposed: int = 0
    realized: int = 0
    expected_tce: Decimal = ZERO
    realized_expected_tce: Decimal = ZERO
    realized_tce: Decimal = ZERO
    actual_investment_wan: Decimal = ZERO

    @property
    def rate_by_count(self) -> Decimal | None:
        return Decimal(self.realized) * 100 / self.proposed if self.proposed else None

    @property
    def rate_by_savings(self) -> Decimal | None:
        if not self.expected_tce:
            return None
        return self.realized_expected_tce * 100 / self.expected_tce


def follow_up_task_list_for(user, *, campaign=None):
    tasks = scope(
        DiagnosisTask.objects.filter(
            diagnosis_type=DiagnosisType.FOLLOW_UP, previous_task__isnull=False
        ),
        user,
    )
    if campaign is not None:
        tasks = tasks.filter(campaign=campaign)
    return tasks.select_related(
        "enterprise", "agency", "campaign", "previous_task__campaign"
    ).order_by("seq", "id")


def realization_for(user, *, campaign=None) -> tuple[list[Realization], Realization]:
    """Per follow-up task (one enterprise each) and in total; three queries."""
    tasks = list(follow_up_task_list_for(user, campaign=campaign))
    expected = (
        Measure.objects.filter(report__task_id__in=[t.previous_task_id for t in tasks])
        .values("report__task_id")
        .annotate(
            n=Count("id"),
            done=Count("id", filter=Q(pk__in=_realized_measures(tasks))),
            tce=Sum("savings_tce"),
            done_tce=Sum("savings_tce", filter=Q(pk__in=_realized_measures(tasks))),
        )
        .order_by()
    )
    by_earlier = {row["report__task_id"]: row for row in expected}
    measured = (
        FollowUp.objects.filter(task__in=tasks)
        .values("task_id")
        .annotate(tce=Sum("realized_tce"), investment=Sum("actual_investment_wan"))
        .order_by()
    )
    by_task = {row["task_id"]: row for row in measured}
    rows = [
        _realization(task, by_earlier.get(task.previous_task_id, {}), by_task.get(task.pk, {}))
        for task in tasks
    ]
    total = Realization(task=None)
    for row in rows:
        for name in (
            "proposed",
            "realized",
            "expected_tce",
            "realized_expected_tce",
            "realized_tce",
            "actual_investment_wan",
        ):
            setattr(total, name, getattr(total, name) + getattr(row, name))
    return rows, total


def _realized_measures(tasks):
    """The earlier measures a follow-up among `tasks` found implemented (or verified)."""
    return FollowUp.objects.filter(task__in=tasks, state__in=REALIZED_STATES).values("measure_id")


def _realization(task, expected: dict, measured: dict) -> Realization:
    return Realization(
        task=task,
        proposed=expected.get("n", 0),
        realized=expected.get("done", 0),
        expected_tce=expected.get("tce") or ZERO,
        realized_expected_tce=expected.get("done_tce") or ZERO,
        realized_tce=measured.get("tce") or ZERO,
        actual_investment_wan=measured.get("investment") or ZERO,
    )
