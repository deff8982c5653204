"""The enterprise dossier: everything the user may see of one enterprise, across years.

Scoping is the enterprise's and each row's own rule: an organizer sees an enterprise only if it
has a task on the organizer's lists (and then only those tasks), the agency only its own tasks'
enterprises, the enterprise user itself. Reports follow the report rule (organizers and the
enterprise see them once submitted), follow-ups the follow-up rule (the follow-up task's owners).
Another tenant's enterprise is a 404.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from enterprises.models import DiagnosisTask, Enterprise
from portal.scoping import get_scoped_or_404, scope
from reports.choices import REALIZED_STATES, MeasureState
from reports.models import DiagnosisReport, FollowUp, Measure

ZERO = Decimal(0)


@dataclass
class DossierMeasure:
    measure: Measure
    follow_ups: list[FollowUp] = field(default_factory=list)  # oldest campaign first

    @property
    def latest(self) -> FollowUp | None:
        return self.follow_ups[-1] if self.follow_ups else None

    @property
    def state(self) -> str:
        return self.latest.state if self.latest else MeasureState.PROPOSED.value

    @property
    def state_label(self) -> str:
        return str(MeasureState(self.state).label)


@dataclass
class DossierTask:
    task: DiagnosisTask
    report: DiagnosisReport | None
    measures: list[DossierMeasure] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)  # recorded in this task


@dataclass
class Dossier:
    enterprise: Enterprise
    tasks: list[DossierTask]  # latest campaign first

    @property
    def years(self) -> list[int]:
        return sorted({t.task.campaign.year for t in self.tasks}, reverse=True)

    @property
    def measure_count(self) -> int:
        return sum(len(t.measures) for t in self.tasks)

    @property
    def implemented(self) -> int:
        return sum(1 for t in self.tasks for m in t.measures if m.state in REALIZED_STATES)

    @property
    def realized_tce(self) -> Decimal:
        return sum(
            (
                m.latest.realized_tce or ZERO
                for t in self.tasks
                for m in t.measures
                if m.latest and m.state in REALIZED_STATES
            ),
            ZERO,
        )


def dossier_enterprise_get_for(user, pk: int) -> Enterprise:
    return get_scoped_or_404(Enterprise.objects.select_related("industry"), user, pk=pk)


def dossier_for(user, pk: int) -> Dossier:
    """The dossier of enterprise `pk` as `user` may see it (404 when they may not). Four
    queries beside the enterprise's: tasks, reports, measures, follow-ups."""
    enterprise = dossier_enterprise_get_for(user, pk)
    tasks = list(
        scope(DiagnosisTask.objects.filter(enterprise=enterprise), user)
        .select_related("campaign", "organizer", "agency", "industry", "previous_task__campaign")
        .order_by("-campaign__year", "id")
    )
    reports = {
        r.task_id: r
        for r in scope(DiagnosisReport.objects.filter(task__enterprise=enterprise), user)
    }
    rows = {t.pk: DossierTask(task=t, report=reports.get(t.pk)) for t in tasks}
    measures: dict[int, DossierMeasure] = {}
    for m in (
        scope(Measure.objects.filter(report__task__enterprise=enterprise), user)
        .select_related("taxonomy", "equipment", "report")
        .order_by("report_id", "-savings_tce", "id")
    ):
        measures[m.pk] = DossierMeasure(measure=m)
        if m.report.task_id in rows:
            rows[m.report.task_id].measures.append(measures[m.pk])
    for f in (
        scope(FollowUp.objects.filter(measure__report__task__enterprise=enterprise), user)
        .select_related("task__campaign", "measure")
        .order_by("task__campaign__year", "id")
    ):
        if f.measure_id in measures:
            measures[f.measure_id].follow_ups.append(f)
        if f.task_id in rows:
            rows[f.task_id].follow_ups.append(f)
    return Dossier(enterprise=enterprise, tasks=[rows[t.pk] for t in tasks])
