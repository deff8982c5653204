"""A campaign in progress, relative to the day `seed_demo` runs: deadlines in the future and the
demo logins at different steps, so every step can be tried on any date.

The live year is the current calendar year (2022 at the earliest, so 2019–2021 stay the notice's
history untouched), copied from 2021 by the same service the ministry's page uses. Hebei has its
forms approved and its tasks published, with one report waiting for the demo enterprise's
confirmation and one waiting for acceptance; Shandong has its plan in draft, its 附件2 returned
with a comment and an intent list whose task letters are not signed; the steel association has
sent its (optional) plan. Deterministic and idempotent: a second run on any day changes nothing
(the deadlines are set when the year is created).
"""

import datetime as dt
import random

from django.utils import timezone

from agencies.models import Agency
from demo.seed.diagnosis import _report
from demo.seed.tasks import _letters_and_recommendations, _submissions, _tasks_for, _walk
from enterprises.choices import DiagnosisType, TaskState
from enterprises.models import DiagnosisTask, PublishedList
from enterprises.services import published_list_publish
from portal.models import Campaign, User
from reports.campaigns.services import campaign_create_by_copy
from reports.diagnosis.selectors.reference import GradingTables, energy_factors
from reports.models import DiagnosisReport, MeasureCategory

# Days from the seeding day to each deadline of the live year.
DUE_IN = {"plan_due": 21, "recommendation_due": 21, "intent_due": 45, "summary_due": 150}
FIRST_LIVE_YEAR = 2022
# The demo enterprise's live task: seq ≡ 4 (mod 5) leaves its report without feedback.
ENTERPRISE_SEQ = 104


def live_year(today: dt.date) -> int:
    return max(today.year, FIRST_LIVE_YEAR)


def _campaign(today: dt.date, source: Campaign, ministry: User) -> Campaign:
    year = live_year(today)
    existing = Campaign.objects.filter(year=year).first()
    if existing is not None:
        return existing
    deadlines = {name: today + dt.timedelta(days=days) for name, days in DUE_IN.items()}
    return campaign_create_by_copy(
        source_id=source.pk,
        year=year,
        name=f"{year}年工业节能诊断服务",
        notice_ref="演示年度（截止日期按运行日计算）",
        actor=ministry,
        **deadlines,
    )


def _enterprise_task(campaign, hebei, agency: Agency, actors) -> DiagnosisTask:
    """The demo enterprise, diagnosed again this year by the demo agency."""
    enterprise = User.objects.get(username="enterprise").enterprise
    earlier = DiagnosisTask.objects.filter(enterprise=enterprise).order_by("campaign__year").first()
    task, created = DiagnosisTask.objects.get_or_create(
        campaign=campaign,
        enterprise=enterprise,
        defaults={
            "organizer": hebei,
            "agency": agency,
            "diagnosis_type": earlier.diagnosis_type if earlier else DiagnosisType.KEY_INDUSTRY,
            "seq": ENTERPRISE_SEQ,
            "enterprise_name": enterprise.name,
            "city": earlier.city if earlier else "",
            "county": earlier.county if earlier else "",
            "industry": enterprise.industry,
            "energy_tce": enterprise.energy_tce,
            "is_sme": enterprise.is_sme,
            "sme_class": enterprise.sme_class,
            "state": TaskState.REPORTED,
            "published_at": timezone.now(),
        },
    )
    if created:
        _walk(task, TaskState.REPORTED, actors)
    return task


def _reports(tasks: list[DiagnosisTask], hebei_user: User, today: dt.date) -> None:
    people = {"organizer": hebei_user}
    factors, tables = energy_factors(), GradingTables()
    taxonomy = {c.code: c for c in MeasureCategory.objects.filter(level="measure")}
    for task in tasks:
        if task.state == TaskState.REPORTED and _report(task, people, factors, tables, taxonomy):
            # Handed in during the last days, not in the September the history years use.
            day = timezone.now() - dt.timedelta(days=2 + task.seq % 5)
            DiagnosisReport.objects.filter(task=task).update(submitted_at=day, file_uploaded_at=day)


def seed_live_year(campaigns, organizers, agencies: list[Agency]) -> Campaign:
    today = timezone.localdate()
    names = ["ministry", "hebei", "shandong", "cisa"]
    staff = {u.username: u for u in User.objects.filter(username__in=names)}
    campaign = _campaign(today, campaigns[2021], staff["ministry"])
    rng = random.Random(campaign.year)  # noqa: S311  (demo data)
    hebei, shandong = organizers["130000"], organizers["370000"]
    hebei_actors = {"ministry": staff["ministry"], "organizer": staff["hebei"]}
    states = [TaskState.PUBLISHED, TaskState.REPORTED, TaskState.PUBLISHED, TaskState.REPORTED]
    tasks = _tasks_for(campaign, hebei, 8, states, agencies, hebei_actors, rng, offset=7000)
    tasks.append(_enterprise_task(campaign, hebei, agencies[0], hebei_actors))
    _letters_and_recommendations(campaign, hebei, tasks, hebei_actors)
    _submissions(campaign, hebei, {1: "approved", 2: "approved", 3: "approved"}, hebei_actors)
    _reports(tasks, staff["hebei"], today)
    shandong_actors = {"ministry": staff["ministry"], "organizer": staff["shandong"]}
    waiting = _tasks_for(
        campaign, shandong, 6, [TaskState.MATCHED], agencies, shandong_actors, rng, offset=8000
    )
    _letters_and_recommendations(campaign, shandong, waiting, shandong_actors)
    _submissions(campaign, shandong, {1: "draft", 2: "returned", 3: "draft"}, shandong_actors)
    cisa_actors = {"ministry": staff["ministry"], "organizer": staff["cisa"]}
    _submissions(campaign, organizers["ASSOC-CISA"], {1: "submitted"}, cisa_actors)
    if not PublishedList.objects.filter(campaign=campaign).exists():
        published_list_publish(
            campaign=campaign,
            actor=staff["ministry"],
            note=f"{campaign.year}年度接受节能诊断服务企业名单（第一批）",
        )
    return campaign
