"""What the diagnoses are expected to achieve, and how the enterprises rated them.

Expected savings and investment are the totals each report keeps from its measures
(tce, 万元, CO₂); they count once the agency has submitted the report, and separately once the
organizer has accepted it. Two grouped queries whatever the number of reports.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from enterprises.choices import TaskState
from portal import dataversion
from portal.scoping import scope
from provinces.models import Organizer
from reports.models import DiagnosisReport, Feedback

ZERO = Decimal(0)
AMOUNTS = ("savings_tce", "savings_wan", "co2_t", "investment_wan")


@dataclass
class Savings:
    key: str
    label: str
    reports: int = 0
    savings_tce: Decimal = ZERO
    savings_wan: Decimal = ZERO
    co2_t: Decimal = ZERO
    investment_wan: Decimal = ZERO
    accepted_reports: int = 0
    accepted_savings_tce: Decimal = ZERO

    def add(self, row: dict) -> None:
        self.reports += row["reports"]
        self.accepted_reports += row["accepted_reports"]
        self.accepted_savings_tce += row["accepted_savings_tce"] or ZERO
        for name in AMOUNTS:
            setattr(self, name, getattr(self, name) + (row[name] or ZERO))

    @property
    def savings_wan_tce(self) -> Decimal:
        """万吨标准煤, the unit of the 附件4 summary."""
        return self.savings_tce / Decimal(10000)


@dataclass
class Outcomes:
    total: Savings
    by_organizer: list[Savings]
    ratings: dict[int, int] = field(default_factory=dict)  # 1–5 → number of enterprises

    @property
    def reporting(self) -> list[Savings]:
        """The organizers with at least one submitted report."""
        return [row for row in self.by_organizer if row.reports]

    @property
    def rating_count(self) -> int:
        return sum(self.ratings.values())

    @property
    def rating_mean(self) -> Decimal | None:
        if not self.rating_count:
            return None
        total = sum(score * n for score, n in self.ratings.items())
        return (Decimal(total) / self.rating_count).quantize(Decimal("0.01"))


def savings_query(user, campaign) -> QuerySet:
    accepted = Q(task__state=TaskState.ACCEPTED)
    return (
        scope(
            DiagnosisReport.objects.filter(task__campaign=campaign, submitted_at__isnull=False),
            user,
        )
        .values("task__organizer_id")
        .annotate(
            reports=Count("id"),
            accepted_reports=Count("id", filter=accepted),
            accepted_savings_tce=Sum("savings_tce", filter=accepted),
            **{name: Sum(name) for name in AMOUNTS},
        )
        .order_by()
    )


def ratings_query(user, campaign) -> QuerySet:
    return (
        scope(Feedback.objects.filter(report__task__campaign=campaign), user)
        .values("report__task__organizer_id", "rating")
        .annotate(n=Count("id"))
        .order_by()
    )


def _ratings(user, campaign, organizer_ids: set[int]) -> dict[int, int]:
    ratings: Counter = Counter()
    ratings_rows = ratings_query(user, campaign)
    for row in dataversion.cached(ratings_rows, lambda: list(ratings_rows), "dashboard"):
        if row["report__task__organizer_id"] in organizer_ids:
            ratings[row["rating"]] += row["n"]
    return {score: ratings[score] for score in range(1, 6)}


def dashboard_outcomes(user, campaign, *, organizers: list[Organizer]) -> Outcomes:
    """Expected savings per organizer and in total, and the enterprises' ratings."""
    total = Savings("total", _("All enterprises"))
    by_organizer = {o.pk: Savings(o.code, o.name) for o in organizers}
    savings_rows = savings_query(user, campaign)
    for row in dataversion.cached(savings_rows, lambda: list(savings_rows), "dashboard"):
        savings = by_organizer.get(row["task__organizer_id"])
        if savings is not None:
            savings.add(row)
            total.add(row)
    ratings = _ratings(user, campaign, set(by_organizer))
    return Outcomes(total, list(by_organizer.values()), ratings)
