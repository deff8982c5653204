"""Rows of the status exports: report and acceptance status per task, follow-up results.

Every task of the campaign (not only the submitted lists): where each one stands. Read as the
requesting user through `scope`, counted and streamed: two queries whatever the length.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from portal.scoping import scope
from reports.choices import Decision, MeasureKind, MeasureState
from reports.dashboard.exports.rows import CHUNK, Rows, _kind
from reports.documents.selectors.forms import TYPE_LABELS
from reports.models import Acceptance, FollowUp


def _stream(qs, shape) -> Rows:
    return qs.count(), (shape(row) for row in qs.iterator(chunk_size=CHUNK))


def _tasks(user, campaign, kind: str):
    tasks = DiagnosisTask.objects.filter(campaign=campaign, **_kind(kind))
    return scope(tasks, user).order_by(
        "organizer__sort_order", "organizer__code", "agency__name", "seq", "id"
    )


TASK_STATES = dict(TaskState.choices)
MEASURE_STATES = dict(MeasureState.choices)
MEASURE_KINDS = dict(MeasureKind.choices)


def _returns():
    """How many times the report of the task was returned (a subquery: no row multiplication)."""
    returns = (
        Acceptance.objects.filter(report__task=OuterRef("pk"), decision=Decision.RETURN)
        .order_by()
        .values("report__task")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(returns, output_field=IntegerField())


def status_rows(user, campaign, kind: str = "") -> Rows:
    """Per task: its state, the report's submission and lateness, returns, acceptance, rating."""
    qs = (
        _tasks(user, campaign, kind)
        .annotate(returns=_returns())
        .values(
            "organizer__name",
            "enterprise_name",
            "enterprise__credit_code",
            "diagnosis_type",
            "agency__name",
            "state",
            "report__submitted_at",
            "report__is_late",
            "returns",
            "report__accepted_at",
            "report__feedback__rating",
            "report__savings_tce",
            "report__savings_wan",
            "report__co2_t",
            "report__investment_wan",
        )
    )

    def shape(t: dict) -> dict:
        submitted = t["report__submitted_at"]
        return {
            "organizer": t["organizer__name"],
            "name": t["enterprise_name"],
            "credit_code": t["enterprise__credit_code"],
            "diagnosis_type": TYPE_LABELS.get(t["diagnosis_type"], ""),
            "agency": t["agency__name"],
            "state": str(TASK_STATES.get(t["state"], t["state"])),
            "submitted_at": submitted,
            "late": ("是" if t["report__is_late"] else "否") if submitted else "",
            "returns": t["returns"] or 0,
            "accepted_at": t["report__accepted_at"],
            "rating": t["report__feedback__rating"],
            "savings_tce": t["report__savings_tce"],
            "savings_wan": t["report__savings_wan"],
            "co2_t": t["report__co2_t"],
            "investment_wan": t["report__investment_wan"],
        }

    return _stream(qs, shape)


def follow_up_rows(user, campaign, kind: str = "") -> Rows:
    """Per earlier measure followed up in this campaign: what became of it."""
    qs = (
        scope(FollowUp.objects.filter(task__campaign=campaign, **_kind(kind, "task__")), user)
        .order_by("task__organizer__sort_order", "task__organizer__code", "task__seq", "measure_id")
        .values(
            "task__organizer__name",
            "task__enterprise_name",
            "measure__report__task__campaign__year",
            "measure__title",
            "measure__category",
            "state",
            "measure__savings_tce",
            "actual_investment_wan",
            "realized_tce",
            "realized_wan",
            "note",
        )
    )

    def shape(f: dict) -> dict:
        return {
            "organizer": f["task__organizer__name"],
            "name": f["task__enterprise_name"],
            "earlier_year": f["measure__report__task__campaign__year"],
            "measure": f["measure__title"],
            "category": str(MEASURE_KINDS.get(f["measure__category"], "")),
            "state": str(MEASURE_STATES.get(f["state"], "")),
            "expected_tce": f["measure__savings_tce"],
            "investment_wan": f["actual_investment_wan"],
            "realized_tce": f["realized_tce"],
            "realized_wan": f["realized_wan"],
            "note": f["note"],
        }

    return _stream(qs, shape)
