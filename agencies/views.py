"""The organizer's agency recommendations (附件2): registry search, a new agency, an import."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.choices import Role
from portal.errors import DomainError
from portal.imports import OtherOrganizerFile
from portal.imports.forms import SpreadsheetUploadForm
from portal.imports.marked import marked_download_url
from portal.imports.pending import pending_forget, pending_keep, upload_files
from portal.web import campaign_tabs, refuse, role_required, xlsx_response
from provinces.blank_forms import Choices, blank_form
from provinces.choices import Form
from provinces.selectors import campaign_by_year, deadline_status, deadline_unopened
from provinces.services import submission_for_page, submission_page_editable

from . import services
from .forms import AgencyForm, RecommendationEditForm, RecommendationForm, RegistrySearchForm
from .imports import AGENCY_COLUMNS
from .models import DECLARED_FIELDS
from .selectors import (
    agency_get_for,
    agency_search,
    recommendation_get_for,
    recommendation_list_for,
)

IMPORT_URL = "agencies:recommendation-import"
PENDING_KIND = "agencies"  # the kept file of a confirmation is for this page only
# The natures note 1 names, for the drop-down (others may be typed: "等").
NATURES = ("节能服务公司", "科研院所", "检测机构", "其他")
NOTES = ("注：机构性质填写节能服务公司、科研院所、检测机构等。",)


def _page(request, campaign, *, status: int = 200, **extra):
    organizer = request.user.organizer
    submission = submission_for_page(
        organizer=organizer, campaign=campaign, form=Form.RECOMMENDATION
    )
    context = {
        "campaign": campaign,
        "submission": submission,
        "form_label": Form.RECOMMENDATION.label,
        "deadline": deadline_status(submission)
        if submission
        else deadline_unopened(campaign, Form.RECOMMENDATION),
        "editable": submission_page_editable(submission, campaign),
        "tabs": campaign_tabs(campaign, reverse("agencies:recommendation-list")),
        "recommendations": recommendation_list_for(request.user, campaign, organizer),
        "search_form": RegistrySearchForm(),
        "agency_form": AgencyForm(),
        "upload_form": SpreadsheetUploadForm(),
        **extra,
    }
    return render(request, "agencies/recommendation_list.html", context, status=status)


def _back(campaign):
    return redirect(f"{reverse('agencies:recommendation-list')}?year={campaign.year}")


@role_required(Role.ORGANIZER)
def recommendation_list(request):
    return _page(request, campaign_by_year(request.GET.get("year")))


@role_required(Role.ORGANIZER)
def registry_search(request):
    """HTMX: registry agencies matching the name or credit code typed so far."""
    campaign = campaign_by_year(request.GET.get("year"))
    form = RegistrySearchForm(request.GET)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    results = agency_search(request.user, q, campaign=campaign, organizer=request.user.organizer)
    return render(
        request,
        "agencies/recommendation_list.html#search-results",
        {"results": results, "q": q, "campaign": campaign, "editable": True},
    )


@require_POST
@role_required(Role.ORGANIZER)
def recommendation_add(request, agency_pk: int):
    campaign = campaign_by_year(request.POST.get("year"))
    agency = agency_get_for(request.user, agency_pk)
    try:
        services.recommendation_add(
            campaign=campaign,
            organizer=request.user.organizer,
            agency=agency,
            actor=request.user,
            request=request,
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("%(agency)s added to your recommendations.") % {"agency": agency.name}
        )
    return _back(campaign)


@require_POST
@role_required(Role.ORGANIZER)
def agency_create(request):
    """A new agency (or one already registered under that credit code), recommended at once."""
    campaign = campaign_by_year(request.POST.get("year"))
    form = AgencyForm(request.POST)
    if not form.is_valid():
        return _page(request, campaign, status=400, agency_form=form, open_new=True)
    data = form.cleaned_data
    try:
        agency, created = services.agency_register(data=data, actor=request.user, request=request)
        services.recommendation_add(
            campaign=campaign,
            organizer=request.user.organizer,
            agency=agency,
            actor=request.user,
            planned_enterprises=data["planned_enterprises"],
            remarks=data["remarks"],
            declared={f: data[f] for f in DECLARED_FIELDS},
            request=request,
        )
    except DomainError as exc:
        form.add_error(None, str(exc.message))
        return _page(request, campaign, status=400, agency_form=form, open_new=True)
    if not created:
        messages.info(
            request,
            _(
                "This credit code is already in the national registry as "
                "“%(name)s”; that agency was recommended with the details you entered."
            )
            % {"name": agency.name},
        )
    else:
        messages.success(
            request,
            _("%(agency)s added to the registry and to your recommendations.")
            % {"agency": agency.name},
        )
    return _back(campaign)


@require_POST
@role_required(Role.ORGANIZER)
def recommendation_update(request, pk: int):
    recommendation = recommendation_get_for(request.user, pk)
    form = RecommendationForm(request.POST, instance=recommendation)
    if form.is_valid():
        try:
            services.recommendation_update(
                recommendation=recommendation,
                actor=request.user,
                request=request,
                **form.cleaned_data,
            )
        except DomainError as exc:
            return refuse(
                request,
                exc,
                f"{reverse('agencies:recommendation-list')}?year={recommendation.campaign.year}",
            )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Enterprises to serve must be a whole number, 0 or more."))
    return _back(recommendation.campaign)


@role_required(Role.ORGANIZER)
def recommendation_edit(request, pk: int):
    """Every field of one 附件2 row (e.g. after the ministry returned 附件2 asking for the staff
    and the 业绩); another organizer's row is a 404, a locked list or closed year is refused."""
    recommendation = recommendation_get_for(request.user, pk)
    campaign = recommendation.campaign
    form = RecommendationEditForm(request.POST or None, instance=recommendation)
    status, refusal = 200, ""
    if request.method == "POST":
        if form.is_valid():
            try:
                services.recommendation_update(
                    recommendation=recommendation_get_for(request.user, pk),
                    actor=request.user,
                    request=request,
                    **form.cleaned_data,
                )
            except DomainError as exc:
                status, refusal = 400, str(exc.message)
            else:
                messages.success(
                    request,
                    _("%(agency)s: your Attachment 2 row is saved.")
                    % {"agency": recommendation.agency.name},
                )
                return redirect(
                    f"{reverse('agencies:recommendation-list')}?year={campaign.year}"
                    f"#recommendation-{recommendation.pk}"
                )
        else:
            status = 400
    submission = submission_for_page(
        organizer=recommendation.organizer, campaign=campaign, form=Form.RECOMMENDATION
    )
    context = {
        "recommendation": recommendation,
        "campaign": campaign,
        "form": form,
        "refusal": refusal,
        "editable": submission_page_editable(submission, campaign),
    }
    return render(request, "agencies/recommendation_form.html", context, status=status)


@require_POST
@role_required(Role.ORGANIZER)
def recommendation_remove(request, pk: int):
    recommendation = recommendation_get_for(request.user, pk)
    try:
        services.recommendation_remove(
            recommendation=recommendation, actor=request.user, request=request
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("%(agency)s removed from your recommendations.")
            % {"agency": recommendation.agency.name},
        )
    return _back(recommendation.campaign)


@require_POST
@role_required(Role.ORGANIZER)
def recommendation_import(request):
    """Check (dry run) or import an 附件2 file; every bad row is listed, nothing stored then."""
    campaign = campaign_by_year(request.POST.get("year"))
    files, kept = upload_files(request, PENDING_KIND)
    form = SpreadsheetUploadForm(request.POST, files)
    if not form.is_valid():
        if request.POST.get("pending") and not kept:
            form.add_error("file", _("The file kept for your confirmation has expired."))
        return _page(request, campaign, status=400, upload_form=form)
    dry_run = "check" in request.POST
    try:
        outcome = services.agency_list_import(
            campaign=campaign,
            organizer=request.user.organizer,
            file=form.cleaned_data["file"],
            actor=request.user,
            dry_run=dry_run,
            request=request,
            other_organizer_ok="other_organizer_ok" in request.POST,
        )
    except OtherOrganizerFile as exc:  # ask; the file is kept for the confirmation
        upload = form.cleaned_data["file"]
        token = kept or pending_keep(user=request.user, upload=upload, kind=PENDING_KIND)
        return _page(
            request,
            campaign,
            status=409,
            other_organizer=exc,
            import_url=IMPORT_URL,
            pending=token,
            upload_name=upload.name,
        )
    except DomainError as exc:
        form.add_error("file", str(exc.message))
        return _page(request, campaign, status=400, upload_form=form)
    upload = form.cleaned_data["file"]
    if kept and not dry_run:
        pending_forget(kept)
    return _page(
        request,
        campaign,
        status=200 if outcome.ok else 422,
        outcome=outcome,
        upload_name=upload.name,
        marked_url=marked_download_url(user=request.user, upload=upload, outcome=outcome),
    )


@role_required(Role.ORGANIZER)
def recommendation_template(request):
    """A blank 附件2 in the ministry's layout, headed with the organizer's name."""
    campaign = campaign_by_year(request.GET.get("year"))
    content = blank_form(
        label="附件2",
        title=f"{campaign.year}年度节能诊断服务机构推荐名单",
        organizer=request.user.organizer.official_name,
        headers=[aliases[0] for aliases in AGENCY_COLUMNS.values()],
        notes=NOTES,
        choices={AGENCY_COLUMNS["nature"][0]: Choices(NATURES, strict=False)},
    )
    return xlsx_response(content, f"附件2 {campaign.year}年度节能诊断服务机构推荐名单.xlsx")
