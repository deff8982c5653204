"""附件4 工作总结: the organizer writes the narrative beside the figures the data gives.

A save keeps a draft (the submission itself is handed in on the submission's page). htmx saves
as the official types and answers with the new version, so a later save is not taken for a
stale one; a save over someone else's newer text is refused (409, or 422 for htmx so the page
shows it) and loses nothing: the official's text stays in the form.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.choices import Role
from portal.errors import Conflict, DomainError
from portal.web import role_required
from provinces.choices import Form
from provinces.selectors import campaign_by_year, deadline_status, deadline_unopened
from provinces.services import submission_for_page, submission_page_editable
from reports.documents.render.data import ORGANIZER_HEADERS
from reports.summary.dimensions import acceptance_outcomes, outcomes_context
from reports.summary.forms import SummaryForm
from reports.summary.selectors import summary_content, summary_data, summary_pending_count
from reports.summary.services import summary_save

PAGE = "reports/summary_edit.html"
NATIONAL_SECTIONS = (
    ("overview", "一、工作开展情况"),
    ("effectiveness", "二、工作成效"),
    ("practices", "三、典型做法与优秀案例"),
    ("problems", "四、存在的问题"),
    ("next_steps", "五、下一步工作与建议"),
)


def _save(request, form, campaign) -> tuple[object | None, str, int]:
    """(content, error, status) of one save."""
    try:
        content = summary_save(
            organizer=request.user.organizer,
            campaign=campaign,
            data=form.cleaned_data,
            version=form.cleaned_data.get("version"),
            actor=request.user,
            request=request,
        )
    except Conflict as exc:
        return None, str(exc.message), 409
    except DomainError as exc:
        return None, str(exc.message), exc.status_code
    return content, "", 200


@require_GET
@role_required(Role.MINISTRY)
def summary_national(request):
    """The ministry's national 附件4: national figures, the four dimensions and, per organizer,
    its figures and the texts of its handed-in summary, as in the Word and PDF files."""
    campaign = campaign_by_year(request.GET.get("year"))
    summary = summary_data(campaign)
    return render(
        request,
        "reports/summary_national.html",
        {
            "campaign": campaign,
            "summary": summary,
            "pending": summary_pending_count(campaign),
            "sections": [
                (title, [(part.name, part.narrative[key]) for part in summary.organizer_parts])
                for key, title in NATIONAL_SECTIONS
            ],
            "organizer_headers": ORGANIZER_HEADERS,
            **outcomes_context(summary, acceptance_outcomes(campaign)),
        },
    )


@role_required(Role.ORGANIZER)
def summary_edit(request):
    campaign = campaign_by_year(request.GET.get("year"))
    organizer = request.user.organizer
    submission = submission_for_page(organizer=organizer, campaign=campaign, form=Form.SUMMARY)
    content = summary_content(campaign, organizer)
    version = content.version if content else 0
    form = SummaryForm(request.POST or None, instance=content, initial={"version": version})
    error, status = "", 200
    if request.method == "POST":
        if form.is_valid():
            content, error, status = _save(request, form, campaign)
        else:
            error, status = _("Check the text: it could not be saved."), 400
        if request.htmx:
            return render(
                request,
                PAGE + "#saved",
                {
                    "error": error,
                    "version": content.version if content else None,
                    "saved_at": timezone.localtime(),
                },
                status=422 if error else 200,
            )
        if not error:
            messages.success(request, _("Summary saved as a draft."))
            return redirect(f"{reverse('reports:summary-edit')}?year={campaign.year}")
    summary = summary_data(campaign, organizer)
    return render(
        request,
        PAGE,
        {
            "campaign": campaign,
            "submission": submission,
            "form_label": Form.SUMMARY.label,
            "form": form,
            "version": version,
            "error": error,
            "deadline": deadline_status(submission)
            if submission
            else deadline_unopened(campaign, Form.SUMMARY),
            "summary": summary,
            **outcomes_context(summary, acceptance_outcomes(campaign, organizer)),
            "pending": summary_pending_count(campaign, organizer),
            "editable": submission_page_editable(submission, campaign),
        },
        status=status,
    )
