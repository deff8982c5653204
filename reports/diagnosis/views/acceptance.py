"""Feedback, the organizer's acceptance decision, excellent cases and the campaign overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.choices import Role
from portal.errors import DomainError
from portal.web import campaign_tabs
from reports.choices import Decision
from reports.diagnosis.forms import (
    DecisionForm,
    ExcellentCaseForm,
    FeedbackForm,
    PhoneFeedbackForm,
)
from reports.diagnosis.selectors.deadline import reports_deadline_for
from reports.diagnosis.selectors.overview import campaign_overview
from reports.diagnosis.selectors.report import report_task_get_for
from reports.diagnosis.services.feedback import feedback_save
from reports.diagnosis.services.moves import report_decide, report_mark_excellent
from reports.diagnosis.views.common import (
    campaign_from_request,
    refused,
    render_detail,
)


def _back(task):
    return redirect("reports:report-detail", pk=task.pk)


@require_POST
@login_required
def feedback(request, pk: int):
    """The enterprise's own feedback, or the organizer's note of a phone call."""
    task = report_task_get_for(request.user, pk)
    form_class = PhoneFeedbackForm if request.user.role == Role.ORGANIZER else FeedbackForm
    form = form_class(request.POST)
    if not form.is_valid():
        return render_detail(request, task, status=400, feedback_form=form)
    try:
        feedback_save(task_id=task.pk, actor=request.user, request=request, **form.cleaned_data)
    except DomainError as exc:
        return refused(request, task, exc, "feedback_form", form)
    messages.success(request, _("Thank you: the feedback was recorded."))
    return _back(task)


@require_POST
@login_required
def report_decide_view(request, pk: int):
    """Accept or return (the button pressed) with the four-criteria checklist."""
    task = report_task_get_for(request.user, pk)
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    if decision not in Decision.values or not form.is_valid():
        return render_detail(request, task, status=400, decision_form=form)
    data = form.cleaned_data
    try:
        report_decide(
            task_id=task.pk,
            actor=request.user,
            decision=decision,
            checklist=data,
            comment=data["comment"],
            request=request,
        )
    except DomainError as exc:
        return refused(request, task, exc, "decision_form", form)
    text = (
        _("The report was accepted.")
        if decision == Decision.ACCEPT
        else _("The report was returned to the agency with your comment.")
    )
    messages.success(request, text)
    return _back(task)


@require_POST
@login_required
def report_excellent(request, pk: int):
    task = report_task_get_for(request.user, pk)
    form = ExcellentCaseForm(request.POST)
    if not form.is_valid():
        return render_detail(request, task, status=400, excellent_form=form)
    excellent = request.POST.get("excellent") == "1"
    try:
        report_mark_excellent(
            task_id=task.pk,
            actor=request.user,
            excellent=excellent,
            note=form.cleaned_data["note"],
            request=request,
        )
    except DomainError as exc:
        return refused(request, task, exc, "excellent_form", form)
    messages.success(
        request,
        _("Recommended as an excellent case.")
        if excellent
        else _("No longer recommended as an excellent case."),
    )
    return _back(task)


@login_required
def overview(request):
    """Tasks by state, savings potential by type and industry, outstanding reports, feedback."""
    if request.user.role not in {Role.ORGANIZER, Role.MINISTRY}:
        raise PermissionDenied
    campaign, campaigns = campaign_from_request(request)
    context = {"campaign": campaign, "tabs": campaign_tabs(campaign, request.path, campaigns)}
    if campaign is not None:
        context.update(
            campaign_overview(request.user, campaign),
            report_deadline=reports_deadline_for(request.user, campaign),
        )
    return render(request, "reports/report_overview.html", context)
