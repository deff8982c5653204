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
from enterprises.selectors import (
    public_campaign,
    published_campaigns,
    published_entries,
    published_history,
    published_list_current,
)
from portal import dataversion
from portal.audit import audit_record
from portal.choices import DocumentKind, Role
from portal.dataversion import VersionedPaginator
from portal.errors import DomainError
from portal.fragments import KeptRows
from portal.jobs.registry import REGISTRY
from portal.jobs.service import document_job_request
from portal.params import parse_year
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
    return form, paginate(request, entries, default=50, paginator=VersionedPaginator)


def _organizers(published) -> list[tuple[str, str]]:
    if published is None:
        return []
    organizers = (
        published.entries.order_by("organizer_code")
        .values_list("organizer_code", "organizer_name")
        .distinct()
    )
    return dataversion.cached(organizers, lambda: list(organizers))


@role_required(Role.MINISTRY)
def published_list(request):
    """The ministry's page: what is waiting, the current snapshot, the history, publish."""
    campaign = campaign_by_year(request.GET.get("year"))
    current = published_list_current(campaign)
    search, page = _entries_page(request, current)
    kept_rows = KeptRows(request, page, bool(current))  # the rows' HTML, per data version
    if request.htmx:
        return render(
            request, RESULTS, {"current": current, "page_obj": page, "kept_rows": kept_rows}
        )
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
            "kept_rows": kept_rows,
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


def _public_tabs(campaign, published: list, path: str) -> list[dict]:
    """A tab per published year; the year asked for joins them when its list is not out."""
    shown = list(published)
    if campaign is not None and campaign not in shown:
        shown = sorted([*shown, campaign], key=lambda c: -c.year)
    tabs = campaign_tabs(campaign, path, shown)
    for tab, shown_campaign in zip(tabs, shown, strict=True):
        if shown_campaign not in published:
            tab["label"] = _("%(year)s (not published)") % {"year": tab["label"]}
    return tabs


def public_list(request):
    """The published national list of a campaign, for anyone (SPEC §2), with search. A year
    whose list is not published (or that has no campaign) says so; no technical 404 page."""
    year = parse_year(request.GET.get("year"))
    published = published_campaigns()
    campaign = public_campaign(year, published)
    current = published_list_current(campaign) if campaign is not None else None
    search, page = _entries_page(request, current)
    template = RESULTS if request.htmx else "enterprises/public_list.html"
    context = {
        "campaign": campaign,
        "year": campaign.year if campaign is not None else year,
        "current": current,
        "search": search,
        "page_obj": page,
        "kept_rows": KeptRows(request, page, bool(current)),  # the rows' HTML, per data version
        "tabs": _public_tabs(campaign, published, request.path),
    }
    # An unknown year is still "not found" for machines, with the same readable page.
    return render(request, template, context, status=404 if campaign is None and year else 200)


def public_download(request):
    """The current snapshot as an xlsx, streamed from a temporary file (no login needed)."""
    year = parse_year(request.GET.get("year"))
    campaign = public_campaign(year, published_campaigns())
    current = published_list_current(campaign) if campaign is not None else None
    if campaign is None or current is None:
        messages.info(request, _("The national list of this year has not been published yet."))
        shown = campaign.year if campaign is not None else year
        query = f"?year={shown}" if shown else ""
        return redirect(f"{reverse('enterprises:public-list')}{query}")
    audit_record(
        actor=request.user,
        action="list.download",
        obj=current,
        request=request,
        summary=f"{campaign.year} v{current.version}",
    )
    name = f"{campaign.year}年度工业节能诊断服务企业名单（第{current.version}版）.xlsx"
    return FileResponse(published_list_xlsx(current), as_attachment=True, filename=name)
