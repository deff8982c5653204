"""Case reads: the excellent cases a user may see, searched, and one case with its measures.

A case is a view over existing data: a submitted diagnosis report marked as a recommended
excellent case at acceptance (`DiagnosisReport.is_excellent_case`, `excellent_note`). Its problem
is what the diagnosis found (`findings`), its measures are the report's measures, each with what
its latest follow-up found (state, realized savings, verification). Organizers see their own
cases, the ministry sees all; agencies and enterprises are refused by the views.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from portal.models import Campaign
from portal.scoping import get_scoped_or_404, scope
from provinces.models import Organizer
from reports.choices import REALIZED_STATES, MeasureKind, MeasureState
from reports.models import CaseStory, DiagnosisReport, FollowUp, Measure
from reports.summary.selectors import accepted_reports

ZERO = Decimal(0)


@dataclass(frozen=True)
class CaseFilters:
    """What the URL asks for; empty means every value."""

    q: str = ""  # words in the enterprise, the findings, the note or a measure's title
    year: int | None = None
    industry: str = ""  # GB/T 4754 code (the task's listed industry, else the enterprise's)
    kind: str = ""  # taxonomy code, or a MeasureKind value for measures without one
    organizer: int | None = None


def _cases():
    return DiagnosisReport.objects.filter(is_excellent_case=True, submitted_at__isnull=False)


def case_list_for(user, filters: CaseFilters = CaseFilters()) -> QuerySet[DiagnosisReport]:
    """The excellent cases `user` may see that match `filters`, newest campaign first."""
    qs = scope(_cases(), user)
    if filters.year:
        qs = qs.filter(task__campaign__year=filters.year)
    if filters.organizer:
        qs = qs.filter(task__organizer_id=filters.organizer)
    if filters.industry:
        qs = qs.annotate(
            _industry=Coalesce("task__industry__code", "task__enterprise__industry__code")
        ).filter(_industry=filters.industry)
    if filters.kind:
        kind = Measure.objects.filter(report=OuterRef("pk"))
        if filters.kind in MeasureKind.values:
            kind = kind.filter(taxonomy__isnull=True, category=filters.kind)
        else:
            kind = kind.filter(taxonomy__code=filters.kind)
        qs = qs.filter(Exists(kind))
    for word in filters.q.split():
        titled = Measure.objects.filter(report=OuterRef("pk"), title__icontains=word)
        qs = qs.filter(
            Q(task__enterprise_name__icontains=word)
            | Q(findings__icontains=word)
            | Q(excellent_note__icontains=word)
            | Q(task__agency__name__icontains=word)
            | Q(case_story__title__icontains=word)
            | Q(case_story__summary__icontains=word)
            | Exists(titled)
        )
    return qs.select_related(
        "task__campaign",
        "task__organizer",
        "task__agency",
        "task__industry",
        "task__enterprise__industry",
        "case_story",
    ).order_by("-task__campaign__year", "task__organizer__sort_order", "task__seq", "id")


def case_get_for(user, pk: int) -> DiagnosisReport:
    """One case `user` may see; 404 for a report that is not a case or not theirs."""
    return get_scoped_or_404(
        _cases().select_related(
            "task__campaign",
            "task__organizer",
            "task__agency",
            "task__industry",
            "task__enterprise__industry",
            "case_story",
        ),
        user,
        pk=pk,
    )


@dataclass(frozen=True)
class CaseMeasure:
    measure: Measure
    title: str
    state: str  # what the latest follow-up found; proposed when none
    state_label: str
    realized_tce: Decimal | None
    realized_kwh: Decimal | None
    realized_wan: Decimal | None
    actual_investment_wan: Decimal | None
    verified: bool


@dataclass(frozen=True)
class Case:
    report: DiagnosisReport
    title: str
    summary: str  # the organizer's editorial summary (blank when none)
    findings: str  # what the diagnosis found: the case's problem
    note: str  # why it is an excellent case
    measures: list[CaseMeasure]
    implemented: int  # measures implemented or verified at their latest follow-up
    realized_tce: Decimal  # over those measures
    realized_kwh: Decimal
    realized_wan: Decimal
    verified_tce: Decimal  # of the measures the organizer verified

    @property
    def industry(self):
        task = self.report.task
        return task.industry or task.enterprise.industry


def _story(report: DiagnosisReport) -> CaseStory | None:
    """The report's editorial title and summary, if the organizer wrote any (select_related)."""
    try:
        return getattr(report, "case_story")  # noqa: B009 (a reverse one-to-one mypy cannot see)
    except CaseStory.DoesNotExist:
        return None


def case_title(report: DiagnosisReport) -> str:
    """The organizer's title, else the enterprise's name + 节能诊断 (as 附件4 names a case)."""
    story = _story(report)
    return (story.title if story else "") or f"{report.task.enterprise_name}节能诊断"


def case_detail(report: DiagnosisReport) -> Case:
    """The case of `report`: its measures, largest expected savings first, each with its latest
    follow-up (the follow-up of the latest campaign, then the latest record). Two queries."""
    return cases_detail([report])[0]


def cases_detail(reports) -> list[Case]:
    """The cases of `reports` (in their order), as `case_detail` builds one: two queries for
    any number of reports, after the reports themselves."""
    reports = list(reports)
    ids = [report.pk for report in reports]
    measures: dict[int, list[Measure]] = {pk: [] for pk in ids}
    for measure in (
        Measure.objects.filter(report_id__in=ids)
        .select_related("taxonomy", "equipment")
        .order_by("report_id", "-savings_tce", "id")
    ):
        measures[measure.report_id].append(measure)
    latest: dict[int, FollowUp] = {}
    for follow_up in FollowUp.objects.filter(measure__report_id__in=ids).order_by(
        "measure_id", "task__campaign__year", "id"
    ):
        latest[follow_up.measure_id] = follow_up  # ordered: the last one stays
    return [_case(report, measures[report.pk], latest) for report in reports]


def _case(report: DiagnosisReport, measures: list[Measure], latest: dict[int, FollowUp]) -> Case:
    rows = []
    implemented, tce, kwh, wan, verified_tce = 0, ZERO, ZERO, ZERO, ZERO
    for m in measures:
        found = latest.get(m.pk)
        state = found.state if found else MeasureState.PROPOSED.value
        verified = bool(found and state == MeasureState.VERIFIED)
        if found and state in REALIZED_STATES:
            implemented += 1
            tce += found.realized_tce or ZERO
            kwh += found.realized_kwh or ZERO
            wan += found.realized_wan or ZERO
            if verified:
                verified_tce += found.realized_tce or ZERO
        rows.append(
            CaseMeasure(
                measure=m,
                title=m.title,
                state=state,
                state_label=str(MeasureState(state).label),
                realized_tce=found.realized_tce if found else None,
                realized_kwh=found.realized_kwh if found else None,
                realized_wan=found.realized_wan if found else None,
                actual_investment_wan=found.actual_investment_wan if found else None,
                verified=verified,
            )
        )
    return Case(
        report=report,
        title=case_title(report),
        summary=story.summary if (story := _story(report)) else "",
        findings=report.findings,
        note=report.excellent_note,
        measures=rows,
        implemented=implemented,
        realized_tce=tce,
        realized_kwh=kwh,
        realized_wan=wan,
        verified_tce=verified_tce,
    )


ENTERPRISE_MASK = "某企业"
AGENCY_MASK = "某诊断机构"


def case_anonymised(case: Case) -> Case:
    """The case with the enterprise's and the agency's names masked in every text (the title,
    findings, note and measure titles), for sharing outside the programme."""
    task = case.report.task
    masks = [
        (name, ENTERPRISE_MASK) for name in {task.enterprise_name, task.enterprise.name} if name
    ] + [(task.agency.name, AGENCY_MASK)] * bool(task.agency.name)
    masks.sort(key=lambda pair: -len(pair[0]))  # the longer name first: one may hold the other

    def mask(text: str) -> str:
        for name, replacement in masks:
            text = text.replace(name, replacement)
        return text

    industry = case.industry.name if case.industry else ""
    story = _story(case.report)
    return replace(
        case,
        title=mask(case.title) if story and story.title else f"{industry}{ENTERPRISE_MASK}节能诊断",
        summary=mask(case.summary),
        findings=mask(case.findings),
        note=mask(case.note),
        measures=[replace(m, title=mask(m.title)) for m in case.measures],
    )


def package_cases(campaign: Campaign, organizer: Organizer | None = None) -> list[Case]:
    """The excellent cases of one campaign's accepted reports (one organizer's, or national),
    in the organizers' order: what the summary report package carries."""
    reports = (
        accepted_reports(campaign, organizer)
        .filter(is_excellent_case=True)
        .select_related(
            "task__campaign",
            "task__organizer",
            "task__agency",
            "task__industry",
            "task__enterprise__industry",
            "case_story",
        )
        .order_by("task__organizer__sort_order", "task__organizer__code", "task__seq", "id")
    )
    return cases_detail(reports)


def package_cases_version(campaign: Campaign, organizer: Organizer | None = None) -> str:
    """Changes whenever a case of the package, one of its measures or follow-ups changes."""
    reports = accepted_reports(campaign, organizer).filter(is_excellent_case=True)
    stats = reports.aggregate(n=Count("id"), at=Max("updated_at"))
    measures = Measure.objects.filter(report__in=reports).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    follow_ups = FollowUp.objects.filter(measure__report__in=reports).aggregate(
        n=Count("id"), at=Max("updated_at")
    )
    return "|".join(str(v) for part in (stats, measures, follow_ups) for v in part.values())
