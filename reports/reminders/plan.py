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
from portal.obligations import extensions_for, owes
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


def _acceptance_reminders(
    campaign, milestone: Milestone, stage, today, links, staff
) -> list[Reminder]:
    published = (TaskState.PUBLISHED, TaskState.REPORTED, TaskState.RETURNED)
    waiting = dict(
        DiagnosisTask.objects.filter(campaign=campaign, state__in=published)
        .values("organizer_id")
        .annotate(n=Count("id"))
        .values_list("organizer_id", "n")
    )
    out = []
    for organizer_id, users in staff.items():
        if waiting.get(organizer_id):
            title, body = acceptance_message(milestone, stage, today, waiting[organizer_id])
            out += [
                Reminder(u.pk, u.email, campaign.pk, ACCEPTANCE, stage, title, body, links["tasks"])
                for u in users
            ]
    return out


def _agency_reminders(campaign, due: DueDate, stage, today, links) -> list[Reminder]:
    """Agencies with reports outstanding: published tasks without one, or sent back."""
    outstanding = dict(
        DiagnosisTask.objects.filter(campaign=campaign)
        .filter(Q(state=TaskState.PUBLISHED) | Q(state=TaskState.RETURNED))
        .values("agency_id")
        .annotate(n=Count("id"))
        .values_list("agency_id", "n")
    )
    out = []
    for agency_id, users in _staff(Role.AGENCY, "agency_id").items():
        if outstanding.get(agency_id):
            title, body = agency_message(due, stage, today, outstanding[agency_id])
            out += [
                Reminder(
                    u.pk, u.email, campaign.pk, AGENCY_MILESTONE, stage, title, body, links["tasks"]
                )
                for u in users
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
    acceptance = next(m for m in milestones if m.key == ACCEPTANCE)
    if stages[ACCEPTANCE]:
        out += _acceptance_reminders(campaign, acceptance, stages[ACCEPTANCE], today, links, staff)
        out += _agency_reminders(campaign, acceptance.due, stages[ACCEPTANCE], today, links)
    return out
