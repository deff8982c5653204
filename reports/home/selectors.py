"""What each role sees on its home page: the next things to do and their deadlines."""

from typing import Any

from django.db.models import Count

from agencies.models import Recommendation
from enterprises.choices import LetterState, TaskState
from enterprises.models import DiagnosisTask, TaskLetter
from portal.choices import Role
from portal.deadlines import deadline
from portal.obligations import due_for, extensions_for, offered, owes
from portal.scoping import scope
from portal.selectors import campaign_current
from provinces.choices import Form, SubmissionState
from provinces.models import Submission


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


def _forms_for_organizer(user, campaign) -> list[dict]:
    """The forms the organizer's kind is asked for, each against its own due date (extension
    included); an optional form (e.g. an association's 附件1) shows its date but no countdown."""
    existing = {
        s.form: s
        for s in Submission.objects.filter(organizer_id=user.organizer_id, campaign=campaign)
    }
    kind = user.organizer.kind
    extensions = extensions_for(campaign)
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
                "deadline": deadline(form.label, due)
                if owes(campaign, kind, form.value)
                else {"due": due, "days_left": None},
            }
        )
    return rows


def _ministry(user, campaign) -> dict:
    waiting = (
        Submission.objects.filter(campaign=campaign, state=SubmissionState.SUBMITTED)
        .values("form")
        .annotate(n=Count("id"))
        .order_by("form")
    )
    by_form = {row["form"]: row["n"] for row in waiting}
    return {
        "review_rows": [
            {
                "form": f,
                "waiting": by_form.get(f.value, 0),
                "deadline": deadline(f.label, campaign.due_date(f.value)),
            }
            for f in Form
        ],
        "waiting_total": sum(by_form.values()),
    }


def _organizer(user, campaign) -> dict:
    letters = TaskLetter.objects.filter(campaign=campaign, organizer_id=user.organizer_id)
    return {
        "form_rows": _forms_for_organizer(user, campaign),
        "recommended": Recommendation.objects.filter(
            campaign=campaign, organizer_id=user.organizer_id
        ).count(),
        "letters_unsigned": letters.filter(state=LetterState.DRAFT).count(),
    }


def _agency(user, campaign) -> dict:
    return {
        "letters_unsigned": TaskLetter.objects.filter(
            campaign=campaign, agency_id=user.agency_id, state=LetterState.DRAFT
        ).count(),
        "summary_deadline": deadline(Form.SUMMARY.label, campaign.summary_due),
    }


def _enterprise(user, campaign) -> dict:
    tasks = (
        scope(DiagnosisTask.objects.all(), user)
        .select_related("campaign", "agency", "organizer")
        .order_by("-campaign__year")
    )
    return {"my_tasks": list(tasks)}


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
