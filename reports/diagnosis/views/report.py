"""The agency's side of a report: the task list, the editor, the file, the rows, submitting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.audit import audit_record
from portal.dataversion import VersionedPaginator, page_values, prepare_rows
from portal.errors import DomainError
from portal.fragments import KeptRows
from portal.web import campaign_tabs
from reports.checks.forms import reasons_from_post
from reports.diagnosis.forms import ReportFileForm, ReportFilterForm, ReportGeneralForm
from reports.diagnosis.selectors.deadline import (
    report_deadlines_by_organizer,
    reports_deadline_for,
)
from reports.diagnosis.selectors.report import (
    report_file_for,
    report_task_get_for,
    report_task_list_for,
)
from reports.diagnosis.services import editing
from reports.diagnosis.services.moves import report_submit
from reports.diagnosis.views.common import (
    campaign_from_request,
    refused,
    render_detail,
    report_list_columns,
)


def _part(due, name: str):
    """A Deadline's attribute, or the key of the {"due", "days_left"} of a closed campaign."""
    return due[name] if isinstance(due, dict) else getattr(due, name)


@login_required
def report_list(request):
    """Published tasks with their report state: the agency's to-do, the organizer's queue."""
    campaign, campaigns = campaign_from_request(request)
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    tasks = report_task_list_for(request.user, campaign=campaign, **filters)
    page = VersionedPaginator(tasks, 25).get_page(request.GET.get("page"))
    # The page's organizers without its rows: a page whose rows' HTML is kept reads no row.
    dues = report_deadlines_by_organizer(request.user, campaign, page_values(page, "organizer_id"))
    # Rows of one organizer share its deadline: its chip is rendered once, not once per row.
    chips = {
        organizer_id: render_to_string(
            "components/deadline_chip.html",
            {"due": _part(due, "due"), "days_left": _part(due, "days_left")},
        )
        for organizer_id, due in dues.items()
        if due
    }

    def listed(task) -> None:
        # The row's report or None, read once: a missing one-to-one raises, and the template
        # engine answers each failed lookup with a dir() of the whole model instance.
        task.listed_report = report = getattr(task, "report", None)
        task.listed_feedback = getattr(report, "feedback", None) if report else None
        task.report_due = dues.get(task.organizer_id)  # its organizer's own, extensions included
        task.report_due_chip = chips.get(task.organizer_id, "")

    prepare_rows(page, listed)
    return render(
        request,
        "reports/report_list.html",
        {
            "page_obj": page,
            "filter_form": form,
            "campaign": campaign,
            "role": request.user.role,
            "tabs": campaign_tabs(campaign, request.path, campaigns),
            "columns": report_list_columns(request.user.role),
            "report_deadline": reports_deadline_for(request.user, campaign),
            # The rows' HTML, kept per data version of the rows, role, tenant, language and
            # the deadline chips they show (which change with today's date).
            "kept_rows": KeptRows(request, page, sorted(chips.items())),
        },
    )


@login_required
def report_detail(request, pk: int):
    return render_detail(request, report_task_get_for(request.user, pk))


def _back(task):
    return redirect("reports:report-detail", pk=task.pk)


@require_POST
@login_required
def report_file(request, pk: int):
    task = report_task_get_for(request.user, pk)
    form = ReportFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_detail(request, task, status=400, file_form=form)
    try:
        editing.report_upload_file(
            task_id=task.pk, actor=request.user, upload=form.cleaned_data["file"], request=request
        )
    except DomainError as exc:
        return refused(request, task, exc, "file_form", form)
    messages.success(request, _("The report file was uploaded."))
    return _back(task)


@require_POST
@login_required
def report_general(request, pk: int):
    task = report_task_get_for(request.user, pk)
    form = ReportGeneralForm(request.POST)
    if not form.is_valid():
        return render_detail(request, task, status=400, general_form=form)
    try:
        editing.report_update(task_id=task.pk, actor=request.user, data=form.cleaned_data)
    except DomainError as exc:
        return refused(request, task, exc, "general_form", form)
    messages.success(request, _("Saved."))
    return _back(task)


@require_POST
@login_required
def report_submit_view(request, pk: int):
    task = report_task_get_for(request.user, pk)
    try:
        report_submit(
            task_id=task.pk,
            actor=request.user,
            reasons=reasons_from_post(request.POST),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return render_detail(request, task, status=exc.status_code)
    messages.success(request, _("The report was submitted to the organizer."))
    return _back(task)


@login_required
def report_download(request, pk: int):
    """The report file, for the task's agency, organizer, enterprise and the ministry only."""
    report = report_file_for(request.user, pk)
    audit_record(
        actor=request.user,
        action="report.download",
        obj=report,
        request=request,
        organizer=report.task.organizer_id,
        summary=report.download_name,
    )
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.download_name)
