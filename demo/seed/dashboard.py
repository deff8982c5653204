"""Demo data of the deadline dashboard: more organizers' 2021 forms in every state, and notices.

The organizers the task demo works with (Hebei, Shandong, Jiangsu, Guangdong, the steel
association) keep their own submissions; a dozen other provinces, planning cities and the
associations get forms submitted on time, returned, approved or left as drafts, and one form
handed in two days late (LATE), so the matrix shows every state. Every date falls on a working
day of 2021. An organizer whose year's work is done has written its 附件4 and handed it in
through the submission flow, so the national 附件4 gathers its text. The reminders of
2021-05-24 (7 working days before 附件1/2) are delivered as in-portal notices, without e-mail.
Deterministic and idempotent.
"""

import datetime as dt
from typing import Any, Literal

from demo.seed.base import office_hours
from demo.seed.people import organizer_official
from portal.models import Campaign, User
from provinces.choices import Form, SubmissionState
from provinces.models import Organizer, PlanContent, Submission, SubmissionEvent, SummaryContent
from provinces.services import submission_get_or_create, submission_move
from reports.reminders.delivery import reminders_deliver
from reports.reminders.plan import reminders_due
from reports.reminders.services import reminder_links

KEEP = {"130000", "370000", "320000", "440000", "ASSOC-CISA"}
# (days after the due date it was submitted, state), "draft" or None (no form), for forms 1–4.
Pattern = tuple[int, str] | Literal["draft"] | None
PATTERNS: list[list[Pattern]] = [
    [(-3, "approved"), (-3, "approved"), (-1, "submitted"), None],
    [(-5, "approved"), (-2, "submitted"), (-4, "returned"), None],
    [(-1, "submitted"), None, None, None],
    [(-1, "approved"), (-1, "approved"), (-2, "approved"), (-1, "submitted")],
    ["draft", "draft", None, None],
    [(-2, "returned"), (-2, "submitted"), None, None],
]
# The one late form of the demo: (organizer's index here, form, days after its deadline).
LATE = (1, 2, 2)


# 附件4 of the organizers whose 2021 work is done ({name}: the organizer's name).
SUMMARY = {
    "work_done": (
        "{name}工业和信息化主管部门按照工业和信息化部办公厅通知要求，制定工作方案，"
        "遴选推荐节能诊断服务机构并签订任务书，组织服务机构按期完成诊断任务，"
        "对全部诊断报告按数量、质量、数据完整性和企业反馈开展了验收。"
    ),
    "results_commentary": "诊断发现的节能潜力主要集中在电机系统、压缩空气系统和余热余压利用。",
    "good_practices": "组织专家对诊断报告进行抽查和现场核验，对诊断建议实施情况开展跟踪服务。",
    "problems": "部分企业改造资金不足，诊断建议落地较慢；部分企业能源计量器具配备不全。",
    "next_steps": "建议加大对节能改造的财政和金融支持，持续开展跟踪服务。",
}


def _moment(due: dt.date, days: int) -> dt.datetime:
    """`days` after the deadline (before it when negative), on a working day."""
    return office_hours(due + dt.timedelta(days=days), later=days > 0)


def _answered(submitted: dt.datetime) -> dt.datetime:
    """The ministry's approval, three days after the form came in (a working day)."""
    return office_hours(submitted.date() + dt.timedelta(days=3), later=True)


def _summary(organizer: Organizer, campaign: Campaign, days: int, state: str) -> None:
    """附件4 of an organizer whose year's work is done: the narrative written, then handed in
    through the submission flow (and approved by the ministry when the pattern says so), dated
    on the programme's calendar like the other forms here."""
    submission = submission_get_or_create(organizer=organizer, campaign=campaign, form=Form.SUMMARY)
    SummaryContent.objects.get_or_create(
        submission=submission,
        defaults={name: text.format(name=organizer.name) for name, text in SUMMARY.items()},
    )
    if submission.state != SubmissionState.DRAFT:
        return
    submission_move(submission_id=submission.pk, move="submit", actor=organizer_official(organizer))
    submitted = _moment(campaign.summary_due, days)
    stamps: dict[str, Any] = {"submitted_at": submitted, "is_late": days > 0}
    if state == SubmissionState.APPROVED:
        ministry = User.objects.get(username="ministry")
        submission_move(submission_id=submission.pk, move="approve", actor=ministry)
        stamps["approved_at"] = _answered(submitted)
    Submission.objects.filter(pk=submission.pk).update(**stamps)
    SubmissionEvent.objects.filter(submission=submission, action="submit").update(
        created_at=submitted
    )
    SubmissionEvent.objects.filter(submission=submission, action="approve").update(
        created_at=_answered(submitted)
    )


def _submission(organizer: Organizer, campaign: Campaign, form: int, pattern: Pattern) -> None:
    if pattern is None:
        return
    if form == Form.SUMMARY and pattern != "draft":
        _summary(organizer, campaign, *pattern)
        return
    defaults: dict[str, Any] = {"state": SubmissionState.DRAFT}
    if pattern != "draft":
        days, state = pattern
        submitted = _moment(campaign.due_date(form), days)
        defaults = {
            "state": state,
            "submitted_at": submitted,
            "is_late": days > 0,
            "approved_at": _answered(submitted) if state == "approved" else None,
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
            completion_date=campaign.summary_due - dt.timedelta(days=15),
            contact_name="联系人",
        )


def seed_dashboard(campaigns: dict[int, Campaign]) -> None:
    campaign = campaigns[2021]
    organizers = Organizer.objects.exclude(code__in=KEEP).order_by("sort_order", "code")[:18]
    for index, organizer in enumerate(organizers):
        for form, pattern in enumerate(PATTERNS[index % len(PATTERNS)], start=1):
            if (index, form) == LATE[:2] and isinstance(pattern, tuple):
                pattern = (LATE[2], pattern[1])
            _submission(organizer, campaign, form, pattern)
    reminders = reminders_due(campaign, dt.date(2021, 5, 24), reminder_links())
    reminders_deliver(reminders, email=False)
