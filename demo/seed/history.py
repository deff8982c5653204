"""The history years' task calendar: the demo's 2019–2021 letters, publications, task moves and
decisions dated in their own year, not on the day `seed_demo` ran.

The services stamp what they record with the moment they run; for a year of the notice that
would put a 2021 task's 任务书 signature, publication and acceptance in the seeding year. Here
each is dated from the campaign's deadlines and the report's own dates: letters signed twelve
days before 附件3 is due (the intent list needs them signed), tasks published a month after it,
the report's submission and acceptance as demo.seed.diagnosis dates them, a return ten days
after the submission; all on working days. Deterministic: a second run writes the same dates.
"""

import datetime as dt

from demo.seed.base import office_hours
from enterprises.models import DiagnosisTask, PublishedList, TaskEvent, TaskLetter
from portal.models import Campaign
from reports.models import Acceptance, DiagnosisReport

HISTORY_YEARS = (2019, 2020, 2021)
LETTERS_BEFORE_INTENT = dt.timedelta(days=12)
PUBLISHED_AFTER_INTENT = dt.timedelta(days=30)
RETURNED_AFTER = dt.timedelta(days=10)
BATCH = 500


def _signed(campaign: Campaign) -> dt.datetime:
    return office_hours(campaign.intent_due - LETTERS_BEFORE_INTENT)


def _published(campaign: Campaign) -> dt.datetime:
    return office_hours(campaign.intent_due + PUBLISHED_AFTER_INTENT, later=True)


def _event_dates(task: DiagnosisTask, report: DiagnosisReport | None) -> dict[str, dt.datetime]:
    dates = {"sign_letter": _signed(task.campaign), "publish": _published(task.campaign)}
    if report is not None and report.submitted_at is not None:
        dates["submit_report"] = report.submitted_at
        dates["return_report"] = office_hours(
            report.submitted_at.date() + RETURNED_AFTER, later=True
        )
        if report.accepted_at is not None:
            dates["accept"] = report.accepted_at
    return dates


def seed_history_dates() -> None:
    campaigns = Campaign.objects.filter(year__in=HISTORY_YEARS)
    for campaign in campaigns:
        TaskLetter.objects.filter(campaign=campaign, signed_at__isnull=False).update(
            signed_at=_signed(campaign)
        )
        TaskLetter.objects.filter(campaign=campaign, issued_at__isnull=False).update(
            issued_at=_signed(campaign)
        )
        DiagnosisTask.objects.filter(campaign=campaign, published_at__isnull=False).update(
            published_at=_published(campaign)
        )
        PublishedList.objects.filter(campaign=campaign).update(published_at=_published(campaign))
    reports = {r.task_id: r for r in DiagnosisReport.objects.filter(task__campaign__in=campaigns)}
    tasks = DiagnosisTask.objects.filter(campaign__in=campaigns).select_related("campaign")
    dates = {task.pk: _event_dates(task, reports.get(task.pk)) for task in tasks}
    # One UPDATE per batch instead of one per task and action (and per decision): the same
    # moments on the same rows.
    events = []
    for event in TaskEvent.objects.filter(task__campaign__in=campaigns).only("task", "action"):
        moment = dates[event.task_id].get(event.action)
        if moment is not None:
            event.created_at = moment
            events.append(event)
    TaskEvent.objects.bulk_update(events, ["created_at"], batch_size=BATCH)
    decided = {}
    for task_id, report in reports.items():
        when = dates[task_id].get("accept") or dates[task_id].get("return_report")
        if when is not None:
            decided[report.pk] = when
    acceptances = list(Acceptance.objects.filter(report__in=list(decided)).only("report"))
    for acceptance in acceptances:
        acceptance.created_at = decided[acceptance.report_id]
    Acceptance.objects.bulk_update(acceptances, ["created_at"], batch_size=BATCH)
