"""The documents page (forms, summary and package of a campaign) and the button behind them.

Every document button posts to `document_request`; htmx swaps in the job's progress fragment,
which polls until the file is ready, and without JavaScript the user lands on the job's page.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from portal.choices import Role
from portal.errors import DomainError
from portal.selectors import campaign_ref_by_year, document_job_list_for
from portal.web import campaign_tabs, job_queued_message, refuse, role_required
from provinces.models import Organizer
from provinces.selectors import campaign_by_year, organizers_for
from reports.documents.forms import DocumentRequestForm
from reports.documents.items import document_items
from reports.documents.selectors.forms import published_list_for
from reports.documents.services import document_request

PROGRESS = "portal/job_detail.html#progress"
PAGE = "reports/documents.html"


def _organizer(code: str) -> Organizer | None:
    return get_object_or_404(Organizer, code=code.strip().upper()) if code else None


@role_required(Role.ORGANIZER, Role.MINISTRY)
def documents(request):
    """The campaign's files for the organizer, or for the ministry nationally or per organizer."""
    campaign = campaign_by_year(request.GET.get("year"))
    organizer = (
        _organizer(request.GET.get("organizer", ""))
        if request.user.is_ministry
        else request.user.organizer
    )
    jobs = document_job_list_for(request.user).filter(requested_by=request.user, campaign=campaign)[
        :8
    ]
    return render(
        request,
        PAGE,
        {
            "campaign": campaign,
            "organizer": organizer,
            "items": document_items(campaign, organizer),
            "published": published_list_for(campaign) if request.user.is_ministry else None,
            "organizers": organizers_for(request.user) if request.user.is_ministry else (),
            "tabs": campaign_tabs(campaign, request.path),
            "jobs": jobs,
        },
    )


@require_POST
@role_required(Role.ORGANIZER, Role.MINISTRY, Role.AGENCY)
def document_request_view(request):
    """Queue the document a button names; the answer is its progress (or its page)."""
    form = DocumentRequestForm(request.POST)
    if not form.is_valid():
        raise Http404
    data = form.cleaned_data
    # The job needs the campaign as a foreign key only; the worker reads the campaign itself.
    campaign = campaign_ref_by_year(data["year"]) if data["year"] else None
    try:
        job = document_request(
            actor=request.user,
            kind=data["kind"],
            campaign=campaign,
            organizer=_organizer(data["organizer"]),
            params=form.params(),
            request=request,
        )
    except DomainError as exc:
        if not request.htmx:
            return refuse(request, exc, "reports:documents")
        return render(
            request, "reports/_document_refused.html", {"message": exc.message}, status=422
        )
    job_queued_message(request, job)
    if request.htmx:
        return render(request, PROGRESS, {"job": job})
    return redirect("job-detail", pk=job.pk)
