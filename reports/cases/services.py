"""Case writes: the organizer's presentation of one of its excellent cases.

A case page has two parts. Its presentation (the editorial title and summary, `CaseStory`) is
the organizer's, edited here while the report's year is open. Its figures (investment, expected,
realized and verified savings, the measures and their follow-ups, the findings) are the report's:
they are read from it, never written here. Once the year is closed, neither changes: no write
changes what a closed year shows.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from portal.choices import Role
from portal.errors import DomainError
from reports.cases.selectors import case_get_for
from reports.diagnosis.services.access import audit_report, lock_task, require_role
from reports.models import CaseStory, DiagnosisReport
from reports.models.cases import SUMMARY_MAX, TITLE_MAX

# What a case shows from its report (the API's field names): never changed through the case.
CASE_FIGURES = frozenset(
    {
        "investment_wan",
        "savings_tce",
        "savings_kwh",
        "savings_wan",
        "co2_t",
        "measures",
        "measure_rows",
        "implemented",
        "realized_tce",
        "realized_kwh",
        "realized_wan",
        "verified_tce",
        "problem",
        "note",
    }
)


def case_figures_refusal(report: DiagnosisReport, figures) -> DomainError:
    """Why the figures of a case cannot change here: the agency corrects them in the report."""
    values = {"fields": ", ".join(sorted(figures)), "year": report.task.campaign.year}
    return DomainError(
        _(
            "The figures of a case (%(fields)s) come from its diagnosis report; the agency "
            "corrects them there while the %(year)s campaign is open. Only the case title "
            "and summary are edited on the case."
        )
        % values
    )


@transaction.atomic
def case_story_save(
    *,
    pk: int,
    actor,
    title: str | None = None,
    summary: str | None = None,
    figures=(),
    request=None,
) -> CaseStory:
    """Save the title and summary of case `pk` (a report id); None keeps the current value.
    Only the report's organizer may; another organizer's case, or a report that is no case, is
    a 404; a closed campaign refuses (409); any of `figures` (names from CASE_FIGURES the caller
    tried to change) is refused."""
    require_role(actor, Role.ORGANIZER)
    report = case_get_for(actor, pk)
    lock_task(report.task_id, actor)  # scoped again, locked, and the campaign must be open
    if figures:
        raise case_figures_refusal(report, figures)
    story, _created = CaseStory.objects.select_for_update().get_or_create(report=report)
    title = story.title if title is None else title.strip()
    summary = story.summary if summary is None else summary.strip()
    if len(title) > TITLE_MAX:
        message = _("The title is longer than %(n)d characters.") % {"n": TITLE_MAX}
        raise DomainError(message, field="title")
    if len(summary) > SUMMARY_MAX:
        message = _("The summary is longer than %(n)d characters.") % {"n": SUMMARY_MAX}
        raise DomainError(message, field="summary")
    story.title, story.summary, story.edited_by = title, summary, actor
    story.save()
    audit_report(actor, "case.edit", report, request, summary=title or str(report.task))
    return story
