"""Case writes: the organizer's editorial title and summary of one of its excellent cases."""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.choices import Role
from portal.errors import DomainError
from reports.cases.selectors import case_get_for
from reports.diagnosis.services.access import audit_report, lock_task, require_role
from reports.models import CaseStory
from reports.models.cases import SUMMARY_MAX, TITLE_MAX


@transaction.atomic
def case_story_save(*, pk: int, title: str, summary: str, actor, request=None) -> CaseStory:
    """Save the title and summary of case `pk` (a report id). Only the report's organizer may;
    another organizer's case, or a report that is no case, is a 404; a closed campaign refuses."""
    require_role(actor, Role.ORGANIZER)
    report = case_get_for(actor, pk)
    lock_task(report.task_id, actor)  # scoped again, locked, and the campaign must be open
    title, summary = title.strip(), summary.strip()
    if len(title) > TITLE_MAX:
        message = _("The title is longer than %(n)d characters.") % {"n": TITLE_MAX}
        raise DomainError(message, field="title")
    if len(summary) > SUMMARY_MAX:
        message = _("The summary is longer than %(n)d characters.") % {"n": SUMMARY_MAX}
        raise DomainError(message, field="summary")
    story, _created = CaseStory.objects.select_for_update().get_or_create(report=report)
    story.title, story.summary, story.edited_by = title, summary, actor
    story.save()
    audit_report(actor, "case.edit", report, request, summary=title or str(report.task))
    return story
