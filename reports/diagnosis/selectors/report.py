"""Reads for the report pages and API: the task list, one report with its data, its history."""

from django.db.models import Q, QuerySet
from django.http import Http404

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask, TaskEvent
from enterprises.workflow import MOVES
from portal.scoping import get_scoped_or_404, scope
from portal.workflow import moves_available
from reports.calculations.energy import EnergyConversion, FactorSource, energy_totals
from reports.models import DiagnosisReport, Equipment

# A task has a report to write or read once the national list is published.
REPORTING_STATES = (TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED)
REPORT_MOVES = ("submit_report", "return_report", "accept")


def report_task_list_for(
    user, *, campaign=None, state: str = "", diagnosis_type: str = "", q: str = ""
) -> QuerySet[DiagnosisTask]:
    """Published tasks the user may see, each with its report (if any) and feedback."""
    tasks = scope(DiagnosisTask.objects.filter(state__in=REPORTING_STATES), user)
    if campaign is not None:
        tasks = tasks.filter(campaign=campaign)
    if state:
        tasks = tasks.filter(state=state)
    if diagnosis_type:
        tasks = tasks.filter(diagnosis_type=diagnosis_type)
    if q:
        tasks = tasks.filter(Q(enterprise_name__icontains=q) | Q(enterprise__credit_code=q))
    related = ["enterprise", "organizer", "agency", "report__feedback"]
    if campaign is not None:
        # One campaign's list walks the (campaign, organizer, seq, id) index in its order, and
        # its rows need not carry the campaign again (its JSON settings cost a decode a row).
        return tasks.select_related(*related).order_by("organizer_id", "seq", "id")
    return tasks.select_related("campaign", *related).order_by(
        "campaign__year", "organizer_id", "seq", "id"
    )


def report_task_get_for(user, pk: int) -> DiagnosisTask:
    """A published task the user may see (404 when missing, out of scope or not published)."""
    queryset = DiagnosisTask.objects.filter(state__in=REPORTING_STATES).select_related(
        "campaign",
        "enterprise",
        "organizer",
        "agency",
        "industry",
        "previous_task__campaign",
        "previous_task__agency",
    )
    return get_scoped_or_404(queryset, user, pk=pk)


def report_for(user, task: DiagnosisTask) -> DiagnosisReport | None:
    """The task's report as `user` may see it: the agency its draft, others once submitted."""
    return (
        scope(DiagnosisReport.objects.filter(task=task), user)
        .select_related("feedback__recorded_by")
        .first()
    )


def report_file_for(user, task_pk: int) -> DiagnosisReport:
    """The report whose file `user` may download; 404 for another tenant or no file."""
    report = report_for(user, report_task_get_for(user, task_pk))
    if report is None or not report.file:
        raise Http404
    return report


def conversions(report: DiagnosisReport) -> list[EnergyConversion]:
    """The stored energy lines as the calculation library's conversions (no recalculation)."""
    return [
        EnergyConversion(
            carrier_code=row.carrier_code,
            carrier_zh=row.carrier_name,
            quantity=row.quantity,
            unit=row.unit,
            factor_quantity=row.quantity,
            factor_unit=row.factor_unit,
            kgce_per_unit=row.factor_kgce,
            factor_source=FactorSource(row.factor_source),
            measured_lhv_kj_per_unit=row.measured_lhv,
            standard=row.factor_standard,
            edition=row.factor_edition,
            kgce=row.tce * 1000,
            tce=row.tce,
            primary_kgce_per_kwh=row.primary_factor,
            primary_tce=row.primary_tce,
        )
        for row in report.energy_uses.all()
    ]


def report_data(report: DiagnosisReport) -> dict:
    """The report's rows with what is computed from them (shares by carrier, totals)."""
    energy_rows = list(report.energy_uses.all())
    totals = energy_totals(conversions(report)) if energy_rows else None
    for row in energy_rows:  # each line's share of the total; a carrier's lines add up
        if totals is not None:  # there are rows, so there are totals
            row.share_pct = row.tce * 100 / totals.total_tce if totals.total_tce else None
    equipment = list(report.equipment.all())
    measures = list(report.measures.select_related("taxonomy", "equipment"))
    return {
        "energy_rows": energy_rows,
        "energy_totals": totals,
        "equipment_rows": equipment,
        "measures": measures,
    }


def task_events(task: DiagnosisTask) -> list[TaskEvent]:
    events = list(task.events.select_related("actor").order_by("created_at", "id"))
    for event in events:
        event.to_label = (
            TaskState(event.to_state).label
            if event.to_state in TaskState.values
            else event.to_state
        )
    return events


def report_moves_for(user, task: DiagnosisTask):
    return moves_available([MOVES[name] for name in REPORT_MOVES], task.state, user.role)


def equipment_of(task: DiagnosisTask) -> QuerySet[Equipment]:
    """The equipment rows a measure of this task's report may concern."""
    return Equipment.objects.filter(report__task_id=task.pk)
