"""The ministry's deadline matrix: organizers (rows, by kind) × milestones (columns).

A fixed number of queries whatever the number of organizers and tasks: the organizers, their
submissions of the campaign, and one aggregate of the published tasks per organizer.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, FilteredRelation, Max, Q, QuerySet
from django.utils import timezone

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from portal import dataversion
from portal.obligations import extensions_for, owes
from portal.scoping import scope
from provinces.choices import OrganizerKind, SubmissionState
from provinces.models import Organizer, Submission
from reports.dashboard.selectors.links import list_url, submission_url_maker
from reports.dashboard.selectors.milestones import ACCEPTANCE, CellState, Milestone, milestones_for

# Organizer kinds as stored (Organizer.kind is a str), in the order the matrix groups them.
KIND_ORDER: list[str] = [
    OrganizerKind.PROVINCE,
    OrganizerKind.PLANNING_CITY,
    OrganizerKind.CORPS,
    OrganizerKind.ASSOCIATION,
    OrganizerKind.GROUP,
]
# Tasks on the published national list: the ones an organizer has to accept.
PUBLISHED_STATES = (TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED)


@dataclass
class Cell:
    milestone: str
    state: str
    label: str
    date: dt.date | dt.datetime | None = None
    late: bool = False  # approved, but it was submitted after the deadline
    url: str = ""
    done: int | None = None  # acceptance: tasks accepted by the due date
    total: int | None = None  # acceptance: published tasks

    @property
    def day(self) -> str:
        """The date as 2021-05-31 (formatted here: the matrix shows hundreds of them)."""
        return self.date.strftime("%Y-%m-%d") if self.date else ""

    @property
    def percent(self) -> int | None:
        if not self.total or self.done is None:
            return None
        return round(self.done * 100 / self.total)


@dataclass
class MatrixRow:
    organizer_id: int
    code: str
    name: str
    kind: str
    cells: list[Cell]

    def cell(self, milestone: str) -> Cell:
        return next(c for c in self.cells if c.milestone == milestone)


@dataclass
class MatrixGroup:
    kind: str
    label: str
    rows: list[MatrixRow]


@dataclass
class Matrix:
    campaign: object
    today: dt.date
    milestones: list[Milestone]
    groups: list[MatrixGroup]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    organizer_count: int = 0

    @property
    def rows(self) -> list[MatrixRow]:
        return [row for group in self.groups for row in group.rows]

    @cached_property
    def columns(self) -> list[dict]:
        """Per milestone: its deadline in working days and the organizers in each state."""
        return [
            {
                "milestone": m,
                "days_left": m.days_left(self.today),
                "overdue": m.is_overdue(self.today),
                "states": [
                    {"state": s, "label": m.state_label(s), "n": self.counts[m.key][s]}
                    for s in CellState.values
                    if self.counts[m.key][s]
                ],
            }
            for m in self.milestones
        ]


def organizers_query(user, *, kind: str = "", q: str = "") -> QuerySet:
    qs = scope(Organizer.objects.filter(is_active=True), user)
    if not user.is_ministry:
        qs = qs.filter(pk=user.organizer_id)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__iexact=q))
    return qs.only("id", "code", "name", "kind", "sort_order")


def organizers_for(user, *, kind: str = "", q: str = "") -> list[Organizer]:
    """The organizers the dashboard lists for `user`: all for the ministry, else its own."""
    return list(organizers_query(user, kind=kind, q=q))


def submissions_query(user, campaign) -> QuerySet:
    return scope(Submission.objects.filter(campaign=campaign), user).values(
        "id",
        "organizer_id",
        "form",
        "state",
        "submitted_at",
        "is_late",
        "approved_at",
        "updated_at",
    )


def _submissions(user, campaign) -> dict[tuple[int, int], dict]:
    rows = submissions_query(user, campaign)
    return {(row["organizer_id"], row["form"]): row for row in rows}


def _accepted_late(cutoff: dt.datetime, cutoffs: dict[int, dt.datetime]) -> Q:
    """Accepted after the campaign's cutoff, or after its own for an organizer whose 附件4
    (and with it the acceptance) the ministry extended."""
    late = Q(accept__created_at__gte=cutoff) & ~Q(organizer_id__in=list(cutoffs))
    for organizer_id, own in cutoffs.items():
        late |= Q(organizer_id=organizer_id, accept__created_at__gte=own)
    return Q(state=TaskState.ACCEPTED) & late


def acceptance_query(
    user, campaign, cutoff: dt.datetime, cutoffs: dict[int, dt.datetime] | None = None
) -> QuerySet:
    """Per organizer: published tasks, accepted ones, those accepted after the cutoff
    (`cutoffs`: the organizers with an extended 附件4, each with its own cutoff)."""
    return (
        scope(DiagnosisTask.objects.filter(campaign=campaign, state__in=PUBLISHED_STATES), user)
        .annotate(accept=FilteredRelation("events", condition=Q(events__action="accept")))
        .values("organizer_id")
        .annotate(
            total=Count("id", distinct=True),
            accepted=Count("id", filter=Q(state=TaskState.ACCEPTED), distinct=True),
            late=Count("id", filter=_accepted_late(cutoff, cutoffs or {}), distinct=True),
            last=Max("accept__created_at"),
        )
        .order_by()
    )


def _acceptance(user, campaign, cutoff, cutoffs) -> dict[int, dict]:
    rows = acceptance_query(user, campaign, cutoff, cutoffs)
    # aggregates over every task and event of the year: once per data version
    return {
        row["organizer_id"]: row
        for row in dataversion.cached(rows, lambda: list(rows), "dashboard")
    }


def submission_cell(
    row: dict | None, milestone: Milestone, today: dt.date, url_for, *, owed: bool = True
) -> Cell:
    """The state of one form for one organizer, as the matrix shows it; a form the organizer
    does not owe (`owed`) is never overdue: not required until it is submitted."""
    state = row["state"] if row else None
    url = url_for(row["id"]) if row else ""
    if not row or state in (None, SubmissionState.DRAFT):
        if not owed:
            value, date = CellState.NOT_ASKED, None
        elif milestone.is_overdue(today):
            value, date = CellState.OVERDUE, milestone.due.effective
        elif not row or state is None:
            value, date = CellState.NOT_STARTED, None
        else:
            value, date = CellState.DRAFT, timezone.localtime(row["updated_at"])
    elif state == SubmissionState.SUBMITTED:
        value = CellState.LATE if row["is_late"] else CellState.ON_TIME
        date = timezone.localtime(row["submitted_at"]) if row["submitted_at"] else None
    elif state == SubmissionState.RETURNED:
        value, date = CellState.RETURNED, timezone.localtime(row["updated_at"])
    else:
        value = CellState.APPROVED
        date = timezone.localtime(row["approved_at"]) if row["approved_at"] else None
    late = bool(row and row["is_late"] and value == CellState.APPROVED)
    return Cell(milestone.key, value, milestone.state_label(value), date, late, url)


def acceptance_cell(row: dict | None, milestone: Milestone, today: dt.date, url: str) -> Cell:
    """Share of the organizer's published tasks accepted by the 附件4 due date."""
    total = row["total"] if row else 0
    accepted = row["accepted"] if row else 0
    late = row["late"] if row else 0
    done = accepted - late
    last = timezone.localtime(row["last"]) if row and row["last"] else None
    if not total:
        state = CellState.NOT_STARTED
    elif accepted == total:
        state = CellState.LATE if late else CellState.ON_TIME
    elif milestone.is_overdue(today):
        state = CellState.OVERDUE
    else:
        state = CellState.DRAFT
    date = milestone.due.effective if state == CellState.OVERDUE else last
    return Cell(
        milestone.key,
        state,
        milestone.state_label(state),
        date,
        False,
        url if total else "",
        done,
        total,
    )


def _group(rows: list[MatrixRow]) -> list[MatrixGroup]:
    by_kind: dict[str, list[MatrixRow]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row)
    return [
        MatrixGroup(kind, str(OrganizerKind(kind).label), by_kind[kind])
        for kind in KIND_ORDER
        if kind in by_kind
    ]


def _counts(rows: list[MatrixRow], milestones: list[Milestone]) -> dict[str, dict[str, int]]:
    counts: dict[str, Counter[str]] = {m.key: Counter() for m in milestones}
    for row in rows:
        for cell in row.cells:
            counts[cell.milestone][cell.state] += 1
    return {
        key: {state: counter[state] for state in CellState.values}
        for key, counter in counts.items()
    }


def dashboard_matrix(
    user,
    campaign,
    *,
    organizers: list[Organizer],
    today: dt.date | None = None,
    milestone: str = "",
    state: str = "",
) -> Matrix:
    """The matrix for `organizers`; `milestone` + `state` keep only the rows in that state.

    Column counts are taken before the state filter, so every count stays visible and a click
    on one of them narrows the rows.
    """
    today = today or timezone.localdate()
    extensions = extensions_for(campaign)
    extended = {organizer_id for organizer_id, _form in extensions}
    # An organizer reads its own deadlines in the column heads; the ministry the published ones.
    milestones = milestones_for(
        campaign, None if user.is_ministry else user.organizer_id, extensions
    )
    own = {
        organizer.pk: milestones_for(campaign, organizer.pk, extensions)
        for organizer in organizers
        if organizer.pk in extended
    }
    acceptance_due = next(m for m in milestones_for(campaign) if m.key == ACCEPTANCE)
    cutoffs = {
        pk: next(m for m in columns if m.key == ACCEPTANCE).cutoff for pk, columns in own.items()
    }
    submissions = _submissions(user, campaign)
    acceptance = _acceptance(user, campaign, acceptance_due.cutoff, cutoffs)
    url_for = submission_url_maker()
    task_list = list_url("enterprises:task-list")
    rows = []
    for organizer in sorted(
        organizers, key=lambda o: (KIND_ORDER.index(o.kind), o.sort_order, o.code)
    ):
        cells = []
        for m in own.get(organizer.pk, milestones):
            if m.form is None:
                url = task_list and f"{task_list}?year={campaign.year}&organizer={organizer.pk}"
                cells.append(acceptance_cell(acceptance.get(organizer.pk), m, today, url))
            else:
                row = submissions.get((organizer.pk, m.form))
                owed = owes(campaign, organizer.kind, m.form)
                cells.append(submission_cell(row, m, today, url_for, owed=owed))
        rows.append(MatrixRow(organizer.pk, organizer.code, organizer.name, organizer.kind, cells))
    counts = _counts(rows, milestones)
    if milestone and state:
        rows = [row for row in rows if row.cell(milestone).state == state]
    return Matrix(campaign, today, milestones, _group(rows), counts, len(organizers))
