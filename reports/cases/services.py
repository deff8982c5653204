"""Case writes: the organizer's presentation of one of its excellent cases.

A case page has two parts. Its presentation (the editorial title and summary, `CaseStory`) is
curation for sharing results (notice 三、有关要求: 典型案例分享), done mostly after the year's
acceptance, so it stays editable after the year closes. Its figures (investment, expected,
realized and verified savings, the measures and their follow-ups, the findings) are the report's:
they are read from it, never written here, and freeze with the report's year.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from enterprises.models import DiagnosisTask
from portal.campaigns import CampaignClosed, campaign_is_open
from portal.choices import Role
from portal.errors import DomainError
from reports.cases.selectors import case_get_for
from reports.diagnosis.services.access import audit_report, require_role
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
    """Why the figures of a case cannot change here: frozen with a closed year (409), else
    corrected in the diagnosis report by its agency (400)."""
    values = {"fields": ", ".join(sorted(figures)), "year": report.task.campaign.year}
    if campaign_is_open(report.task.campaign):
        return DomainError(
            _(
                "The figures of a case (%(fields)s) come from its diagnosis report; the agency "
                "corrects them there while the %(year)s campaign is open. Only the case title "
                "and summary are edited on the case."
            )
            % values
        )
    return CampaignClosed(
        _(
            "The %(year)s campaign is closed: the figures of this case (%(fields)s) stay as "
            "accepted and can no longer change. The case title and summary can still be edited."
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
    a 404. Allowed after the year closed (presentation only); any of `figures` (names from
    CASE_FIGURES the caller tried to change) is refused."""
    require_role(actor, Role.ORGANIZER)
    report = case_get_for(actor, pk)
    if figures:
        raise case_figures_refusal(report, figures)
    # The task row serialises concurrent first saves of the same case (scoped by case_get_for).
    DiagnosisTask.objects.select_for_update(of=("self",)).filter(pk=report.task_id).first()
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
