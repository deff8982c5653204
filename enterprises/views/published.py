"""The national list: the ministry publishes it; anyone may read and download it (no login)."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enterprises import services
from enterprises.forms import PublicSearchForm, PublishForm
from enterprises.published_xlsx import published_list_xlsx
from enterprises.selectors import published_entries, published_history, published_list_current
from portal.audit import audit_record
from portal.choices import DocumentKind, Role
from portal.errors import DomainError
from portal.jobs.registry import REGISTRY
from portal.jobs.service import document_job_request
from portal.web import campaign_tabs, job_queued_message, paginate, role_required
from provinces.selectors import campaign_by_year

RESULTS = "enterprises/_published_results.html"


def _entries_page(request, published):
    form = PublicSearchForm(
        request.GET or None,
        organizers=_organizers(published),
        initial={"year": published.campaign.year if published else None},
    )
    data = form.cleaned_data if form.is_valid() else {}
    entries = (
        published_entries(
            published,
            q=data.get("q", ""),
            organizer=data.get("organizer", ""),
            diagnosis_type=data.get("diagnosis_type", ""),
        )
        if published
        else []
    )
    return form, paginate(request, entries, default=50)


def _organizers(published) -> list[tuple[str, str]]:
    if published is None:
        return []
    return list(
        published.entries.order_by("organizer_code")
        .values_list("organizer_code", "organizer_name")
        .distinct()
    )


@role_required(Role.MINISTRY)
def published_list(request):
    """The ministry's page: what is waiting, the current snapshot, the history, publish."""
    campaign = campaign_by_year(request.GET.get("year"))
    current = published_list_current(campaign)
    search, page = _entries_page(request, current)
    if request.htmx:
        return render(request, RESULTS, {"current": current, "page_obj": page})
    return render(
        request,
        "enterprises/published_list.html",
        {
            "campaign": campaign,
            "current": current,
            "history": published_history(campaign),
            "waiting": services.publishable_count(campaign),
            "publish_form": PublishForm(),
            "search": search,
            "page_obj": page,
            "tabs": campaign_tabs(campaign, reverse("enterprises:published-list")),
        },
    )


@require_POST
@role_required(Role.MINISTRY)
def publish(request):
    campaign = campaign_by_year(request.POST.get("year"))
    form = PublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        published = services.published_list_publish(
            campaign=campaign, actor=request.user, note=note, request=request
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _(
                "The national list of %(year)s is published (version "
                "%(version)s, %(count)s enterprises)."
            )
            % {"year": campaign.year, "version": published.version, "count": published.entry_count},
        )
    return redirect(f"{reverse('enterprises:published-list')}?year={campaign.year}")


@role_required(Role.MINISTRY)
def published_export(request):
    """The spreadsheet through a document job when a builder is installed, else directly."""
    campaign = campaign_by_year(request.GET.get("year"))
    current = published_list_current(campaign)
    if current is not None and DocumentKind.PUBLISHED_LIST in REGISTRY:
        job = document_job_request(
            actor=request.user,
            kind=DocumentKind.PUBLISHED_LIST,
            campaign=campaign,
            params={"published_list_id": current.pk},
            request=request,
        )
        job_queued_message(request, job)
        return redirect("job-detail", pk=job.pk)
    return public_download(request)


def public_list(request):
    """The published national list of a campaign, for anyone (SPEC §2), with search."""
    campaign = campaign_by_year(request.GET.get("year"))
    current = published_list_current(campaign)
    search, page = _entries_page(request, current)
    template = RESULTS if request.htmx else "enterprises/public_list.html"
    return render(
        request,
        template,
        {
            "campaign": campaign,
            "current": current,
            "search": search,
            "page_obj": page,
            # every year, archived ones too (read-only history)
            "tabs": campaign_tabs(campaign, request.path),
        },
    )


def public_download(request):
    """The current snapshot as an xlsx, streamed from a temporary file (no login needed)."""
    campaign = campaign_by_year(request.GET.get("year"))
    current = published_list_current(campaign)
    if current is None:
        messages.info(request, _("The national list of this campaign is not published yet."))
        return redirect(f"{reverse('enterprises:public-list')}?year={campaign.year}")
    audit_record(
        actor=request.user,
        action="list.download",
        obj=current,
        request=request,
        summary=f"{campaign.year} v{current.version}",
    )
    name = f"{campaign.year}年度工业节能诊断服务企业名单（第{current.version}版）.xlsx"
    return FileResponse(published_list_xlsx(current), as_attachment=True, filename=name)
