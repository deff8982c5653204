"""National-scale data for the bench modules, built fast with bulk inserts.

`build_national(tasks_per_organizer=300, campaigns=(2019, 2020, 2021))` gives the 37 provincial
organizers (loaded by migrations) plus 10 associations and 10 groups each `tasks_per_organizer`
tasks per campaign, in every task state, with submissions in every state, plans,
recommendations, reports with savings, returns, feedback and acceptance events. It is
idempotent: a campaign that already holds exactly that many bench tasks is left alone; one that
holds another number (an interrupted or differently sized build) is cleared and built again.
Bench rows are recognised by their names (基准…) so demo or test data in the same database is
never touched.
"""

import datetime as dt

from django.db import transaction

from enterprises.models import DiagnosisTask
from portal.choices import Role
from portal.models import Campaign, User
from provinces.choices import OrganizerKind
from provinces.models import Organizer

from .fixtures_rows import (
    ENTERPRISE_PREFIX,
    clear_campaign,
    ensure_agencies,
    ensure_enterprises,
    insert_campaign,
)

EXTRA_ORGANIZERS = [
    (f"BENCH-A{i:02d}", f"基准行业协会{i:02d}", OrganizerKind.ASSOCIATION) for i in range(1, 11)
] + [(f"BENCH-G{i:02d}", f"基准企业集团{i:02d}", OrganizerKind.GROUP) for i in range(1, 11)]
BENCH_USER = "bench-ministry"


def _campaign(year: int) -> Campaign:
    campaign, _ = Campaign.objects.get_or_create(
        year=year,
        defaults={
            "name": f"{year}年工业节能诊断服务",
            "plan_due": dt.date(year, 5, 31),
            "recommendation_due": dt.date(year, 5, 31),
            "intent_due": dt.date(year, 6, 15),
            "summary_due": dt.date(year, 11, 15),
            "reminder_days": [7, 1],
        },
    )
    return campaign


def _organizers() -> list[Organizer]:
    for sort_order, (code, name, kind) in enumerate(EXTRA_ORGANIZERS, start=900):
        Organizer.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "sort_order": sort_order}
        )
    regional = {OrganizerKind.PROVINCE, OrganizerKind.PLANNING_CITY, OrganizerKind.CORPS}
    codes = [code for code, _, _ in EXTRA_ORGANIZERS]
    organizers = Organizer.objects.filter(is_active=True).order_by("sort_order", "code")
    return [o for o in organizers if o.kind in regional or o.code in codes]


def bench_user() -> User:
    """The ministry user the bench reads the dashboard as (and who recorded the reviews)."""
    user, _ = User.objects.get_or_create(
        username=BENCH_USER, defaults={"role": Role.MINISTRY, "full_name": "基准测试"}
    )
    return user


def _complete(campaign: Campaign, expected: int) -> bool:
    tasks = DiagnosisTask.objects.filter(
        campaign=campaign, enterprise__name__startswith=ENTERPRISE_PREFIX
    )
    return tasks.count() == expected


def build_national(
    tasks_per_organizer: int = 300, campaigns: tuple[int, ...] = (2019, 2020, 2021)
) -> dict:
    """Build (or keep) the national fixture; returns what it holds, for the bench's notes."""
    organizers = _organizers()
    user = bench_user()
    with transaction.atomic():
        agencies = ensure_agencies(organizers)
        enterprises = ensure_enterprises(organizers, tasks_per_organizer)
    built = []
    for year in campaigns:
        campaign = _campaign(year)
        if _complete(campaign, len(organizers) * tasks_per_organizer):
            continue
        with transaction.atomic():
            clear_campaign(campaign)
            insert_campaign(campaign, organizers, agencies, enterprises, tasks_per_organizer, user)
        built.append(year)
    return {
        "organizers": len(organizers),
        "tasks_per_organizer": tasks_per_organizer,
        "campaigns": list(campaigns),
        "built": built,
        "user": user,
    }
