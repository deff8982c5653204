"""Earlier diagnoses a 跟踪服务 (follow-up) row links itself to (notice 一(五), SPEC §5, §10).

A follow-up revisits an enterprise diagnosed in an earlier campaign (2019, 2020 or any year
before the follow-up's). The earlier diagnosis is found by the enterprise's credit code, the most
recent one first, and counts only when it really took place:

- its report was handed in (report submitted, returned or accepted) or a report is on file
  (history entered with its measures), or
- it belongs to a campaign loaded as history only: a year whose national list was never
  published in the portal (2019/2020 lists imported with ``import_intent_list``), where the
  ministry's list is itself the record of who was diagnosed.

A follow-up is never the earlier diagnosis of another follow-up: the one it follows up is.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from portal import dataversion
from portal.errors import DomainError

from .choices import DiagnosisType, TaskState
from .models import DiagnosisTask, PublishedList

DIAGNOSED_STATES = frozenset({TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED})


def earlier_diagnoses(campaign) -> QuerySet:
    """Every task that counts as a diagnosis before `campaign`, the most recent first."""
    history_only = ~Exists(PublishedList.objects.filter(campaign_id=OuterRef("campaign_id")))
    return (
        DiagnosisTask.objects.filter(campaign__year__lt=campaign.year)
        .exclude(diagnosis_type=DiagnosisType.FOLLOW_UP)
        .filter(Q(state__in=DIAGNOSED_STATES) | Q(report__isnull=False) | history_only)
        .order_by("-campaign__year", "-id")
    )


def earlier_diagnoses_by_code(*, campaign, organizer, codes) -> dict[str, int]:
    """Credit code → id of the enterprise's most recent earlier diagnosis by `organizer` (one
    query). Only the organizer's own: a follow-up records its findings on the earlier report's
    measures, and no write may change what another organizer shows."""
    codes = list(codes)
    if not codes:
        return {}
    found: dict[str, int] = {}
    rows = earlier_diagnoses(campaign).filter(
        organizer=organizer, enterprise__credit_code__in=codes
    )
    for code, pk in rows.values_list("enterprise__credit_code", "pk"):
        found.setdefault(code, pk)  # the most recent comes first
    return found


def never_diagnosed_message(code: str) -> str:
    return _(
        "跟踪服务 follows up an earlier diagnosis of yours, but none of your earlier campaigns "
        "diagnosed the enterprise %(code)s: choose another diagnosis type."
    ) % {"code": code}


def previous_task_for(*, campaign, organizer, code: str, diagnosis_type: str) -> int | None:
    """The earlier task a row of this type links to: None unless it is 跟踪服务; refused with
    the reason (on the diagnosis type) when the enterprise was never diagnosed before."""
    if diagnosis_type != DiagnosisType.FOLLOW_UP:
        return None
    found = earlier_diagnoses_by_code(campaign=campaign, organizer=organizer, codes=[code])
    if code not in found:
        raise DomainError(never_diagnosed_message(code), field="diagnosis_type")
    return found[code]


def relink_refusal(task: DiagnosisTask, previous_task_id: int | None) -> str:
    """Why `task` cannot change what it follows up (its records are about the earlier
    report's measures), or "" when it can."""
    if task.pk is None or task.previous_task_id in (None, previous_task_id):
        return ""
    if not task.follow_up_records.exists():
        return ""
    return _(
        "This follow-up already has records about the earlier report's measures; its "
        "diagnosis type and enterprise can no longer be changed."
    )


@dataclass(frozen=True)
class EarlierEnterprise:
    """One enterprise an organizer diagnosed before, for the follow-up picker."""

    task_id: int
    credit_code: str
    name: str
    year: int


def earlier_enterprises_for(organizer, campaign, *, q: str = "", limit: int = 500):
    """The enterprises `organizer` itself diagnosed in earlier campaigns and that are on no
    intent list of `campaign` yet, each once with its most recent diagnosis; `q` narrows by
    name or credit code. One query, read once per data version."""
    listed = DiagnosisTask.objects.filter(campaign=campaign).values("enterprise_id")
    tasks = (
        earlier_diagnoses(campaign).filter(organizer=organizer).exclude(enterprise_id__in=listed)
    )
    text = (q or "").strip()
    if text:
        tasks = tasks.filter(
            Q(enterprise_name__icontains=text) | Q(enterprise__credit_code__startswith=text.upper())
        )
    found = tasks.values_list("pk", "enterprise__credit_code", "enterprise_name", "campaign__year")

    def compute() -> tuple[EarlierEnterprise, ...]:
        seen: set[str] = set()
        rows: list[EarlierEnterprise] = []
        for pk, code, name, year in found:
            if code not in seen and len(rows) < limit:
                seen.add(code)
                rows.append(EarlierEnterprise(pk, code, name, year))
        return tuple(sorted(rows, key=lambda row: (row.name, row.credit_code)))

    # The intent list page shows the picker on every request: read once per data version of
    # the tables the query names (tasks, enterprises, reports, published lists, campaigns).
    return list(dataversion.cached(found, compute, f"earlier_enterprises:{limit}"))
