"""The enterprise's confirmation and rating of its diagnosis, or the organizer's phone record."""

from django.db import transaction
from django.utils.translation import gettext as _

from enterprises.choices import TaskState
from portal.choices import Role
from portal.errors import DomainError, InvalidMove
from reports.choices import FeedbackSource
from reports.diagnosis.services.access import audit_report, lock_task, require_role
from reports.models import DiagnosisReport, Feedback

# Feedback is weighed at acceptance, so it can be given while the report is under review.
OPEN_FOR_FEEDBACK = frozenset({TaskState.REPORTED, TaskState.RETURNED})


@transaction.atomic
def feedback_save(
    *,
    task_id: int,
    actor,
    confirmed: bool,
    rating: int,
    comments: str = "",
    contact_name: str = "",
    request=None,
) -> Feedback:
    """Save the enterprise's feedback; an organizer's entry is marked as taken by phone."""
    task = lock_task(task_id, actor)
    require_role(actor, Role.ENTERPRISE, Role.ORGANIZER)
    if task.state not in OPEN_FOR_FEEDBACK:
        raise InvalidMove(_("Feedback can be given while the report is under review."))
    if not 1 <= int(rating) <= 5:
        raise DomainError(_("Rate the diagnosis from 1 to 5."), field="rating")
    report = DiagnosisReport.objects.get(task=task)
    report.task = task
    existing = Feedback.objects.select_for_update().filter(report=report).first()
    source = FeedbackSource.ENTERPRISE if actor.role == Role.ENTERPRISE else FeedbackSource.PHONE
    if source == FeedbackSource.PHONE:
        if existing and existing.source == FeedbackSource.ENTERPRISE:
            raise InvalidMove(_("The enterprise has already given its own feedback."))
        if not contact_name.strip():
            raise DomainError(
                _("Name the person you spoke to at the enterprise."), field="contact_name"
            )
    feedback, _created = Feedback.objects.update_or_create(
        report=report,
        defaults={
            "confirmed": bool(confirmed),
            "rating": int(rating),
            "comments": comments.strip(),
            "source": source,
            "recorded_by": actor,
            "contact_name": contact_name.strip() if source == FeedbackSource.PHONE else "",
        },
    )
    audit_report(actor, f"feedback.{source}", report, request, summary=f"{rating}/5")
    return feedback
