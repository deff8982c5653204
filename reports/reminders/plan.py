"""Who is to be reminded of what today: organizers of forms and acceptance, agencies of reports.

A fixed number of queries per campaign (organizers' submissions, their staff, task counts per
organizer and per agency, agency staff), whatever the number of organizers.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Count, Q

from enterprises.choices import TaskState
from enterprises.models import DiagnosisTask
from portal.calendar import DueDate, effective_due
from portal.choices import Role
from portal.models import Campaign, User
from portal.obligations import REPORT_FORM, extensions_for, owes, report_due_for
from provinces.choices import SubmissionState
from provinces.models import Organizer, Submission
from reports.dashboard.selectors.milestones import ACCEPTANCE, Milestone, milestones_for

from .messages import acceptance_message, agency_message, form_message
from .stages import stage_today

HANDED_IN = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)
AGENCY_MILESTONE = "reports"


@dataclass(frozen=True)
class Reminder:
    """One reminder for one person; (recipient, campaign, milestone, stage, key) is unique."""

    recipient_id: int
    email: str
    campaign_id: int
    milestone: str
    stage: str
    title: str
    body: str
    url: str = ""
    object_key: str = ""

    @property
    def key(self) -> tuple:
        return (self.recipient_id, self.campaign_id, self.milestone, self.stage, self.object_key)


def _staff(role: str, field: str) -> dict[int, list[User]]:
    """Active users of `role` by their organizer or agency id."""
    people = defaultdict(list)
    users = User.objects.filter(role=role, is_active=True).only("id", "email", field)
    for user in users:
        people[getattr(user, field)].append(user)
    return people


def _handed_in(campaign: Campaign) -> set[tuple[int, int]]:
    rows = Submission.objects.filter(campaign=campaign, state__in=HANDED_IN)
    return set(rows.values_list("organizer_id", "form"))


def _form_stage(
    campaign, m: Milestone, organizer_id: int, setup: dict
) -> tuple[str | None, Milestone]:
    """The organizer's stage of a form today: none for a form its kind does not owe, and
    counted from its extension when the ministry granted one."""
    kind = setup["kinds"].get(organizer_id)
    if kind is None or m.form is None or not owes(campaign, kind, m.form):
        return None, m
    extended = setup["extensions"].get((organizer_id, m.form))
    if extended is None:
        return setup["stages"][m.key], m
    own = replace(m, due=effective_due(extended))
    return stage_today(own.due, setup["today"], campaign.reminder_days or []), own


def _form_reminders(campaign, milestones, setup, links, staff) -> list[Reminder]:
    handed_in = _handed_in(campaign)
    today = setup["today"]
    out = []
    for organizer_id, users in staff.items():
        for m in milestones:
            if m.form is None or (organizer_id, m.form) in handed_in:
                continue
            stage, own = _form_stage(campaign, m, organizer_id, setup)
            if stage is None:
                continue
            title, body = form_message(own, stage, today)
            out += [
                Reminder(u.pk, u.email, campaign.pk, m.key, stage, title, body, links["forms"])
                for u in users
            ]
    return out


def _acceptance_due(campaign, organizer_id: int, setup: dict) -> DueDate:
    """The organizer's acceptance deadline: its 附件4's, moved by an extension of it."""
    return effective_due(report_due_for(campaign, organizer_id, setup["extensions"]))


def _acceptance_reminders(campaign, milestone: Milestone, setup, links, staff) -> list[Reminder]:
    published = (TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED)
    waiting = dict(
        DiagnosisTask.objects.filter(campaign=campaign, state__in=published)
        .values("organizer_id")
        .annotate(n=Count("id"))
        .values_list("organizer_id", "n")
    )
    today = setup["today"]
    out = []
    for organizer_id, users in staff.items():
        if not waiting.get(organizer_id):
            continue
        own = replace(milestone, due=_acceptance_due(campaign, organizer_id, setup))
        stage = stage_today(own.due, today, campaign.reminder_days or [])
        if stage is None:
            continue
        title, body = acceptance_message(own, stage, today, waiting[organizer_id])
        out += [
            Reminder(u.pk, u.email, campaign.pk, ACCEPTANCE, stage, title, body, links["tasks"])
            for u in users
        ]
    return out


def _agency_reminders(campaign, setup, links) -> list[Reminder]:
    """Agencies with reports outstanding: published tasks without one, or sent back. Each
    task's report is due with its organizer's 附件4: the tasks of an organizer whose 附件4 was
    extended are reminded of on their own days (a reminder keyed by that organizer)."""
    outstanding = (
        DiagnosisTask.objects.filter(campaign=campaign)
        .filter(Q(state=TaskState.PUBLISHED) | Q(state=TaskState.RETURNED))
        .values("agency_id", "organizer_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "organizer_id", "n")
    )
    extended = {organizer_id for organizer_id, form in setup["extensions"] if form == REPORT_FORM}
    groups: dict[tuple[int, str], int] = defaultdict(int)
    dues: dict[str, DueDate] = {}
    for agency_id, organizer_id, n in outstanding:
        key = f"organizer:{organizer_id}" if organizer_id in extended else ""
        groups[agency_id, key] += n
        dues[key] = _acceptance_due(campaign, organizer_id, setup)
    today, days = setup["today"], campaign.reminder_days or []
    stages = {key: stage_today(due, today, days) for key, due in dues.items()}
    staff = _staff(Role.AGENCY, "agency_id")
    out = []
    for (agency_id, key), n in groups.items():
        stage = stages[key]
        if stage is None:
            continue
        title, body = agency_message(dues[key], stage, today, n)
        out += [
            Reminder(
                u.pk,
                u.email,
                campaign.pk,
                AGENCY_MILESTONE,
                stage,
                title,
                body,
                links["tasks"],
                key,
            )
            for u in staff.get(agency_id, [])
        ]
    return out


def reminders_due(campaign: Campaign, today: dt.date, links: dict[str, str]) -> list[Reminder]:
    """Every reminder of `campaign` whose stage is reached today (sent or not)."""
    milestones = milestones_for(campaign)
    days = campaign.reminder_days or []
    stages = {m.key: stage_today(m.due, today, days) for m in milestones}
    extensions = extensions_for(campaign)
    if not any(stages.values()) and not extensions:
        return []
    staff = _staff(Role.ORGANIZER, "organizer_id")
    kinds = dict(Organizer.objects.filter(pk__in=list(staff)).values_list("pk", "kind"))
    setup = {"stages": stages, "extensions": extensions, "kinds": kinds, "today": today}
    out = _form_reminders(campaign, milestones, setup, links, staff)
    if stages[ACCEPTANCE] or any(form == REPORT_FORM for _, form in extensions):
        acceptance = next(m for m in milestones if m.key == ACCEPTANCE)
        out += _acceptance_reminders(campaign, acceptance, setup, links, staff)
        out += _agency_reminders(campaign, setup, links)
    return out
