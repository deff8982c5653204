"""The bulk inserts behind bench/fixtures.py: deterministic rows, a few statements per table."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from agencies.models import Agency, Recommendation
from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask, Enterprise, TaskEvent
from portal.validators import credit_check_character
from provinces.choices import SubmissionState
from provinces.models import PlanContent, Submission
from reports.models import Acceptance, DiagnosisReport, Feedback

BATCH = 2000
AGENCIES_PER_ORGANIZER = 10
ENTERPRISE_PREFIX = "基准企业"
AGENCY_PREFIX = "基准机构"
SHANGHAI = ZoneInfo("Asia/Shanghai")
# One in ten tasks in each state but accepted (three in ten): every state, mostly done.
STATES = [
    TaskState.MATCHED,
    TaskState.LETTER_SIGNED,
    TaskState.PUBLISHED,
    TaskState.PUBLISHED,
    TaskState.REPORTED,
    TaskState.REPORTED,
    TaskState.RETURNED,
    TaskState.ACCEPTED,
    TaskState.ACCEPTED,
    TaskState.ACCEPTED,
]
TYPES = list(DiagnosisType.values)
INDUSTRIES = ["C31", "C32", "C25", "C26", "C30", "C17", "C22", "C29", "C33", "C38"]
REPORTED = {TaskState.REPORTED, TaskState.RETURNED, TaskState.ACCEPTED}
PUBLISHED = REPORTED | {TaskState.PUBLISHED}


def _code(organizer, kind: str, n: int) -> str:
    division = organizer.code if organizer.code.isdigit() else "110000"
    body = f"91{division}{kind}{n:08d}"
    return body + credit_check_character(body)


def _existing(model, prefix: str) -> dict[str, int]:
    """name → id of the bench rows already there (by prefix: no huge IN list)."""
    return dict(model.objects.filter(name__startswith=prefix).values_list("name", "id"))


def ensure_agencies(organizers) -> dict[int, list[int]]:
    """Ten agencies per organizer (created once); organizer id → agency ids."""
    wanted = {
        (o, i): f"{AGENCY_PREFIX}{o.code}-{i:02d}"
        for o in organizers
        for i in range(AGENCIES_PER_ORGANIZER)
    }
    existing = _existing(Agency, AGENCY_PREFIX)
    Agency.objects.bulk_create(
        [
            Agency(
                name=name,
                credit_code=_code(o, "A", o.pk * 100 + i),
                nature="节能服务公司",
                location="基准市",
            )
            for (o, i), name in wanted.items()
            if name not in existing
        ],
        batch_size=BATCH,
    )
    ids = _existing(Agency, AGENCY_PREFIX)
    return {o.pk: [ids[wanted[(o, i)]] for i in range(AGENCIES_PER_ORGANIZER)] for o in organizers}


def enterprise_name(organizer, i: int) -> str:
    return f"{ENTERPRISE_PREFIX}{organizer.code}-{i:04d}"


def ensure_enterprises(organizers, n: int) -> dict[int, list[int]]:
    """n enterprises per organizer, diagnosed again in every campaign; organizer id → ids."""
    wanted = {(o, i): enterprise_name(o, i) for o in organizers for i in range(n)}
    existing = _existing(Enterprise, ENTERPRISE_PREFIX)
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                name=name,
                credit_code=_code(o, "B", o.pk * 10000 + i),
                province_code=o.code if o.code.isdigit() else "",
                city="基准市",
                industry_id=INDUSTRIES[i % len(INDUSTRIES)],
                energy_tce=Decimal(6000 + i),
            )
            for (o, i), name in wanted.items()
            if name not in existing
        ],
        batch_size=BATCH,
    )
    ids = _existing(Enterprise, ENTERPRISE_PREFIX)
    return {o.pk: [ids[wanted[(o, i)]] for i in range(n)] for o in organizers}


def clear_campaign(campaign) -> None:
    """Remove the bench rows of one campaign (children first: reports protect their tasks)."""
    tasks = DiagnosisTask.objects.filter(
        campaign=campaign, enterprise__name__startswith=ENTERPRISE_PREFIX
    )
    Feedback.objects.filter(report__task__in=tasks).delete()
    Acceptance.objects.filter(report__task__in=tasks).delete()
    DiagnosisReport.objects.filter(task__in=tasks).delete()
    tasks.delete()
    Recommendation.objects.filter(
        campaign=campaign, agency__name__startswith=AGENCY_PREFIX
    ).delete()


def _at(day: dt.date, days: int) -> dt.datetime:
    moment = dt.datetime.combine(day + dt.timedelta(days=days), dt.time(10))
    return moment.replace(tzinfo=SHANGHAI)


def _submissions(campaign, organizers) -> None:
    """Per organizer a mix of states: none, draft, on time, late, returned, approved.

    Only missing submissions are added (ignore_conflicts), so an organizer's real ones stay.
    """
    rows = []
    for index, organizer in enumerate(organizers):
        for form in (1, 2, 3, 4):
            variant = (index + form) % 7
            if variant == 0:
                continue
            due = campaign.due_date(form)
            sub = Submission(organizer=organizer, campaign=campaign, form=form)
            if variant >= 2:
                sub.submitted_at, sub.is_late = _at(due, 3 if variant == 3 else -2), variant == 3
                sub.state = {
                    4: SubmissionState.RETURNED,
                    5: SubmissionState.APPROVED,
                    6: SubmissionState.APPROVED,
                }.get(variant, SubmissionState.SUBMITTED)
            rows.append(sub)
    Submission.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    sent = Submission.objects.filter(
        campaign=campaign, form=1, submitted_at__isnull=False, plan__isnull=True
    )
    PlanContent.objects.bulk_create(
        [
            PlanContent(
                submission=sub,
                key_industry=120,
                sme=60,
                key_equipment=40,
                regional=20,
                follow_up=10,
                agencies_planned=10,
            )
            for sub in sent
        ],
        batch_size=BATCH,
    )


def _tasks(campaign, organizers, agencies, enterprises, n) -> list[DiagnosisTask]:
    tasks = []
    for organizer in organizers:
        for i in range(n):
            kind = TYPES[i % len(TYPES)]
            tasks.append(
                DiagnosisTask(
                    campaign=campaign,
                    organizer=organizer,
                    seq=i + 1,
                    enterprise_id=enterprises[organizer.pk][i],
                    enterprise_name=enterprise_name(organizer, i),
                    agency_id=agencies[organizer.pk][i % AGENCIES_PER_ORGANIZER],
                    diagnosis_type=kind,
                    industry_id=INDUSTRIES[i % len(INDUSTRIES)],
                    energy_tce=Decimal(6000 + i),
                    city="基准市",
                    state=STATES[i % len(STATES)],
                    remarks="基准工业园区" if kind == DiagnosisType.REGIONAL else "",
                    published_at=_at(campaign.intent_due, 30)
                    if STATES[i % 10] in PUBLISHED
                    else None,
                )
            )
    return DiagnosisTask.objects.bulk_create(tasks, batch_size=BATCH)


def _reviews(campaign, tasks, user) -> None:
    """Reports with savings, returns, ratings and acceptance events (a few after the due date)."""
    reported = [t for t in tasks if t.state in REPORTED]
    reports = DiagnosisReport.objects.bulk_create(
        [
            DiagnosisReport(
                task=t,
                submitted_at=_at(campaign.summary_due, -40),
                is_late=t.seq % 4 == 0,
                savings_tce=Decimal(100 + t.seq % 50),
                savings_wan=Decimal(30 + t.seq % 20),
                co2_t=Decimal(266 + t.seq % 50),
                investment_wan=Decimal(200 + t.seq % 80),
                measure_count=3,
            )
            for t in reported
        ],
        batch_size=BATCH,
    )
    by_task = {r.task_id: r for r in reports}
    Acceptance.objects.bulk_create(
        [
            Acceptance(
                report=by_task[t.pk], decision="return", comment="请补充数据", decided_by=user
            )
            for t in reported
            if t.state == TaskState.RETURNED
        ],
        batch_size=BATCH,
    )
    accepted = [t for t in reported if t.state == TaskState.ACCEPTED]
    Feedback.objects.bulk_create(
        [Feedback(report=by_task[t.pk], rating=3 + t.seq % 3, recorded_by=user) for t in accepted],
        batch_size=BATCH,
    )
    TaskEvent.objects.bulk_create(
        [
            TaskEvent(task=t, action="accept", from_state="reported", to_state="accepted")
            for t in accepted
        ],
        batch_size=BATCH,
    )
    events = TaskEvent.objects.filter(
        task__campaign=campaign,
        action="accept",
        task__enterprise__name__startswith=ENTERPRISE_PREFIX,
    )
    events.update(created_at=_at(campaign.summary_due, -10))
    late = [t.pk for t in accepted if t.seq % 9 == 0]
    events.filter(task_id__in=late).update(created_at=_at(campaign.summary_due, 5))


def insert_campaign(campaign, organizers, agencies, enterprises, n, user) -> None:
    Recommendation.objects.bulk_create(
        [
            Recommendation(
                campaign=campaign,
                organizer=o,
                agency_id=a,
                seq=i + 1,
                nature="节能服务公司",
                location="基准市",
                planned_enterprises=n // AGENCIES_PER_ORGANIZER,
            )
            for o in organizers
            for i, a in enumerate(agencies[o.pk])
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    _submissions(campaign, organizers)
    tasks = _tasks(campaign, organizers, agencies, enterprises, n)
    _reviews(campaign, tasks, user)
