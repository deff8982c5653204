"""Pages of the data checks: the reasons of a report's flagged figures (the report page's panel
posts here), and the intent list's checks with the organizer's reasons."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from enterprises.models import DiagnosisTask
from portal.campaigns import campaign_is_open
from portal.choices import Role
from portal.errors import DomainError
from portal.models import Campaign
from portal.scoping import get_scoped_or_404
from portal.web import role_required
from reports.checks.evaluate import DEFAULTS
from reports.checks.forms import reasons_from_post, rule_forms
from reports.checks.selectors import check_settings_for, list_findings, list_submission_get_for
from reports.checks.services import (
    LIST_EDITABLE,
    check_rules_save,
    list_check_reasons_save,
    report_check_reasons_save,
)


@require_http_methods(["GET", "POST"])
@login_required
def report_checks(request, pk: int):
    """GET: the report page at its checks panel. POST: the agency's reasons."""
    task = get_scoped_or_404(DiagnosisTask.objects.all(), request.user, pk=pk)
    if request.method == "POST":
        try:
            report_check_reasons_save(
                task_id=task.pk, actor=request.user, reasons=reasons_from_post(request.POST)
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
            return redirect(f"{reverse('reports:report-detail', args=[task.pk])}#checks")
        messages.success(request, _("The reasons were saved."))
    return redirect(f"{reverse('reports:report-detail', args=[task.pk])}#checks")


@require_http_methods(["GET", "POST"])
@login_required
def list_checks(request, pk: int):
    """An intent list's (附件3) checks; its organizer gives the reasons of flagged rows."""
    submission = list_submission_get_for(request.user, pk)
    status = 200
    if request.method == "POST":
        try:
            list_check_reasons_save(
                submission_id=submission.pk,
                actor=request.user,
                reasons=reasons_from_post(request.POST),
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
            status = exc.status_code
        else:
            messages.success(request, _("The reasons were saved."))
            return redirect("reports:list-checks", pk=submission.pk)
    editable = (
        request.user.role == Role.ORGANIZER
        and submission.state in LIST_EDITABLE
        and campaign_is_open(submission.campaign)
    )
    context = {
        "submission": submission,
        "checks": list_findings(submission.campaign_id, submission.organizer_id),
        "checks_editable": editable,
        "checks_action": request.path,
    }
    return render(request, "reports/checks_list.html", context, status=status)


@role_required(Role.MINISTRY)
def campaign_checks(request, pk: int):
    """The ministry's settings of every data check for one campaign year."""
    campaign = get_object_or_404(Campaign, pk=pk)
    rows = rule_forms(check_settings_for(campaign.pk), request.POST or None)
    if request.method == "POST" and all(form.is_valid() for _code, _label, form in rows):
        try:
            check_rules_save(
                campaign_id=campaign.pk,
                actor=request.user,
                rules={code: form.cleaned_data for code, _label, form in rows},
                request=request,
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request, _("The data checks of %(year)s were saved.") % {"year": campaign.year}
            )
            return redirect("reports:campaign-checks", pk=campaign.pk)
    status = 400 if request.method == "POST" else 200
    context = {"campaign": campaign, "rows": rows, "defaults": DEFAULTS}
    return render(request, "reports/checks_rules.html", context, status=status)
