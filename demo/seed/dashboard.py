"""Demo data of the deadline dashboard: more organizers' 2021 forms in every state, and notices.

The organizers the task demo works with (Hebei, Shandong, Jiangsu, Guangdong, the steel
association) keep their own submissions; a dozen other provinces, planning cities and the
associations get forms submitted on time, late, returned, approved or left as drafts, so the
matrix shows every state. The reminders of 2021-05-24 (7 working days before 附件1/2) are
delivered as in-portal notices, without e-mail. Deterministic and idempotent.
"""

import datetime as dt
from typing import Any, Literal
from zoneinfo import ZoneInfo

from portal.models import Campaign
from provinces.choices import SubmissionState
from provinces.models import Organizer, PlanContent, Submission
from reports.reminders.delivery import reminders_deliver
from reports.reminders.plan import reminders_due
from reports.reminders.services import reminder_links

SHANGHAI = ZoneInfo("Asia/Shanghai")
KEEP = {"130000", "370000", "320000", "440000", "ASSOC-CISA"}
# (days after the due date it was submitted, state), "draft" or None (no form), for forms 1–4.
Pattern = tuple[int, str] | Literal["draft"] | None
PATTERNS: list[list[Pattern]] = [
    [(-3, "approved"), (-3, "approved"), (-1, "submitted"), None],
    [(-5, "approved"), (2, "submitted"), (4, "returned"), None],
    [(-1, "submitted"), None, None, None],
    [(1, "approved"), (1, "approved"), (-2, "approved"), (-1, "submitted")],
    ["draft", "draft", None, None],
    [(-2, "returned"), (-2, "submitted"), None, None],
]


def _moment(due: dt.date, days: int) -> dt.datetime:
    return dt.datetime.combine(due + dt.timedelta(days=days), dt.time(16), tzinfo=SHANGHAI)


def _submission(organizer: Organizer, campaign: Campaign, form: int, pattern: Pattern) -> None:
    if pattern is None:
        return
    defaults: dict[str, Any] = {"state": SubmissionState.DRAFT}
    if pattern != "draft":
        days, state = pattern
        submitted = _moment(campaign.due_date(form), days)
        defaults = {
            "state": state,
            "submitted_at": submitted,
            "is_late": days > 0,
            "approved_at": submitted + dt.timedelta(days=3) if state == "approved" else None,
            "last_comment": "请补充联系人信息" if state == "returned" else "",
        }
    submission, created = Submission.objects.get_or_create(
        organizer=organizer, campaign=campaign, form=form, defaults=defaults
    )
    if created and form == 1 and submission.submitted_at:
        PlanContent.objects.create(
            submission=submission,
            key_industry=120,
            sme=60,
            key_equipment=20,
            regional=10,
            follow_up=10,
            agencies_planned=8,
            contact_name="联系人",
        )


def seed_dashboard(campaigns: dict[int, Campaign]) -> None:
    campaign = campaigns[2021]
    organizers = Organizer.objects.exclude(code__in=KEEP).order_by("sort_order", "code")[:18]
    for index, organizer in enumerate(organizers):
        for form, pattern in enumerate(PATTERNS[index % len(PATTERNS)], start=1):
            _submission(organizer, campaign, form, pattern)
    reminders = reminders_due(campaign, dt.date(2021, 5, 24), reminder_links())
    reminders_deliver(reminders, email=False)
