"""The data checks in the API: a report's or an intent list's findings (GET) and reasons (POST).

POST takes {"reasons": {"code:target": "text"}} (an empty text removes a reason) and answers with
the findings as they now stand. Submitting a report (POST /api/v1/reports/{id}/submit/) takes the
same `reasons`; a refusal lists the blocking findings in `items`.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from portal.scoping import get_scoped_or_404
from reports.checks.api.serializers import FindingSerializer, ReasonsSerializer
from reports.checks.selectors import (
    findings_payload,
    list_findings,
    list_submission_get_for,
    report_findings,
)
from reports.checks.services import list_check_reasons_save, report_check_reasons_save
from reports.models import DiagnosisReport


def _report(user, pk: int) -> DiagnosisReport:
    queryset = DiagnosisReport.objects.select_related(
        "task__campaign", "task__enterprise", "task__industry", "task__organizer"
    )
    return get_scoped_or_404(queryset, user, pk=pk)


@extend_schema(request=ReasonsSerializer, responses=FindingSerializer(many=True))
@api_view(["GET", "POST"])
def report_checks(request, pk: int):
    """A report's data-check findings; POST: the agency's reasons."""
    report = _report(request.user, pk)
    if request.method == "POST":
        body = ReasonsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        report_check_reasons_save(
            task_id=report.task_id, actor=request.user, reasons=body.validated_data["reasons"]
        )
        report = _report(request.user, pk)
    return Response(findings_payload(report_findings(report.task, report)))


@extend_schema(request=ReasonsSerializer, responses=FindingSerializer(many=True))
@api_view(["GET", "POST"])
def list_checks(request, pk: int):
    """An intent list's (附件3 submission) findings; POST: the organizer's reasons."""
    submission = list_submission_get_for(request.user, pk)
    if request.method == "POST":
        body = ReasonsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        list_check_reasons_save(
            submission_id=submission.pk,
            actor=request.user,
            reasons=body.validated_data["reasons"],
        )
    return Response(
        findings_payload(list_findings(submission.campaign_id, submission.organizer_id))
    )
