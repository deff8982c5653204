"""附件4 验收情况: the organizer's (or, with organizer None, the nation's) acceptance outcome in
the notice's four dimensions — 诊断数量, 完成质量, 数据填报, 企业反馈 — from the data.

诊断数量 counts by diagnosis type what 附件1 planned, 附件3 listed, the agencies reported (a
report submitted at least once) and the organizer accepted. 完成质量: accepted reports, those
accepted without ever being returned, the returns and their comments. 数据填报: reports submitted
and the data-check warnings explained (reasons given, reports/checks). 企业反馈: feedback on
accepted reports, the average rating and the comments. Besides, the agencies involved (their
enterprises listed and accepted). A fixed number of queries.
"""

from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum

from enterprises.choices import TYPE_WORDS, DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from portal.models import Campaign
from provinces.choices import Form
from provinces.models import Organizer, PlanContent
from reports.choices import Decision
from reports.documents.render.outcomes import (
    AGENCIES_TITLE,
    AGENCY_HEADERS,
    QUANTITY_HEADERS,
    AcceptanceOutcomes,
    AgencyRow,
    QuantityRow,
    agency_rows,
    dimension_rows,
    outcomes_heading,
    quantity_rows,
)
from reports.models import Acceptance, CheckReason, Feedback

MAX_TEXTS = 20  # return reasons and comments quoted in 附件4


def _scoped(qs, prefix: str, campaign: Campaign, organizer: Organizer | None):
    qs = qs.filter(**{f"{prefix}campaign": campaign})
    return qs if organizer is None else qs.filter(**{f"{prefix}organizer": organizer})


def _planned(campaign: Campaign, organizer: Organizer | None) -> dict[str, int]:
    plans = PlanContent.objects.filter(submission__campaign=campaign, submission__form=Form.PLAN)
    if organizer is not None:
        plans = plans.filter(submission__organizer=organizer)
    fields = [t.value for t in DiagnosisType]
    totals = plans.aggregate(**{name: Sum(name) for name in fields})
    return {name: totals[name] or 0 for name in fields}


def acceptance_outcomes(
    campaign: Campaign, organizer: Organizer | None = None
) -> AcceptanceOutcomes:
    planned = _planned(campaign, organizer)
    tasks = _scoped(DiagnosisTask.objects.all(), "", campaign, organizer)
    by_type = {
        row["diagnosis_type"]: row
        for row in tasks.values("diagnosis_type")
        .annotate(
            listed=Count("id"),
            reported=Count("id", filter=Q(report__submitted_at__isnull=False)),
            accepted=Count("id", filter=Q(state=TaskState.ACCEPTED)),
        )
        .order_by()
    }
    quantity = [
        QuantityRow(
            TYPE_WORDS[t],
            planned[t.value],
            by_type.get(t.value, {}).get("listed", 0),
            by_type.get(t.value, {}).get("reported", 0),
            by_type.get(t.value, {}).get("accepted", 0),
        )
        for t in DiagnosisType
    ]
    accepted_tasks = tasks.filter(state=TaskState.ACCEPTED)
    acceptances = _scoped(Acceptance.objects.all(), "report__task__", campaign, organizer)
    returned = acceptances.filter(decision=Decision.RETURN)
    ever_returned = accepted_tasks.filter(report__acceptances__decision=Decision.RETURN)
    accepted = sum(row.accepted for row in quantity)
    feedback = _scoped(Feedback.objects.all(), "report__task__", campaign, organizer).filter(
        report__task__state=TaskState.ACCEPTED
    )
    stats = feedback.aggregate(n=Count("id"), avg=Avg("rating"))
    reasons = _scoped(CheckReason.objects.all(), "task__", campaign, organizer)
    reason_counts = reasons.aggregate(
        report=Count("id", filter=~Q(target__startswith="task:")),
        listed=Count("id", filter=Q(target__startswith="task:")),
    )
    agencies = [
        AgencyRow(row["agency__name"], row["listed"], row["accepted"])
        for row in tasks.values("agency_id", "agency__name")
        .annotate(listed=Count("id"), accepted=Count("id", filter=Q(state=TaskState.ACCEPTED)))
        .order_by("-listed", "agency__name")
    ]
    return AcceptanceOutcomes(
        quantity=quantity,
        accepted=accepted,
        accepted_first_time=accepted - ever_returned.distinct().count(),
        returns=returned.count(),
        return_reasons=list(
            returned.exclude(comment="")
            .order_by("created_at", "id")
            .values_list("comment", flat=True)[:MAX_TEXTS]
        ),
        reports_submitted=sum(row.reported for row in quantity),
        data_warnings_explained=reason_counts["report"],
        list_warnings_explained=reason_counts["listed"],
        feedback_count=stats["n"],
        rating_average=(
            Decimal(str(stats["avg"])).quantize(Decimal("0.1"))
            if stats["avg"] is not None
            else None
        ),
        comments=list(
            feedback.exclude(comments="")
            .order_by("id")
            .values_list("comments", flat=True)[:MAX_TEXTS]
        ),
        agencies=agencies,
    )


def outcomes_context(summary, outcomes: AcceptanceOutcomes) -> dict:
    """What templates/documents/_summary_outcomes.html reads."""
    return {
        "outcomes": outcomes,
        "outcomes_heading": outcomes_heading(summary),
        "quantity_headers": QUANTITY_HEADERS,
        "quantity_rows": quantity_rows(outcomes),
        "dimension_rows": dimension_rows(outcomes),
        "agencies_title": AGENCIES_TITLE,
        "agency_headers": AGENCY_HEADERS,
        "agency_rows": agency_rows(outcomes),
    }
