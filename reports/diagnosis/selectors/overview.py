"""The campaign overview of acceptance: tasks by state, savings potential by type and industry,
reports outstanding and feedback received. A fixed number of queries whatever the campaign size.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum

from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from portal.scoping import scope
from reports.choices import FeedbackSource
from reports.models import DiagnosisReport, Feedback

SUMS = ("energy_tce", "savings_tce", "savings_kwh", "savings_wan", "investment_wan", "co2_t")
OUTSTANDING = (TaskState.PUBLISHED, TaskState.RETURNED)


@dataclass
class SavingsRow:
    key: str
    label: str
    reports: int = 0
    measures: int = 0
    sums: dict[str, Decimal] = field(default_factory=dict)


def _savings_rows(reports, groups: tuple[str, ...], labels) -> list[SavingsRow]:
    aggregates = {name: Sum(name) for name in SUMS}
    rows = (
        reports.values(*groups)
        .annotate(n=Count("id"), m=Sum("measure_count"), **aggregates)
        .order_by(*groups)
    )
    result = [
        SavingsRow(
            key=row[groups[0]] or "",
            label=labels(row),
            reports=row["n"],
            measures=row["m"] or 0,
            sums={name: row[name] or Decimal(0) for name in SUMS},
        )
        for row in rows
    ]
    result.sort(key=lambda row: -row.sums["savings_tce"])
    return result


def _type_label(row) -> str:
    value = row["task__diagnosis_type"]
    return str(DiagnosisType(value).label) if value in DiagnosisType.values else value


def _industry_label(row) -> str:
    code = row["task__industry_id"]
    return f"{code} {row['task__industry__name']}" if code else "—"


def _feedback(user, campaign) -> dict:
    feedback = scope(Feedback.objects.filter(report__task__campaign=campaign), user)
    summary = feedback.aggregate(
        n=Count("id"),
        mean=Avg("rating"),
        confirmed=Count("id", filter=Q(confirmed=True)),
        by_phone=Count("id", filter=Q(source=FeedbackSource.PHONE)),
        **{f"r{k}": Count("id", filter=Q(rating=k)) for k in range(1, 6)},
    )
    summary["distribution"] = [(k, summary.pop(f"r{k}")) for k in range(5, 0, -1)]
    return summary


def campaign_overview(user, campaign) -> dict:
    """Everything the overview page shows for `user`'s organizer (all organizers: ministry)."""
    tasks = scope(DiagnosisTask.objects.filter(campaign=campaign), user)
    by_state = dict(tasks.values_list("state").annotate(n=Count("id")).order_by())
    reports = scope(
        DiagnosisReport.objects.filter(task__campaign=campaign, submitted_at__isnull=False), user
    )
    totals = reports.aggregate(
        n=Count("id"),
        m=Sum("measure_count"),
        excellent=Count("id", filter=Q(is_excellent_case=True)),
        **{name: Sum(name) for name in SUMS},
    )
    outstanding = (
        tasks.filter(state__in=OUTSTANDING)
        .select_related("enterprise", "agency")
        .order_by("state", "seq", "id")
    )
    return {
        "states": [
            {"state": s.value, "label": s.label, "count": by_state.get(s.value, 0)}
            for s in TaskState
        ],
        "task_total": sum(by_state.values()),
        "by_type": _savings_rows(reports, ("task__diagnosis_type",), _type_label),
        "by_industry": _savings_rows(
            reports, ("task__industry_id", "task__industry__name"), _industry_label
        ),
        "totals": {
            **{name: totals[name] or Decimal(0) for name in SUMS},
            "reports": totals["n"],
            "measures": totals["m"] or 0,
            "excellent": totals["excellent"],
        },
        "outstanding": list(outstanding[:20]),
        "outstanding_count": sum(by_state.get(s, 0) for s in OUTSTANDING),
        "feedback": _feedback(user, campaign),
    }
