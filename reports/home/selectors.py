"""What each role sees on its home page: the next things to do and their own deadlines.

Each role is shown the deadlines it answers for (SPEC §3, portal.obligations): an organizer its
forms and its acceptance of reports, each at its own due date (the ministry's extensions
included); an agency its reports, due with the 附件4 of the organizer whose task it is; the
ministry the organizers' deadlines as information (it reviews without a deadline) with how many
organizers are overdue; an enterprise no deadline at all (it confirms and rates when asked).
Something handed in shows when, against its deadline, marked late if it was.
"""

from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone

from agencies.models import Recommendation
from enterprises.choices import LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from portal.choices import Role
from portal.deadlines import Deadline, deadline
from portal.obligations import due_for, extensions_for, offered, owes, report_due_for
from portal.scoping import scope
from portal.selectors import campaign_current
from provinces.choices import Form, OrganizerKind, SubmissionState
from provinces.models import Organizer, Submission
from reports.models import DiagnosisReport

HANDED_IN = (SubmissionState.SUBMITTED, SubmissionState.APPROVED)
# Tasks whose report the agency still owes (never submitted, or sent back for changes).
REPORT_OPEN = (TaskState.PUBLISHED, TaskState.RETURNED)


def _task_counts(user, campaign) -> dict[str, int]:
    rows = (
        scope(DiagnosisTask.objects.filter(campaign=campaign), user)
        .values("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(TaskState.values, 0)
    counts.update({row["state"]: row["n"] for row in rows})
    return counts


def _task_count_rows(counts: dict[str, int]) -> list[dict]:
    return [
        {"state": s, "label": TaskState(s).label, "count": counts.get(s, 0)}
        for s in TaskState.values
    ]


def _open(campaign, label, due) -> Deadline | dict:
    """A countdown to `due`; in a closed year only the date (history, never overdue)."""
    if not campaign.is_open:
        return {"due": due, "days_left": None}
    return deadline(label, due)


def _form_deadline(campaign, form, due, submission, *, owed: bool) -> Deadline | dict:
    """Handed in: when, against the due date, late as the submit service stamped it. Open: a
    countdown, or for an optional form (e.g. an association's 附件1) just the date."""
    if submission is not None and submission.state in HANDED_IN and submission.submitted_at:
        return deadline(form.label, due, done_at=submission.submitted_at, late=submission.is_late)
    if not owed:
        return {"due": due, "days_left": None}
    return _open(campaign, form.label, due)


def _forms_for_organizer(user, campaign, extensions) -> list[dict]:
    """The forms the organizer's kind is asked for, each against its own due date."""
    existing = {
        s.form: s
        for s in Submission.objects.filter(organizer_id=user.organizer_id, campaign=campaign)
    }
    kind = user.organizer.kind
    rows = []
    for form in Form:
        if not offered(campaign, kind, form.value):
            continue
        submission = existing.get(form.value)
        due = due_for(campaign, user.organizer_id, form.value, extensions)
        rows.append(
            {
                "form": form,
                "submission": submission,
                "state": submission.state if submission else SubmissionState.DRAFT,
                "state_label": (
                    submission.get_state_display() if submission else SubmissionState.DRAFT.label
                ),
                "deadline": _form_deadline(
                    campaign, form, due, submission, owed=owes(campaign, kind, form.value)
                ),
            }
        )
    return rows


def _overdue_organizers(campaign, today) -> dict[int, int]:
    """Per form: active organizers that owe it, have not handed it in, and are past their own
    due date (extensions included). Three queries whatever the number of organizers."""
    organizers = list(Organizer.objects.filter(is_active=True).values_list("pk", "kind"))
    handed_in = set(
        Submission.objects.filter(campaign=campaign, state__in=HANDED_IN).values_list(
            "organizer_id", "form"
        )
    )
    extensions = extensions_for(campaign)
    overdue = dict.fromkeys(Form.values, 0)
    for form in Form:
        for organizer_id, kind in organizers:
            if not owes(campaign, kind, form.value) or (organizer_id, form.value) in handed_in:
                continue
            due = due_for(campaign, organizer_id, form.value, extensions)
            if deadline(form.label, due, today).is_overdue:
                overdue[form.value] += 1
    return overdue


def _ministry(user, campaign) -> dict:
    waiting = (
        Submission.objects.filter(campaign=campaign, state=SubmissionState.SUBMITTED)
        .values("form")
        .annotate(n=Count("id"))
        .order_by("form")
    )
    by_form = {row["form"]: row["n"] for row in waiting}
    overdue = _overdue_organizers(campaign, timezone.localdate())
    return {
        "review_rows": [
            {
                "form": f,
                "waiting": by_form.get(f.value, 0),
                # The organizers' date, as information: the ministry's review has none.
                "organizers_due": campaign.due_date(f.value),
                "overdue": overdue[f.value],
                # The card opens the queue on this form and year (the queue keeps it in the URL).
                "queue_query": f"?form={f.value}&year={campaign.year}",
            }
            for f in Form
        ],
        "waiting_total": sum(by_form.values()),
    }


def _acceptance(user, campaign, extensions) -> dict:
    """The organizer's acceptance of its tasks' reports, due with its 附件4."""
    tasks = DiagnosisTask.objects.filter(campaign=campaign, organizer_id=user.organizer_id)
    counts = tasks.aggregate(
        waiting=Count("id", filter=Q(state=TaskState.REPORTED)),
        open=Count("id", filter=Q(state__in=(*REPORT_OPEN, TaskState.REPORTED))),
        accepted=Count("id", filter=Q(state=TaskState.ACCEPTED)),
        last=Max("report__accepted_at"),
    )
    due = report_due_for(campaign, user.organizer_id, extensions)
    label = Form.SUMMARY.label
    if counts["open"] or not counts["accepted"]:
        chip = _open(campaign, label, due) if counts["open"] else None
    else:
        chip = deadline(label, due, done_at=counts["last"])
    return {"waiting": counts["waiting"], "deadline": chip}


def _organizer(user, campaign) -> dict:
    letters = TaskLetter.objects.filter(campaign=campaign, organizer_id=user.organizer_id)
    extensions = extensions_for(campaign)
    return {
        "form_rows": _forms_for_organizer(user, campaign, extensions),
        "acceptance": _acceptance(user, campaign, extensions),
        "recommended": Recommendation.objects.filter(
            campaign=campaign, organizer_id=user.organizer_id
        ).count(),
        # Organizers whose kind signs no letters (associations, groups) are not nagged.
        "letters_unsigned": letters.filter(state=LetterState.DRAFT).count()
        if campaign.signs_letters(user.organizer.kind)
        else 0,
    }


def _reports_deadline(user, campaign) -> dict:
    """The agency's reports: how many are still owed and the nearest due date among them (each
    task's report is due with its organizer's 附件4); once all are in, when the last one was
    and whether any was late."""
    extensions = extensions_for(campaign)
    open_by_organizer = dict(
        DiagnosisTask.objects.filter(
            campaign=campaign, agency_id=user.agency_id, state__in=REPORT_OPEN
        )
        .values("organizer_id")
        .annotate(n=Count("id"))
        .values_list("organizer_id", "n")
    )
    label = Form.SUMMARY.label
    if open_by_organizer:
        due = min(report_due_for(campaign, o, extensions) for o in open_by_organizer)
        outstanding = sum(open_by_organizer.values())
        return {"outstanding": outstanding, "deadline": _open(campaign, label, due)}
    handed_in = DiagnosisReport.objects.filter(
        task__campaign=campaign, task__agency_id=user.agency_id, submitted_at__isnull=False
    ).aggregate(last=Max("submitted_at"), late=Count("id", filter=Q(is_late=True)))
    if handed_in["last"] is None:
        return {"outstanding": 0, "deadline": None}
    last_task = (
        DiagnosisTask.objects.filter(campaign=campaign, agency_id=user.agency_id)
        .order_by("-report__submitted_at")
        .values_list("organizer_id", flat=True)
        .first()
    )
    due = report_due_for(campaign, last_task, extensions) if last_task else campaign.summary_due
    chip = deadline(label, due, done_at=handed_in["last"], late=bool(handed_in["late"]))
    return {"outstanding": 0, "deadline": chip}


def _letter_kinds(campaign) -> list[str]:
    """The kinds of organizer that sign task letters in this campaign (its obligations)."""
    return [kind for kind in OrganizerKind.values if campaign.signs_letters(kind)]


def _agency(user, campaign) -> dict:
    return {
        "letters_unsigned": TaskLetter.objects.filter(
            campaign=campaign,
            agency_id=user.agency_id,
            state=LetterState.DRAFT,
            organizer__kind__in=_letter_kinds(campaign),
        ).count(),
        "reports": _reports_deadline(user, campaign),
    }


def _enterprise(user, campaign) -> dict:
    tasks = (
        scope(DiagnosisTask.objects.all(), user)
        .select_related("campaign", "agency", "organizer")
        .annotate(to_confirm=Q(report__submitted_at__isnull=False, report__feedback__isnull=True))
        .order_by("-campaign__year")
    )
    my_tasks = list(tasks)
    return {"my_tasks": my_tasks, "to_confirm": sum(1 for t in my_tasks if t.to_confirm)}


def home_context(user) -> dict:
    campaign = campaign_current()
    context: dict[str, Any] = {"campaign": campaign}
    if campaign is None:
        return context
    counts = _task_counts(user, campaign)
    context["task_counts"] = _task_count_rows(counts)
    context["task_total"] = sum(counts.values())
    builder = {
        Role.MINISTRY: _ministry,
        Role.ORGANIZER: _organizer,
        Role.AGENCY: _agency,
        Role.ENTERPRISE: _enterprise,
    }[user.role]
    context.update(builder(user, campaign))
    return context
