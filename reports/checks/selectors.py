"""Reads of the data checks: a campaign's settings, a report's or an intent list's findings.

Findings are computed on read from the current figures (nothing is stored but the reasons), so a
corrected figure clears its finding and a reason stays with the row it explains.
"""

from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from enterprises.models import DiagnosisTask, Enterprise
from portal.scoping import get_scoped_or_404
from provinces.choices import OrganizerKind
from provinces.models import Submission
from reports.calculations.energy import ELECTRICITY
from reports.checks.evaluate import (
    Finding,
    ListRow,
    ReportFacts,
    Settings,
    check_list_row,
    check_report,
    with_reasons,
)
from reports.models import CheckReason, CheckRule, DiagnosisReport, Equipment, Measure

REGIONAL = frozenset({OrganizerKind.PROVINCE, OrganizerKind.PLANNING_CITY})
KWH_UNITS = {"kWh": Decimal(1), "万kWh": Decimal(10000), "MWh": Decimal(1000)}


def check_settings_for(campaign_id: int) -> Settings:
    """The campaign's check settings: its CheckRule rows over the defaults."""
    return Settings(CheckRule.objects.filter(campaign_id=campaign_id))


def _region(organizer) -> str:
    code = organizer.code or ""
    return code[:2] if organizer.kind in REGIONAL and code[:2].isdigit() else ""


def _list_row(task: DiagnosisTask) -> ListRow:
    industry = task.industry
    return ListRow(
        task_id=task.pk,
        seq=task.seq,
        name=task.enterprise_name,
        diagnosis_type=task.diagnosis_type,
        energy_tce=task.energy_tce,
        credit_code=task.enterprise.credit_code,
        key_sector=industry.key_sector if industry else "",
        industry=str(industry) if industry else "",
        organizer_region=_region(task.organizer),
    )


def _reasons(task_ids) -> dict[int, dict[str, CheckReason]]:
    by_task: dict[int, dict[str, CheckReason]] = {}
    for reason in CheckReason.objects.filter(task_id__in=task_ids).select_related("given_by"):
        by_task.setdefault(reason.task_id, {})[f"{reason.code}:{reason.target}"] = reason
    return by_task


def _kwh(energy_rows) -> Decimal:
    return sum(
        (
            row.quantity * KWH_UNITS.get(row.unit, Decimal(1))
            for row in energy_rows
            if row.carrier_code == ELECTRICITY
        ),
        Decimal(0),
    )


def report_facts(task: DiagnosisTask, report: DiagnosisReport, rows=None) -> ReportFacts:
    """The figures the checks read: the rows of the report (`rows`, when the page has them:
    energy_rows, equipment_rows, measures) and the task's 附件3 row."""
    if rows is None:
        rows = {
            "energy_rows": list(report.energy_uses.all()),
            "equipment_rows": list(report.equipment.all()),
            "measures": list(report.measures.all()),
        }
    return ReportFacts(
        row=_list_row(task),
        energy_tce=report.energy_tce,
        electricity_kwh=_kwh(rows["energy_rows"]),
        co2_per_tce=task.campaign.co2_per_tce,
        equipment=rows["equipment_rows"],
        measures=rows["measures"],
    )


def report_findings(
    task: DiagnosisTask, report: DiagnosisReport | None, rows=None
) -> list[Finding]:
    """A report's findings with the reasons given; `task` with campaign, organizer, enterprise
    and industry loaded, `rows` as report_facts takes them."""
    if report is None:
        return []
    facts = report_facts(task, report, rows)
    findings = check_report(facts, check_settings_for(task.campaign_id))
    return _labelled(with_reasons(findings, _reasons([task.pk]).get(task.pk, {})))


def _list_tasks(campaign_id: int, organizer_id: int):
    return (
        DiagnosisTask.objects.filter(campaign_id=campaign_id, organizer_id=organizer_id)
        .select_related("enterprise", "industry", "organizer")
        .order_by("seq", "id")
    )


def list_findings(campaign_id: int, organizer_id: int) -> list[Finding]:
    """The findings of an organizer's intent list (附件3) with the reasons given, by 序号."""
    tasks = list(_list_tasks(campaign_id, organizer_id))
    settings = check_settings_for(campaign_id)
    reasons = _reasons([task.pk for task in tasks])
    found: list[Finding] = []
    for task in tasks:
        found += with_reasons(check_list_row(_list_row(task), settings), reasons.get(task.pk, {}))
    return _labelled(found)


def list_submission_get_for(user, pk: int) -> Submission:
    """A submission the user may see (404 otherwise): its organizer's intent list (附件3) of its
    campaign is what the checks read, whichever form the id names (附件3 is the one that links
    here)."""
    queryset = Submission.objects.select_related("campaign", "organizer")
    return get_scoped_or_404(queryset, user, pk=pk)


# The model whose field a finding names, by the kind of row it points at.
_FIELD_MODELS = {"measure": Measure, "equipment": Equipment, "task": DiagnosisTask}


def field_label(finding: Finding) -> str:
    """The field's name in words (its verbose name), else the field itself."""
    kind = finding.target.split(":", 1)[0]
    for model in (_FIELD_MODELS.get(kind), DiagnosisReport, Equipment, Enterprise):
        if model is None:
            continue
        try:
            field = model._meta.get_field(finding.field)
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.Field):
            return str(field.verbose_name)
    return finding.field


def _labelled(findings: list[Finding]) -> list[Finding]:
    for finding in findings:
        finding.field_label = field_label(finding)
    return findings


def findings_payload(findings: list[Finding]) -> list[dict]:
    """The findings as the API and DomainError.items give them."""
    return [
        {
            "key": f.key,
            "code": f.code,
            "check": f.label,
            "severity": f.severity,
            "target": f.target,
            "where": f.where,
            "field": f.field,
            "field_label": f.field_label or field_label(f),
            "message": f.message,
            "reason": f.reason,
            "reason_by": f.reason_by,
            "blocks": f.blocks,
        }
        for f in findings
    ]
