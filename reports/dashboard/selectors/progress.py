"""National progress: planned → listed → published → reported → accepted enterprises.

Broken down by diagnosis type, by industry (the five key sectors and the rest) and by
organizer, from two grouped queries (tasks, plans) whatever the number of tasks.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from portal import dataversion
from portal.scoping import scope
from provinces.models import Organizer, PlanContent

STAGES = ("planned", "listed", "published", "reported", "accepted")
STAGE_LABELS = {
    "planned": _("Planned"),
    "listed": _("Listed"),
    "published": _("Published"),
    "reported": _("Reported"),
    "accepted": _("Accepted"),
}
# A task in one of these states has passed the stage (a returned report was reported).
REACHED = {
    "published": {TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED},
    "reported": {TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED},
    "accepted": {TaskState.ACCEPTED},
}
PUBLISHED_ON = frozenset(REACHED["published"])
REPORTED_ON = frozenset(REACHED["reported"])
# 附件1 counts per diagnosis type.
PLAN_FIELDS = {
    DiagnosisType.KEY_INDUSTRY: "key_industry",
    DiagnosisType.SME: "sme",
    DiagnosisType.KEY_EQUIPMENT: "key_equipment",
    DiagnosisType.REGIONAL: "regional",
    DiagnosisType.FOLLOW_UP: "follow_up",
}
# The programme's five key sectors (GB/T 4754 C31, C32, C25, C26, C30), then everything else.
KEY_SECTORS = ("钢铁", "有色", "石化", "化工", "建材")
OTHER = "other"


@dataclass
class ProgressRow:
    key: str
    label: str
    planned: int | None = 0  # None where the plan has no such breakdown (industries)
    listed: int = 0
    published: int = 0
    reported: int = 0
    accepted: int = 0

    def add(self, state: str, n: int) -> None:
        # Plain attribute arithmetic: this runs four times per group row of the national query.
        self.listed += n
        if state in PUBLISHED_ON:
            self.published += n
            if state in REPORTED_ON:
                self.reported += n
                if state == TaskState.ACCEPTED:
                    self.accepted += n

    def add_planned(self, n: int) -> None:
        if self.planned is None:
            raise ValueError(f"progress row {self.key} has no planned figure")
        self.planned += n

    @property
    def accepted_percent(self) -> int | None:
        return round(self.accepted * 100 / self.listed) if self.listed else None

    def values(self) -> list[int | None]:
        return [getattr(self, stage) for stage in STAGES]


@dataclass
class Progress:
    total: ProgressRow
    by_type: list[ProgressRow]
    by_sector: list[ProgressRow]
    by_organizer: list[ProgressRow]
    state_counts: dict[str, int] = field(default_factory=dict)


def task_groups_query(user, campaign) -> QuerySet:
    return (
        scope(DiagnosisTask.objects.filter(campaign=campaign), user)
        .values("organizer_id", "diagnosis_type", "industry__key_sector", "state")
        .annotate(n=Count("id"))
        .order_by()
    )


def plans_query(user, campaign) -> QuerySet:
    """Plans that have been submitted at least once (a draft is not yet a commitment)."""
    return scope(
        PlanContent.objects.filter(
            submission__campaign=campaign, submission__submitted_at__isnull=False
        ),
        user,
    ).values("submission__organizer_id", *PLAN_FIELDS.values())


def _sector_key(sector: str | None) -> str:
    return sector if sector in KEY_SECTORS else OTHER


def dashboard_progress(user, campaign, *, organizers: list[Organizer]) -> Progress:
    """Where the campaign stands for `organizers` (all of them, or the user's own)."""
    total = ProgressRow("total", str(_("All enterprises")))
    by_type = {t.value: ProgressRow(t.value, str(t.label)) for t in DiagnosisType}
    by_sector = {s: ProgressRow(s, s, planned=None) for s in KEY_SECTORS}
    by_sector[OTHER] = ProgressRow(OTHER, str(_("Other industries")), planned=None)
    by_organizer = {o.pk: ProgressRow(o.code, o.name) for o in organizers}
    states: dict[str, int] = defaultdict(int)
    groups = task_groups_query(user, campaign)
    # an aggregate over every task of the year: once per data version (docs/load.md)
    for group in dataversion.cached(groups, lambda: list(groups), "dashboard"):
        row = by_organizer.get(group["organizer_id"])
        if row is None:  # filtered out (organizer kind, name) or inactive
            continue
        state, n = group["state"], group["n"]
        row.add(state, n)
        states[state] += n
        total.add(state, n)
        by_type[group["diagnosis_type"]].add(state, n)
        by_sector[_sector_key(group["industry__key_sector"])].add(state, n)
    for plan in plans_query(user, campaign):
        row = by_organizer.get(plan["submission__organizer_id"])
        if row is None:
            continue
        planned = 0
        for diagnosis_type, name in PLAN_FIELDS.items():
            by_type[diagnosis_type].add_planned(plan[name])
            planned += plan[name]
        total.add_planned(planned)
        row.add_planned(planned)
    return Progress(
        total,
        list(by_type.values()),
        list(by_sector.values()),
        list(by_organizer.values()),
        {s: states.get(s, 0) for s in TaskState.values},
    )
