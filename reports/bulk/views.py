"""The agency's bulk-entry page: the template download, the upload (check or import) and the
marked copy of a file with bad rows."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from portal.campaigns import campaign_is_open
from portal.choices import Role
from portal.errors import DomainError
from portal.imports.forms import SpreadsheetUploadForm
from portal.selectors import campaign_list
from portal.web import campaign_tabs, role_required, xlsx_response
from provinces.selectors import campaign_by_year
from reports.diagnosis.views.common import campaign_from_request

from .marked import marked_kept, marked_url
from .service import bulk_import
from .sheets import TITLES
from .template import bulk_template, open_tasks

PAGE = "reports/bulk_entry.html"


def _context(request, campaign, campaigns, **extra) -> dict:
    return {
        "campaign": campaign,
        # The tabs open the page itself (after an upload, request.path is the POST's URL).
        "tabs": campaign_tabs(campaign, reverse("reports:bulk-entry"), campaigns),
        "open_year": campaign is not None and campaign_is_open(campaign),
        "tasks": open_tasks(request.user, campaign) if campaign else [],
        "sheets": list(TITLES.values()),
        "upload_form": SpreadsheetUploadForm(),
        **extra,
    }


@require_GET
@role_required(Role.AGENCY)
def bulk_entry(request):
    """GET: what bulk entry does, the template of the year's open reports, the upload form."""
    campaign, campaigns = campaign_from_request(request)
    return render(request, PAGE, _context(request, campaign, campaigns))


@require_GET
@role_required(Role.AGENCY)
def bulk_template_download(request):
    campaign, _campaigns = campaign_from_request(request)
    if campaign is None:
        raise Http404
    content = bulk_template(request.user, campaign)
    return xlsx_response(content, f"{campaign.year}年度诊断报告数据批量填报.xlsx")


@require_POST
@role_required(Role.AGENCY)
def bulk_upload(request):
    """Check (dry run) or import a filled template: every bad row is listed, nothing is stored
    until the whole file is correct."""
    campaigns = campaign_list()
    campaign = campaign_by_year(request.POST.get("year"))
    form = SpreadsheetUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        context = _context(request, campaign, campaigns, upload_form=form)
        return render(request, PAGE, context, status=400)
    upload = form.cleaned_data["file"]
    try:
        outcome = bulk_import(
            campaign=campaign,
            file=upload,
            actor=request.user,
            dry_run="check" in request.POST,
            request=request,
        )
    except DomainError as exc:
        form.add_error("file", str(exc.message))
        context = _context(request, campaign, campaigns, upload_form=form)
        return render(request, PAGE, context, status=400)
    context = _context(
        request,
        campaign,
        campaigns,
        outcome=outcome,
        upload_name=upload.name,
        marked_url=marked_url(user=request.user, upload=upload, outcome=outcome),
    )
    return render(request, PAGE, context, status=200 if outcome.ok else 422)


@require_GET
@role_required(Role.AGENCY)
def bulk_marked(request, token: str):
    """GET: the marked copy of the user's own last bad file (404 for anyone else, or later)."""
    kept = marked_kept(request.user, token)
    if kept is None:
        raise Http404
    stem = kept["name"].removesuffix(".xlsx")
    return xlsx_response(kept["data"], f"{stem}（问题标注）.xlsx")
