"""What a report still lacks before it may be submitted (and what acceptance checks as
"data completeness")."""

from django.db.models import Count
from django.utils.translation import gettext as _

from enterprises.choices import DiagnosisType
from enterprises.models import DiagnosisTask
from reports.choices import MeasureState
from reports.models import DiagnosisReport, FollowUp, Measure


def _earlier_gaps(task: DiagnosisTask) -> list[str]:
    """A follow-up is complete when each earlier measure has a finding of this follow-up: the
    state is kept on the follow-up record (`FollowUp`), never on the earlier report's measure."""
    measures = Measure.objects.filter(report__task_id=task.previous_task_id)
    if not measures.exists():
        return [_("Enter the earlier report's measures to follow them up.")]
    found = FollowUp.objects.filter(task=task).exclude(state=MeasureState.PROPOSED)
    open_count = measures.exclude(pk__in=found.values("measure_id")).count()
    if open_count:
        return [_("%(n)s earlier measures have not been followed up yet.") % {"n": open_count}]
    return []


def report_gaps(task: DiagnosisTask, report: DiagnosisReport | None) -> list[str]:
    """Reasons the report is not complete; empty when it may be submitted."""
    gaps = []
    if report is None or not report.file:
        gaps.append(_("Upload the report file (PDF or Word)."))
    if task.diagnosis_type == DiagnosisType.FOLLOW_UP and task.previous_task_id:
        return gaps + _earlier_gaps(task)
    # One query for the three row counts.
    counts = (
        DiagnosisReport.objects.filter(pk=report.pk).aggregate(
            energy=Count("energy_uses", distinct=True),
            equipment=Count("equipment", distinct=True),
            measures=Count("measures", distinct=True),
        )
        if report
        else {}
    )
    if report is None or not report.diagnosis_year:
        gaps.append(_("Give the year the energy data describes."))
    if not counts.get("energy"):
        gaps.append(_("Enter the energy consumption by carrier."))
    if task.diagnosis_type == DiagnosisType.KEY_EQUIPMENT and not counts.get("equipment"):
        gaps.append(_("Enter the key equipment diagnosed."))
    if not counts.get("measures"):
        gaps.append(_("Enter at least one measure."))
    return gaps
