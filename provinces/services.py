"""Writes for organizers and their submissions."""

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.models import Campaign
from portal.workflow import apply_move

from .choices import Form
from .models import Organizer, Submission, SubmissionEvent
from .workflow import MOVES

# Checks other apps add before a form may be submitted (e.g. every task letter signed for 附件3).
# Each takes the locked submission and raises DomainError with the reason.
SUBMIT_GUARDS: dict[int, list[Callable[[Submission], None]]] = {f.value: [] for f in Form}
# Side effects other apps add after a move commits (notices, reminders): f(submission, event).
AFTER_MOVE: list[Callable] = []


def submission_get_or_create(*, organizer: Organizer, campaign: Campaign, form: int) -> Submission:
    submission, _created = Submission.objects.get_or_create(
        organizer=organizer, campaign=campaign, form=int(form),
    )
    return submission


@transaction.atomic
def submission_move(*, submission_id: int, move: str, actor, comment: str = "",
                    request=None) -> Submission:
    """Apply one named move to a submission, with its guard, timestamps and event row."""
    submission = Submission.objects.select_for_update().select_related("campaign").get(
        pk=submission_id)
    the_move = MOVES[move]
    extra: list[str] = []
    now = timezone.now()
    if move == "submit":
        for guard in SUBMIT_GUARDS[submission.form]:
            guard(submission)
        # SPEC §5: after the deadline it is still accepted, but marked late.
        due = submission.campaign.due_date(submission.form)
        submission.submitted_at = now
        submission.is_late = timezone.localdate(now) > due
        extra += ["submitted_at", "is_late"]
    elif move in {"return", "reopen"}:
        submission.last_comment = comment.strip()
        submission.approved_at = None
        extra += ["last_comment", "approved_at"]
    elif move == "approve":
        submission.approved_at = now
        extra.append("approved_at")
    event = apply_move(submission, the_move, actor=actor, comment=comment,
                       event_model=SubmissionEvent, event_fk="submission", extra_fields=extra)
    audit_record(actor=actor, action=f"submission.{move}", obj=submission, request=request,
                 summary=f"{submission.organizer_id}/{submission.campaign.year}/form{submission.form}")
    for callback in AFTER_MOVE:
        transaction.on_commit(lambda cb=callback: cb(submission, event))
    return submission


def submission_submit(*, submission_id: int, actor, request=None) -> Submission:
    return submission_move(submission_id=submission_id, move="submit", actor=actor,
                           request=request)


def submission_return(*, submission_id: int, actor, comment: str, request=None) -> Submission:
    return submission_move(submission_id=submission_id, move="return", actor=actor,
                           comment=comment, request=request)


def submission_approve(*, submission_id: int, actor, request=None) -> Submission:
    return submission_move(submission_id=submission_id, move="approve", actor=actor,
                           request=request)


def submission_reopen(*, submission_id: int, actor, comment: str, request=None) -> Submission:
    return submission_move(submission_id=submission_id, move="reopen", actor=actor,
                           comment=comment, request=request)

