"""Agency scorecards: each agency's record across campaigns, so organizers choose from evidence.

Per agency: campaigns and tasks, reports submitted and on time, returns per report, acceptance
rate, mean enterprise rating, expected savings per reported task, and the realization rate of
its measures followed up in later campaigns.

The registry is national (every organizer may recommend any agency), so the figures are
national aggregates per agency: the agency list goes through `scope`, and no task, report or
enterprise of another tenant is ever shown — only counts, sums and means. Six grouped queries
whatever the number of agencies and tasks.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum

from agencies.models import Agency, Recommendation
from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from portal.scoping import scope
from reports.choices import REALIZED_STATES, Decision
from reports.models import Acceptance, DiagnosisReport, Feedback, Measure

REPORTED = (TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED)


@dataclass
class Scorecard:
    agency_id: int
    name: str
    location: str = ""
    recommended: bool = False  # recommended by the viewing organizer (any campaign)
    campaigns: int = 0
    tasks: int = 0
    reported_tasks: int = 0
    accepted: int = 0
    reports: int = 0
    on_time: int = 0
    returns: int = 0
    ratings: int = 0
    rating_mean: Decimal | None = None
    savings_tce: Decimal = Decimal(0)
    followed_up: int = 0
    realized: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> int | None:
        return round(part * 100 / whole) if whole else None

    @property
    def on_time_percent(self) -> int | None:
        return self._share(self.on_time, self.reports)

    @property
    def acceptance_percent(self) -> int | None:
        return self._share(self.accepted, self.reported_tasks)

    @property
    def realization_percent(self) -> int | None:
        return self._share(self.realized, self.followed_up)

    @property
    def returns_per_report(self) -> Decimal | None:
        if not self.reports:
            return None
        return (Decimal(self.returns) / self.reports).quantize(Decimal("0.01"))

    @property
    def savings_per_task(self) -> Decimal | None:
        if not self.reported_tasks:
            return None
        return (self.savings_tce / self.reported_tasks).quantize(Decimal("0.1"))


def _by_agency(qs, key: str, **aggregates) -> dict[int, dict]:
    return {row[key]: row for row in qs.values(key).annotate(**aggregates).order_by()}


def _figures(campaign) -> list[dict[int, dict]]:
    """The grouped aggregates, each keyed by agency id."""
    on = {"campaign": campaign} if campaign else {}
    on_task = {"task__campaign": campaign} if campaign else {}
    on_report = {"report__task__campaign": campaign} if campaign else {}
    reports = DiagnosisReport.objects.filter(submitted_at__isnull=False, **on_task)
    return [
        _by_agency(
            DiagnosisTask.objects.filter(**on),
            "agency_id",
            campaigns=Count("campaign", distinct=True),
            tasks=Count("id"),
            reported_tasks=Count("id", filter=Q(state__in=REPORTED)),
            accepted=Count("id", filter=Q(state=TaskState.ACCEPTED)),
        ),
        _by_agency(
            reports,
            "task__agency_id",
            reports=Count("id"),
            on_time=Count("id", filter=Q(is_late=False)),
            savings_tce=Sum("savings_tce"),
        ),
        _by_agency(
            Acceptance.objects.filter(decision=Decision.RETURN, **on_report),
            "report__task__agency_id",
            returns=Count("id"),
        ),
        _by_agency(
            Feedback.objects.filter(**on_report),
            "report__task__agency_id",
            ratings=Count("id"),
            rating_mean=Avg("rating"),
        ),
        _by_agency(
            Measure.objects.filter(follow_ups__isnull=False, **on_report),
            "report__task__agency_id",
            followed_up=Count("id", distinct=True),
            realized=Count("id", filter=Q(follow_ups__state__in=REALIZED_STATES), distinct=True),
        ),
    ]


def _fill(card: Scorecard, figures: list[dict[int, dict]]) -> None:
    for group in figures:
        for name, value in group.get(card.agency_id, {}).items():
            if hasattr(card, name) and value is not None:
                setattr(card, name, value)
    if card.rating_mean is not None:
        card.rating_mean = Decimal(str(card.rating_mean)).quantize(Decimal("0.01"))


def scorecard_list_for(
    user, *, campaign=None, q: str = "", recommended_only: bool = False
) -> list[Scorecard]:
    """Scorecards of the agencies with at least one task, most tasks first."""
    figures = _figures(campaign)
    agencies = scope(Agency.objects.filter(pk__in=list(figures[0])), user)
    if q:
        agencies = agencies.filter(name__icontains=q)
    ours = set()
    if user.is_organizer:
        ours = set(
            Recommendation.objects.filter(organizer_id=user.organizer_id).values_list(
                "agency_id", flat=True
            )
        )
        if recommended_only:
            agencies = agencies.filter(pk__in=ours)
    cards = []
    for agency_id, name, location in agencies.values_list("id", "name", "location"):
        card = Scorecard(agency_id, name, location, recommended=agency_id in ours)
        _fill(card, figures)
        cards.append(card)
    cards.sort(key=lambda c: (-c.tasks, c.name))
    return cards
