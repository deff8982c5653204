"""The ministry's campaign set-up pages: copy a year, edit each piece of its data with a preview,
grant deadline extensions. Every write goes through reports/campaigns/services.py."""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.choices import Role
from portal.errors import DomainError
from portal.models import Campaign, CampaignExtension
from portal.params import query_int
from portal.web import refuse, role_required

from . import services
from .forms import (
    CopyForm,
    CriteriaForm,
    ExtensionForm,
    JsonForm,
    ObligationsForm,
    SettingsForm,
    TypesForm,
    outline_formset,
)
from .layout_form import LayoutsForm
from .selectors import campaign_setup_context, layouts_dict, layouts_json, preview_of

LIST_PIECES = {
    "summary_outline": _("Attachment 4 outline"),
    "acceptance_criteria": _("Acceptance criteria"),
}


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign, pk=pk)


def _done(request, campaign: Campaign, text: str):
    messages.success(request, text)
    response = redirect("reports:campaign-setup", campaign.pk)
    response.status_code = 303
    return response


@role_required(Role.MINISTRY)
def campaign_new(request):
    """Copy a campaign into a new year; the form starts with the deadlines a year on."""
    latest = Campaign.objects.order_by("-year").first()
    if latest is None:
        raise Http404
    source = get_object_or_404(Campaign, pk=query_int(request, "from") or latest.pk)
    form = CopyForm(request.POST or None, initial=services.copy_defaults(source, latest.year + 1))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            campaign = services.campaign_create_by_copy(
                source_id=data.pop("source").pk, actor=request.user, request=request, **data
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            return _done(
                request, campaign, _("The %(year)s campaign was created.") % {"year": campaign.year}
            )
    return render(
        request,
        "reports/campaign_new.html",
        {"form": form, "source": source},
        status=400 if form.errors else 200,
    )


@role_required(Role.MINISTRY)
def campaign_setup(request, pk: int):
    """Every piece of the year's data, the forms' preview and the extensions."""
    campaign = _campaign(pk)
    return render(
        request,
        "reports/campaign_setup.html",
        campaign_setup_context(campaign, request.user, extension_form=ExtensionForm()),
    )


@role_required(Role.MINISTRY)
def campaign_settings(request, pk: int):
    campaign = _campaign(pk)
    form = SettingsForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_settings_update(
                campaign_id=campaign.pk, data=form.cleaned_data, actor=request.user, request=request
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            return _done(request, campaign, _("Deadlines and settings saved."))
    campaign.refresh_from_db()
    return _edit_page(request, campaign, form, _("Deadlines, thresholds and factors"))


def _edit_page(request, campaign, form, title, **extra):
    status = 400 if form.is_bound and form.errors else 200
    context = {"campaign": campaign, "form": form, "title": title, **extra}
    return render(request, "reports/campaign_edit.html", context, status=status)


@role_required(Role.MINISTRY)
def campaign_layouts(request, pk: int):
    """附件1–3 layouts as fields (or, advanced, as JSON): "Check and preview" checks and shows
    them, "Save" also stores them; a layout that does not render is refused with the reason."""
    campaign = _campaign(pk)
    advanced = request.method == "POST" and "data" in request.POST
    form = LayoutsForm(None if advanced else (request.POST or None), layouts=layouts_dict(campaign))
    json_form = JsonForm(
        request.POST if advanced else None, initial={"data": layouts_json(campaign)}
    )
    bound = json_form if advanced else form
    preview = None
    if request.method == "POST" and bound.is_valid():
        candidate = json_form.cleaned_data["data"] if advanced else form.value()
        try:
            if request.POST.get("action") == "save":
                services.campaign_layouts_update(
                    campaign_id=campaign.pk, layouts=candidate, actor=request.user, request=request
                )
                return _done(request, campaign, _("Form layouts saved."))
            preview = preview_of(candidate, campaign.year)
        except DomainError as exc:
            bound.add_error("data" if advanced else None, str(exc.message))
    preview_error = ""
    if preview is None and request.method != "POST":
        try:  # what is in force renders (documents fall back on a broken one): show why not
            preview = preview_of(layouts_dict(campaign), campaign.year)
        except DomainError as exc:
            preview_error = str(exc.message)
    return _edit_page(
        request,
        campaign,
        bound,
        _("Form layouts (Attachments 1–3)"),
        previews=preview,
        layouts=True,
        layout_form=form,
        json_form=json_form,
        advanced=advanced,
        preview_error=preview_error,
    )


@role_required(Role.MINISTRY)
def campaign_data(request, pk: int, piece: str):
    """One piece of the year's data: due dates and obligations (a grid), diagnosis types,
    acceptance criteria, the 附件4 outline (rows)."""
    campaign = _campaign(pk)
    if piece == "obligations":
        deadlines = {name: getattr(campaign, name) for name in services.DEADLINES}
        form = ObligationsForm(
            request.POST or None, obligations=campaign.obligations, deadlines=deadlines
        )
        title = _("Due dates and who owes which form")
    elif piece == "diagnosis_types":
        form = TypesForm(request.POST or None, initial={"types": campaign.diagnosis_types})
        title = _("Diagnosis types offered")
    elif piece == "acceptance_criteria":
        form = CriteriaForm(request.POST or None, criteria=campaign.acceptance_criteria)
        title = LIST_PIECES[piece]
    elif piece == "summary_outline":
        return _outline(request, campaign)
    else:
        raise Http404
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_update(
                campaign_id=campaign.pk,
                data=_values(form, piece),
                actor=request.user,
                request=request,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            return _done(request, campaign, _("%(what)s saved.") % {"what": title})
    return _edit_page(request, campaign, form, title, piece=piece)


def _values(form, piece: str) -> dict:
    """What the piece's form stores, as campaign_update takes it (all of it, or nothing)."""
    if piece == "obligations":
        return {"obligations": form.value(), **form.deadlines()}
    if piece == "diagnosis_types":
        return {piece: form.cleaned_data["types"]}
    return {piece: form.value()}


def _outline(request, campaign: Campaign):
    """The 附件4 outline as rows: add a section in an empty row, remove one with its box."""
    formset = outline_formset(request.POST or None, outline=campaign.summary_outline)
    error = ""
    if request.method == "POST" and formset.is_valid():
        try:
            services.campaign_data_update(
                campaign_id=campaign.pk,
                piece="summary_outline",
                value=formset.value(),
                actor=request.user,
                request=request,
            )
        except DomainError as exc:
            error = str(exc.message)
        else:
            return _done(request, campaign, _("%(what)s saved.") % {"what": _("附件4 outline")})
    title = LIST_PIECES["summary_outline"]
    context = {"campaign": campaign, "formset": formset, "title": title, "error": error}
    status = 400 if request.method == "POST" else 200
    return render(request, "reports/campaign_outline.html", context, status=status)


@require_POST
@role_required(Role.MINISTRY)
def extension_grant(request, pk: int):
    campaign = _campaign(pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        errors = "; ".join(
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(e)}"
            for f, e in form.errors.items()
        )
        return refuse(request, DomainError(errors), "reports:campaign-setup", campaign.pk)
    data = form.cleaned_data
    try:
        services.extension_grant(
            campaign_id=campaign.pk,
            organizer_id=data["organizer"].pk,
            form=data["form"],
            due=data["due"],
            reason=data["reason"],
            actor=request.user,
            request=request,
        )
    except DomainError as exc:
        return refuse(request, exc, "reports:campaign-setup", campaign.pk)
    return _done(
        request,
        campaign,
        _("%(organizer)s now has until %(date)s.")
        % {"organizer": data["organizer"].name, "date": dt.date.isoformat(data["due"])},
    )


@require_POST
@role_required(Role.MINISTRY)
def extension_revoke(request, pk: int):
    """Withdraw one extension of this campaign (its id in the body)."""
    campaign = _campaign(pk)
    try:
        extension_id = int(request.POST.get("extension", ""))
    except ValueError:
        refused = DomainError(_("Choose the extension to withdraw."))
        return refuse(request, refused, "reports:campaign-setup", campaign.pk)
    extension = get_object_or_404(CampaignExtension, campaign=campaign, pk=extension_id)
    try:
        services.extension_revoke(extension_id=extension.pk, actor=request.user, request=request)
    except DomainError as exc:
        return refuse(request, exc, "reports:campaign-setup", campaign.pk)
    return _done(request, campaign, _("The extension was withdrawn."))
