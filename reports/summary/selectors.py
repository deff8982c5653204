"""附件4 工作总结: the figures from the accepted diagnosis reports and the organizer's narrative.

Figures count the work the organizer has accepted (task state accepted): the enterprises by
diagnosis type and industry, the problems the reports found, the measures with their
expected savings and investment, the follow-up of earlier campaigns' measures and the
recommended excellent cases. Nationally (organizer None) they add up every organizer's accepted
work. A fixed number of queries whatever the number of reports.
"""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Max, Q, QuerySet, Sum
from django.utils import timezone

from enterprises.choices import TYPE_WORDS, DiagnosisType, TaskState
from enterprises.models import DiagnosisTask
from portal.models import Campaign
from provinces.choices import Form, SubmissionState
from provinces.models import Organizer, SummaryContent
from reports.benchmarking.selectors import benchmarking_summary
from reports.choices import MeasureKind, MeasureState
from reports.documents.render.data import (
    CaseEntry,
    CountRow,
    FollowUpResult,
    OrganizerPart,
    SummaryData,
)
from reports.models import DiagnosisReport, FollowUp, Measure

ZERO = Decimal(0)
NATIONAL_NAME = "全国"  # in file names
MINISTRY_NAME = "工业和信息化部节能与综合利用司"  # signs the national 附件4
# A report lists its problems one per line or separated by ；/;/。 ("1. …", "（2）…" numbered).
_SPLIT = re.compile(r"[；;。\n]+")
_NUMBERING = re.compile(r"^[\s\d０-９.．、)）(（]+")
NARRATIVE = {  # SummaryData field → SummaryContent field
    "overview": "work_done",
    "effectiveness": "results_commentary",
    "practices": "good_practices",
    "problems": "problems",
    "next_steps": "next_steps",
}


def count_problems(text: str) -> int:
    """How many problems a report's findings text lists."""
    items = (_NUMBERING.sub("", item).strip() for item in _SPLIT.split(text or ""))
    return sum(1 for item in items if len(item) >= 2)


def accepted_reports(campaign: Campaign, organizer: Organizer | None = None) -> QuerySet:
    reports = DiagnosisReport.objects.filter(
        task__campaign=campaign, task__state=TaskState.ACCEPTED
    )
    return reports if organizer is None else reports.filter(task__organizer=organizer)


def _counts(reports: QuerySet) -> tuple[list[CountRow], list[CountRow]]:
    """Enterprises by type (all five, in the notice's order) and by industry (largest first)."""
    groups = (
        reports.values("task__diagnosis_type", "task__industry_id", "task__industry__name")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_type: Counter[str] = Counter()
    by_industry: Counter[str] = Counter()
    for row in groups:
        by_type[row["task__diagnosis_type"]] += row["n"]
        code, name = row["task__industry_id"], row["task__industry__name"]
        by_industry[f"{code} {name}" if code else "未填写行业"] += row["n"]
    types = [CountRow(TYPE_WORDS[value], by_type[value]) for value in DiagnosisType.values]
    industries = [
        CountRow(label, n)
        for label, n in sorted(by_industry.items(), key=lambda item: (-item[1], item[0]))
    ]
    return types, industries


def _follow_up(campaign: Campaign, organizer: Organizer | None) -> FollowUpResult | None:
    """跟踪服务 of this campaign: the earlier measures' status and what was realized."""
    # the same tasks as 跟踪服务 in the type table: accepted follow-up diagnoses
    tasks = DiagnosisTask.objects.filter(
        campaign=campaign, state=TaskState.ACCEPTED, diagnosis_type=DiagnosisType.FOLLOW_UP
    )
    if organizer is not None:
        tasks = tasks.filter(organizer=organizer)
    enterprises = tasks.count()
    if not enterprises:
        return None
    states = Counter(
        dict(
            FollowUp.objects.filter(task__in=tasks)
            .values_list("state")
            .annotate(n=Count("id"))
            .order_by()
        )
    )
    # each earlier measure counts once, as the follow-up found it (proposed until recorded)
    earlier = Measure.objects.filter(report__task_id__in=tasks.values("previous_task_id")).count()
    states[MeasureState.PROPOSED] += max(earlier - sum(states.values()), 0)
    measured = FollowUp.objects.filter(task__in=tasks).aggregate(
        investment=Sum("actual_investment_wan"), tce=Sum("realized_tce")
    )
    return FollowUpResult(
        enterprises=enterprises,
        measures=sum(states.values()),
        implemented=states[MeasureState.IMPLEMENTED] + states[MeasureState.VERIFIED],
        in_progress=states[MeasureState.IN_PROGRESS],
        planned=states[MeasureState.PLANNED],
        not_adopted=states[MeasureState.NOT_ADOPTED],
        actual_investment_wan=measured["investment"] or ZERO,
        realized_savings_tce=measured["tce"] or ZERO,
    )


def _cases(reports: QuerySet) -> list[CaseEntry]:
    """The recommended excellent cases, each with its three largest measures."""
    excellent = list(
        reports.filter(is_excellent_case=True)
        .order_by("task__organizer__sort_order", "task__seq", "id")
        .values_list(
            "id",
            "task__enterprise_name",
            "task__agency__name",
            "excellent_note",
            "savings_tce",
            "investment_wan",
        )
    )
    titles: dict[int, list[str]] = {}
    for report_id, title in (
        Measure.objects.filter(report_id__in=[r[0] for r in excellent])
        .order_by("report_id", "-savings_tce", "id")
        .values_list("report_id", "title")
    ):
        titles.setdefault(report_id, []).append(title)
    cases = []
    for report_id, enterprise, agency, note, tce, investment in excellent:
        measures = titles.get(report_id, [])[:3]
        summary = "".join(
            part
            for part in (note.strip(), f"主要节能措施：{'、'.join(measures)}。" if measures else "")
            if part
        )
        cases.append(
            CaseEntry(
                title=f"{enterprise}节能诊断",
                enterprise=enterprise,
                agency=agency,
                summary=summary,
                savings_tce=tce,
                investment_wan=investment,
            )
        )
    return cases


@dataclass(frozen=True)
class Narrative:
    texts: dict[str, str]
    dated: dt.date | None = None


def summary_content(campaign: Campaign, organizer: Organizer) -> SummaryContent | None:
    return (
        SummaryContent.objects.filter(
            submission__campaign=campaign,
            submission__organizer=organizer,
            submission__form=Form.SUMMARY,
        )
        .select_related("submission")
        .first()
    )


def organizer_parts(campaign: Campaign) -> list[OrganizerPart]:
    """The national 附件4 gathers, per organizer (in the organizers' order), its accepted
    figures and the text of its handed-in summary (submitted or approved): two queries."""
    figures = {
        row["task__organizer_id"]: row
        for row in accepted_reports(campaign)
        .values("task__organizer_id")
        .annotate(
            n=Count("id"),
            measures=Sum("measure_count"),
            tce=Sum("savings_tce"),
            investment=Sum("investment_wan"),
        )
        .order_by()
    }
    contents = {
        content.submission.organizer_id: content
        for content in SummaryContent.objects.filter(
            submission__campaign=campaign,
            submission__form=Form.SUMMARY,
            submission__state__in=(SubmissionState.SUBMITTED, SubmissionState.APPROVED),
        ).select_related("submission__organizer")
    }
    organizers = {c.submission.organizer_id: c.submission.organizer for c in contents.values()}
    if figures.keys() - organizers.keys():
        organizers.update(
            (o.pk, o) for o in Organizer.objects.filter(pk__in=figures.keys() - organizers.keys())
        )
    parts = []
    for organizer in sorted(organizers.values(), key=lambda o: (o.sort_order, o.code)):
        row, content = figures.get(organizer.pk, {}), contents.get(organizer.pk)
        parts.append(
            OrganizerPart(
                name=organizer.official_name,
                enterprises=row.get("n", 0),
                measures=row.get("measures") or 0,
                savings_tce=row.get("tce") or ZERO,
                investment_wan=row.get("investment") or ZERO,
                texts={name: getattr(content, field) for name, field in NARRATIVE.items()}
                if content
                else {},
            )
        )
    return parts


def _national_narrative(campaign: Campaign, parts: list[OrganizerPart]) -> Narrative:
    reported = sum(1 for part in parts if part.texts)
    with_reports = sum(1 for part in parts if part.enterprises)
    texts = {
        "overview": (
            f"截至目前，共有{reported}个组织单位报送了{campaign.year}年度节能诊断服务工作总结，"
            f"{with_reports}个组织单位有验收通过的诊断报告。各组织单位工作开展情况如下。"
        )
    }
    if parts:
        texts["problems"] = "各组织单位报告的问题如下。"
        texts["next_steps"] = "各组织单位的下一步工作与建议如下。"
    return Narrative(texts, timezone.localdate())


def _narrative(campaign: Campaign, organizer: Organizer) -> Narrative:
    content = summary_content(campaign, organizer)
    if content is None:
        return Narrative({})
    submitted = content.submission.submitted_at
    return Narrative(
        {name: getattr(content, field) for name, field in NARRATIVE.items()},
        timezone.localtime(submitted).date() if submitted else None,
    )


def summary_data(campaign: Campaign, organizer: Organizer | None = None) -> SummaryData:
    """附件4 for one organizer or nationally: ten queries at most."""
    reports = accepted_reports(campaign, organizer)
    by_type, by_industry = _counts(reports)
    totals = reports.aggregate(
        measures=Sum("measure_count"),
        tce=Sum("savings_tce"),
        investment=Sum("investment_wan"),
        wan=Sum("savings_wan"),
        co2=Sum("co2_t"),
    )
    kinds = dict(
        Measure.objects.filter(report__in=reports)
        .values_list("category")
        .annotate(n=Count("id"))
        .order_by()
    )
    problems = sum(
        count_problems(text)
        for text in reports.values_list("findings", flat=True).iterator(chunk_size=2000)
    )
    parts = organizer_parts(campaign) if organizer is None else []
    narrative = (
        _national_narrative(campaign, parts)
        if organizer is None
        else _narrative(campaign, organizer)
    )
    return SummaryData(
        year=campaign.year,
        organizer_name=organizer.official_name if organizer else MINISTRY_NAME,
        counts_by_type=by_type,
        counts_by_industry=by_industry,
        problems_found=problems,
        measures=totals["measures"] or 0,
        technical_measures=kinds.get(MeasureKind.TECHNICAL, 0),
        management_measures=kinds.get(MeasureKind.MANAGEMENT, 0),
        expected_savings_tce=totals["tce"] or ZERO,
        investment_wan=totals["investment"] or ZERO,
        expected_savings_wan_yuan=totals["wan"] or ZERO,
        co2_reduction_t=totals["co2"] or ZERO,
        follow_up=_follow_up(campaign, organizer),
        cases=_cases(reports),
        dated=narrative.dated,
        benchmarking=benchmarking_summary(campaign, organizer),
        organizer_parts=parts,
        **narrative.texts,
    )


def summary_version(campaign: Campaign, organizer: Organizer | None = None) -> str:
    """Changes whenever a figure or the narrative could: reports, measures, follow-ups, text."""
    reports = accepted_reports(campaign, organizer).aggregate(
        n=Count("id"), at=Max("updated_at"), task_at=Max("task__updated_at")
    )
    follow_ups = FollowUp.objects.filter(task__campaign=campaign)
    measures = Measure.objects.filter(
        Q(report__task__campaign=campaign) | Q(follow_ups__task__campaign=campaign)
    )
    if organizer is not None:
        follow_ups = follow_ups.filter(task__organizer=organizer)
        measures = measures.filter(
            Q(report__task__organizer=organizer) | Q(follow_ups__task__organizer=organizer)
        )
    texts = SummaryContent.objects.filter(submission__campaign=campaign)
    if organizer is not None:
        texts = texts.filter(submission__organizer=organizer)
    parts = (
        reports["n"],
        reports["at"],
        reports["task_at"],
        *follow_ups.aggregate(n=Count("id"), at=Max("updated_at")).values(),
        *measures.aggregate(n=Count("id"), at=Max("updated_at")).values(),
        *texts.aggregate(
            v=Sum("version"), at=Max("updated_at"), s=Max("submission__updated_at")
        ).values(),
    )
    return "|".join(str(part) for part in parts)


def summary_pending_count(campaign: Campaign, organizer: Organizer | None = None) -> int:
    """Reports submitted but not accepted yet: not in the figures until the organizer accepts."""
    tasks = DiagnosisTask.objects.filter(
        campaign=campaign, state__in=(TaskState.REPORTED, TaskState.RETURNED)
    )
    return (tasks if organizer is None else tasks.filter(organizer=organizer)).count()
