"""The intent list (附件3): search, filters, pagination, inline editing, import, template."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.selectors import recommendation_list_for
from enterprises import services
from enterprises.earlier import earlier_enterprises_for
from enterprises.forms import FollowUpPickForm, TaskContactForm, TaskForm
from enterprises.imports import INTENT_COLUMNS, template_choices
from enterprises.selectors import (
    TaskFilters,
    agency_choices,
    filter_options,
    task_get_for,
    task_list_for,
)
from portal import dataversion
from portal.campaigns import CampaignClosed, campaign_is_open
from portal.choices import Role
from portal.dataversion import VersionedPaginator
from portal.errors import DomainError
from portal.fragments import KeptRows
from portal.imports import OtherOrganizerFile
from portal.imports.forms import SpreadsheetUploadForm
from portal.imports.marked import marked_download_url
from portal.imports.pending import pending_forget, pending_keep, upload_files
from portal.web import campaign_tabs, paginate, role_required, xlsx_response
from provinces.blank_forms import blank_form
from provinces.choices import Form
from provinces.selectors import campaign_by_year, deadline_status, deadline_unopened, organizers_for
from provinces.services import submission_for_page, submission_page_editable

from .task_context import filter_form, industries

PAGE = "enterprises/task_list.html"
PENDING_KIND = "enterprises"  # the kept file of a confirmation is for this page only
NOTES = (
    "注：1. 每家企业只能对应一家服务机构，同一服务机构服务的企业请集中填写。",
    "2. 节能诊断类型包括：重点行业、中小企业、重点用能设备、区域集中式、跟踪服务。",
    "3. 区域集中式节能诊断请在备注中注明园区名称。",
    "4. 中小企业按照工信部联企业〔2011〕300号划分，请注明中型、小型或微型。",
)
EVERYONE = (Role.ORGANIZER, Role.MINISTRY, Role.AGENCY, Role.ENTERPRISE)


def _context(request, campaign, **extra) -> dict:
    user = request.user
    organizer = user.organizer if user.is_organizer else None
    options = filter_options(user, campaign, organizer)
    organizers = None
    if user.is_ministry:  # the organizer filter's choices, read once per data version
        active = organizers_for(user)
        organizers = dataversion.cached(
            active, lambda: tuple((o.pk, o.name) for o in active), "organizer_choices"
        )
    filters = filter_form(request, options, organizers, campaign.year)
    chosen = filters.filters()
    page = paginate(
        request, task_list_for(user, campaign, TaskFilters(**chosen)), paginator=VersionedPaginator
    )
    context = {
        "campaign": campaign,
        "filters": filters,
        "page_obj": page,
        # "共2条 / 全部81条": the filtered count beside the whole list's.
        "filtered": bool(chosen),
        "all_count": dataversion.count(task_list_for(user, campaign))
        if chosen
        else page.paginator.count,
        "tabs": campaign_tabs(campaign, reverse("enterprises:task-list")),
        "query": request.GET.urlencode(),
        "editable": False,
        "contacts_open": False,
    }
    if organizer is not None:
        submission = submission_for_page(organizer=organizer, campaign=campaign, form=Form.INTENT)
        editable = submission_page_editable(submission, campaign)
        context.update(
            submission=submission,
            form_label=Form.INTENT.label,
            deadline=deadline_status(submission)
            if submission
            else deadline_unopened(campaign, Form.INTENT),
            editable=editable,
            contacts_open=campaign_is_open(campaign),
            agency_names=agency_choices(campaign, organizer) if editable else [],
            industries=options["industries"],
        )
        if editable:
            context.setdefault(
                "new_form", TaskForm(industries=options["industries"], form_id="task-new")
            )
            context.setdefault("upload_form", SpreadsheetUploadForm())
            context.setdefault("follow_up_form", FollowUpPickForm())
            # Read only when the whole page shows the picker (not for the htmx results).
            context["earlier_enterprises"] = SimpleLazyObject(
                lambda: earlier_enterprises_for(organizer, campaign)
            )
    return {**context, **extra}


@role_required(*EVERYONE)
def task_list(request):
    """The whole page, or only the results when the filter bar or pagination asks (htmx)."""
    campaign = campaign_by_year(request.GET.get("year"))
    template = PAGE + ("#results" if request.htmx and not request.htmx.boosted else "")
    context = _context(request, campaign)
    # The rows' HTML, kept per data version of the rows and per role, tenant and language.
    context["kept_rows"] = KeptRows(
        request, context["page_obj"], context["editable"], context["contacts_open"]
    )
    return render(request, template, context)


@role_required(Role.ORGANIZER)
def task_row(request, pk: int):
    """One row as shown (the edit row's "cancel")."""
    task = task_get_for(request.user, pk)
    context = {"task": task, "editable": True, "contacts_open": campaign_is_open(task.campaign)}
    return render(request, PAGE + "#task-row", context)


@role_required(Role.ORGANIZER)
def task_edit(request, pk: int):
    """GET: the row as inputs; POST: save it and show it, or show it again with the errors."""
    task = task_get_for(request.user, pk)
    form = TaskForm(
        request.POST or None,
        initial=TaskForm.initial_for(task),
        industries=industries(),
        form_id=f"task-form-{task.pk}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_save(
                campaign=task.campaign,
                organizer=task.organizer,
                data=form.to_input(),
                actor=request.user,
                task=task,
                request=request,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            context = {"task": task, "editable": True, "saved": True, "contacts_open": True}
            return render(request, PAGE + "#task-row", context)
    status = 422 if request.method == "POST" else 200
    return render(request, PAGE + "#task-edit-row", {"task": task, "form": form}, status=status)


@role_required(Role.ORGANIZER)
def task_contact(request, pk: int):
    """GET: the row's contact as inputs; POST: save it (also after 附件3 is submitted: the
    invitations come later) and show the row, or the inputs again with the reason."""
    task = task_get_for(request.user, pk)
    form = TaskContactForm(
        request.POST or None,
        initial=TaskContactForm.initial_for(task),
        form_id=f"task-contact-{task.pk}",
    )
    if request.method == "POST" and form.is_valid():
        try:
            task = services.task_contact_update(
                task_id=task.pk, values=form.cleaned_data, actor=request.user, request=request
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        else:
            if not request.htmx:
                messages.success(
                    request,
                    _("%(name)s: contact saved.") % {"name": task.enterprise_name},
                )
                return redirect(f"{reverse('enterprises:task-list')}?year={task.campaign.year}")
            context = {"task": task, "editable": True, "saved": True, "contacts_open": True}
            return render(request, PAGE + "#task-row", context)
    status = 422 if request.method == "POST" else 200
    return render(request, PAGE + "#task-contact-row", {"task": task, "form": form}, status=status)


@require_POST
@role_required(Role.ORGANIZER)
def task_create(request):
    """Add a row from the form above the table; the results are shown again with it."""
    campaign = campaign_by_year(request.POST.get("year"))
    form = TaskForm(request.POST, industries=industries(), form_id="task-new")
    status, refusal, added = 422, "", None
    if form.is_valid():
        try:
            task = services.task_save(
                campaign=campaign,
                organizer=request.user.organizer,
                data=form.to_input(),
                actor=request.user,
                request=request,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            refusal = str(exc.message)
        else:
            added, form, status = task, None, 200
    if not request.htmx:
        if added is not None:
            messages.success(
                request,
                _("%(name)s added to the intent list (No. %(seq)s).")
                % {"name": added.enterprise_name, "seq": added.seq},
            )
        return redirect(f"{reverse('enterprises:task-list')}?year={campaign.year}")
    # The new row is shown under the add row, wherever its page is, with a confirmation.
    extra: dict = {"new_form": form} if form is not None else {"added": added}
    if refusal and not campaign_is_open(campaign):  # no add row to show it in: a closed year
        extra["refusal"] = refusal
    return render(request, PAGE + "#results", _context(request, campaign, **extra), status=status)


@require_POST
@role_required(Role.ORGANIZER)
def task_follow_up(request):
    """Add a 跟踪服务 row for an enterprise picked from those the organizer diagnosed before."""
    campaign = campaign_by_year(request.POST.get("year"))
    form = FollowUpPickForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            task = services.follow_up_task_add(
                campaign=campaign,
                organizer=request.user.organizer,
                credit_code=form.cleaned_data["credit_code"],
                agency=form.cleaned_data["agency"],
                actor=request.user,
                request=request,
            )
        except DomainError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, str(exc.message))
            status = 409 if isinstance(exc, CampaignClosed) else 422
        else:
            messages.success(
                request,
                _("%(name)s added to the intent list as a follow-up (No. %(seq)s).")
                % {"name": task.enterprise_name, "seq": task.seq},
            )
            return redirect(f"{reverse('enterprises:task-list')}?year={campaign.year}")
    context = _context(request, campaign, follow_up_form=form)
    if not context["editable"]:  # a closed year or a locked list: no form to show it in
        context["refusal"] = "; ".join(str(e) for errors in form.errors.values() for e in errors)
    return render(request, PAGE, context, status=status)


@require_POST
@role_required(Role.ORGANIZER)
def task_remove(request, pk: int):
    task = task_get_for(request.user, pk)
    try:
        services.task_remove(task=task, actor=request.user, request=request)
    except DomainError as exc:
        if request.htmx:
            return render(
                request,
                PAGE + "#task-row",
                {
                    "task": task,
                    "editable": True,
                    "row_error": str(exc.message),
                    "contacts_open": campaign_is_open(task.campaign),
                },
                status=422,
            )
        messages.error(request, str(exc.message))
    else:
        if request.htmx:
            return HttpResponse("")
        messages.success(
            request, _("%(name)s removed from the intent list.") % {"name": task.enterprise_name}
        )
    return redirect(f"{reverse('enterprises:task-list')}?year={task.campaign.year}")


@require_POST
@role_required(Role.ORGANIZER)
def task_import(request):
    """Check (dry run) or import an 附件3 file: every bad row is listed and nothing is stored
    until the whole file is correct."""
    campaign = campaign_by_year(request.POST.get("year"))
    files, kept = upload_files(request, PENDING_KIND)
    form = SpreadsheetUploadForm(request.POST, files)
    if not form.is_valid():
        if request.POST.get("pending") and not kept:
            form.add_error("file", _("The file kept for your confirmation has expired."))
        return render(request, PAGE, _context(request, campaign, upload_form=form), status=400)
    dry_run = "check" in request.POST
    try:
        outcome = services.intent_list_import(
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
        context = _context(
            request,
            campaign,
            other_organizer=exc,
            import_url="enterprises:task-import",
            pending=token,
            upload_name=upload.name,
        )
        return render(request, PAGE, context, status=409)
    except DomainError as exc:
        form.add_error("file", str(exc.message))
        context = _context(request, campaign, upload_form=form, refusal=str(exc.message))
        return render(request, PAGE, context, status=400)
    upload = form.cleaned_data["file"]
    if kept and not dry_run:
        pending_forget(kept)
    marked_url = marked_download_url(user=request.user, upload=upload, outcome=outcome)
    context = _context(
        request, campaign, outcome=outcome, upload_name=upload.name, marked_url=marked_url
    )
    return render(request, PAGE, context, status=200 if outcome.ok else 422)


@role_required(Role.ORGANIZER)
def task_template(request):
    """A blank 附件3 in the ministry's layout, with the headers the import reads."""
    campaign = campaign_by_year(request.GET.get("year"))
    title = f"{campaign.year}年度节能诊断服务意向企业名单"
    organizer = request.user.organizer
    content = blank_form(
        label="附件3",
        title=title,
        organizer=organizer.official_name,
        headers=[aliases[0] for aliases in INTENT_COLUMNS.values()],
        notes=NOTES,
        choices=template_choices(
            [r.agency.name for r in recommendation_list_for(request.user, campaign, organizer)]
        ),
    )
    return xlsx_response(content, f"附件3 {title}.xlsx")
