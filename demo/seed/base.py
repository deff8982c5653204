"""Campaigns and the non-regional organizers of the demo."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from portal.calendar import is_working_day, next_working_day
from portal.choices import CampaignState
from portal.models import Campaign
from provinces.choices import OrganizerKind
from provinces.models import Organizer

# 2021 deadlines from the notice (工信厅节函〔2021〕121号); 2019 and 2020 from their notices' pattern.
CAMPAIGNS = [
    (
        2019,
        "2019年工业节能诊断服务",
        "工信厅节函〔2019〕101号",
        ("2019-05-31", "2019-05-31", "2019-06-20", "2019-11-30"),
        Decimal("0.3060"),
    ),
    (
        2020,
        "2020年工业节能诊断服务",
        "工信厅节函〔2020〕96号",
        ("2020-05-31", "2020-05-31", "2020-06-30", "2020-11-30"),
        Decimal("0.3050"),
    ),
    (
        2021,
        "2021年工业节能诊断服务",
        "工信厅节函〔2021〕121号",
        ("2021-05-31", "2021-05-31", "2021-06-15", "2021-11-15"),
        Decimal("0.3050"),
    ),
]

EXTRA_ORGANIZERS = [
    ("ASSOC-CISA", "中国钢铁工业协会", OrganizerKind.ASSOCIATION),
    ("ASSOC-CNIA", "中国有色金属工业协会", OrganizerKind.ASSOCIATION),
    ("ASSOC-CPCIF", "中国石油和化学工业联合会", OrganizerKind.ASSOCIATION),
    ("ASSOC-CBMF", "中国建筑材料联合会", OrganizerKind.ASSOCIATION),
    ("GROUP-BAOWU", "中国宝武钢铁集团有限公司", OrganizerKind.GROUP),
    ("GROUP-SINOPEC", "中国石油化工集团有限公司", OrganizerKind.GROUP),
    ("GROUP-CNBM", "中国建材集团有限公司", OrganizerKind.GROUP),
]


SHANGHAI = ZoneInfo("Asia/Shanghai")


def office_hours(day: dt.date, *, later: bool = False) -> dt.datetime:
    """4 p.m. Beijing time on `day`, or on the working day before it (after it, when
    `later`): a dated form or decision of the demo falls on a day the offices work."""
    if later:
        day = next_working_day(day)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return dt.datetime.combine(day, dt.time(16), tzinfo=SHANGHAI)


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# 2019 and 2020 are history (closed, as the portal/0003 migration closes them); 2021 is open.
LAST_CLOSED_YEAR = 2020


def seed_campaigns() -> dict[int, Campaign]:
    campaigns = {}
    for year, name, ref, (plan, rec, intent, summary), factor in CAMPAIGNS:
        campaigns[year], _ = Campaign.objects.get_or_create(
            year=year,
            defaults={
                "name": name,
                "notice_ref": ref,
                "plan_due": _date(plan),
                "recommendation_due": _date(rec),
                "intent_due": _date(intent),
                "summary_due": _date(summary),
                "electricity_equivalent_factor": factor,
                "reminder_days": [7, 1],
                "state": CampaignState.CLOSED if year <= LAST_CLOSED_YEAR else CampaignState.OPEN,
            },
        )
    return campaigns


def seed_organizers() -> dict[str, Organizer]:
    for order, (code, name, kind) in enumerate(EXTRA_ORGANIZERS, start=100):
        Organizer.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "sort_order": order}
        )
    return {o.code: o for o in Organizer.objects.all()}
