"""跟踪服务 pages: one follow-up task's earlier measures, and the realization rates."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enterprises.choices import DiagnosisType
from portal.audit import audit_record
from portal.choices import Role
from portal.errors import DomainError
from portal.scoping import get_scoped_or_404
from portal.web import campaign_tabs
from reports.choices import EnterpriseProgress
from reports.diagnosis.forms import MeasureForm
from reports.diagnosis.selectors.report import report_task_get_for
from reports.diagnosis.services.access import report_editable_by
from reports.diagnosis.views.common import campaign_from_request
from reports.follow_up.forms import FollowUpForm, MeasureMoveForm, ProgressForm
from reports.follow_up.rights import follow_up_rights
from reports.follow_up.selectors import earlier_report_open, follow_up_rows, realization_for
from reports.follow_up.services import (
    earlier_measure_add,
    follow_up_move,
    follow_up_progress_report,
    follow_up_save,
)
from reports.models import FollowUp

PAGE = "reports/follow_up.html"


def _follow_up_task(user, pk: int):
    task = report_task_get_for(user, pk)
    if task.diagnosis_type != DiagnosisType.FOLLOW_UP or task.previous_task_id is None:
        raise Http404
    return task


def _page(request, task, *, status: int = 200, **forms):
    rights = follow_up_rights(request.user, task)
    rows = follow_up_rows(request.user, task, editable=rights.record or rights.verify)
    context = {
        "task": task,
        "earlier": task.previous_task,
        "rows": rows,
        "editable": rights.record,
        "rights": rights,
        "progress_choices": EnterpriseProgress.choices,
        "measure_form": MeasureForm(with_equipment=False)
        if rights.record and earlier_report_open(task)
        else None,
        "error_measure": None,
        **forms,
    }
    return render(request, PAGE, context, status=status)


@login_required
def follow_up(request, pk: int):
    return _page(request, _follow_up_task(request.user, pk))


def _back(task):
    return redirect("reports:follow-up", pk=task.pk)


@require_POST
@login_required
def follow_up_record(request, pk: int, measure_pk: int):
    """Actual investment, realized savings and an evidence file for one measure."""
    task = _follow_up_task(request.user, pk)
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "evidence"}
        try:
            follow_up_save(
                task_id=task.pk,
                measure_id=measure_pk,
                actor=request.user,
                data=data,
                evidence=form.cleaned_data["evidence"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            if not report_editable_by(request.user, task):  # no form on the page (a closed year)
                messages.error(request, str(exc.message))
            return _page(
                request, task, status=exc.status_code, error_form=form, error_measure=measure_pk
            )
        messages.success(request, _("The follow-up record was saved."))
        return _back(task)
    return _page(request, task, status=400, error_form=form, error_measure=measure_pk)


def _measure_post(request, pk: int, measure_pk: int, form_class, service, *, invalid, done=None):
    """A measure-level POST of the follow-up page: check the form, call the service, show a
    refusal above the page (the form is a row of buttons) or go back to the page."""
    task = _follow_up_task(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        if invalid:
            messages.error(request, invalid)
        return _page(request, task, status=400)
    try:
        service(
            task_id=task.pk,
            measure_id=measure_pk,
            actor=request.user,
            request=request,
            **form.cleaned_data,
        )
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return _page(request, task, status=exc.status_code)
    if done:
        messages.success(request, done)
    return _back(task)


@require_POST
@login_required
def follow_up_move_view(request, pk: int, measure_pk: int):
    return _measure_post(request, pk, measure_pk, MeasureMoveForm, follow_up_move, invalid=None)


@require_POST
@login_required
def follow_up_progress(request, pk: int, measure_pk: int):
    """The enterprise's own report of how far an earlier measure has come."""
    return _measure_post(
        request,
        pk,
        measure_pk,
        ProgressForm,
        follow_up_progress_report,
        invalid=_("Choose how far the measure has come."),
        done=_("Your progress report was saved."),
    )


@require_POST
@login_required
def earlier_measure(request, pk: int):
    """Enter an earlier measure that did not come with the imported history."""
    task = _follow_up_task(request.user, pk)
    form = MeasureForm(request.POST, with_equipment=False)
    if form.is_valid():
        try:
            earlier_measure_add(
                task_id=task.pk, actor=request.user, data=form.cleaned_data, request=request
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
            return _page(request, task, status=exc.status_code, measure_form=form)
        return _back(task)
    return _page(request, task, status=400, measure_form=form)


@login_required
def evidence_download(request, pk: int):
    record = get_scoped_or_404(FollowUp.objects.select_related("task"), request.user, pk=pk)
    if not record.evidence:
        raise Http404
    audit_record(
        actor=request.user,
        action="follow_up.evidence_download",
        obj=record,
        organizer=record.task.organizer_id,
        request=request,
        summary=record.evidence_name,
    )
    return FileResponse(
        record.evidence.open("rb"),
        as_attachment=True,
        filename=record.evidence_name or f"evidence.{record.evidence_type}",
    )


@login_required
def realization(request):
    """Realization rate per enterprise and in total (implemented or verified over proposed)."""
    if request.user.role == Role.ENTERPRISE:
        raise PermissionDenied
    campaign, campaigns = campaign_from_request(request)
    rows, total = realization_for(request.user, campaign=campaign)
    return render(
        request,
        "reports/follow_up_realization.html",
        {
            "rows": rows,
            "total": total,
            "campaign": campaign,
            "tabs": campaign_tabs(campaign, request.path, campaigns),
        },
    )
