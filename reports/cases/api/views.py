"""Case library API: the list (same search as the page) and its xlsx export, and one case with
its measures."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.response import Response

from portal.choices import Role
from portal.web import XLSX, xlsx_response
from reports.cases.exports import cases_workbook
from reports.cases.forms import CaseFilterForm
from reports.cases.selectors import (
    case_detail,
    case_get_for,
    case_list_for,
    case_title,
    cases_detail,
)
from reports.cases.services import CASE_FIGURES, case_story_save
from reports.diagnosis.api.overview import plain
from reports.models.cases import SUMMARY_MAX, TITLE_MAX
from reports.register.forms import KIND_HELP

PARAMS = [
    OpenApiParameter("q", str),
    OpenApiParameter("year", int),
    OpenApiParameter("industry", str),
    OpenApiParameter("kind", str, description=KIND_HELP),
    OpenApiParameter("organizer", int),
]
MAX_ROWS = 500


def _allowed(request) -> None:
    if request.user.role not in (Role.MINISTRY, Role.ORGANIZER):
        raise PermissionDenied


def _summary(report) -> dict:
    task = report.task
    industry = task.industry or task.enterprise.industry
    return {
        "id": report.pk,
        "url": reverse("reports:case-detail", args=[report.pk]),
        "title": case_title(report),
        "year": task.campaign.year,
        "organizer": task.organizer.name,
        "enterprise": task.enterprise_name,
        "enterprise_id": task.enterprise_id,
        "agency": task.agency.name,
        "industry": industry.code if industry else None,
        "industry_name": industry.name if industry else None,
        "note": report.excellent_note,
        "problem": report.findings,
        "measures": report.measure_count,
        "investment_wan": report.investment_wan,
        "savings_tce": report.savings_tce,
        "savings_kwh": report.savings_kwh,
        "savings_wan": report.savings_wan,
        "co2_t": report.co2_t,
    }


@extend_schema(operation_id="cases_list", parameters=PARAMS, responses=dict)
@api_view(["GET"])
def cases(request):
    """The excellent cases the user may see (ministry: all; organizers: their own)."""
    _allowed(request)
    form = CaseFilterForm(request.query_params)
    filters = form.filters(with_organizer=request.user.role == Role.MINISTRY)
    rows = [_summary(r) for r in case_list_for(request.user, filters)[:MAX_ROWS]]
    return Response({"results": plain(rows)})


@extend_schema(
    operation_id="cases_export",
    parameters=PARAMS,
    responses={(200, XLSX): OpenApiTypes.BINARY},
)
@api_view(["GET"])
def cases_export(request):
    """The same list as an xlsx workbook, every row (the case library page's download)."""
    _allowed(request)
    form = CaseFilterForm(request.query_params)
    filters = form.filters(with_organizer=request.user.role == Role.MINISTRY)
    content = cases_workbook(cases_detail(case_list_for(request.user, filters)))
    return xlsx_response(content, "典型案例库.xlsx")


class CaseStorySerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=TITLE_MAX)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=SUMMARY_MAX)


@extend_schema(methods=["GET"], responses=dict)
@extend_schema(methods=["PATCH"], request=CaseStorySerializer, responses=dict)
@api_view(["GET", "PATCH"])
def case(request, pk: int):
    """One case: the diagnosis's findings, its measures with their latest follow-up. PATCH:
    the organizer's editorial title and summary of its own cases (a closed year: 409); the
    figures are the report's and are refused (400)."""
    _allowed(request)
    if request.method == "PATCH":
        case_get_for(request.user, pk)  # another organizer's case: 404 first
        data = CaseStorySerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        case_story_save(
            pk=pk,
            actor=request.user,
            request=request,
            figures=sorted(CASE_FIGURES.intersection(request.data)),
            **data.validated_data,
        )
    detail = case_detail(case_get_for(request.user, pk))
    row = _summary(detail.report)
    row["summary"] = detail.summary
    row["implemented"] = detail.implemented
    row["realized_tce"] = detail.realized_tce
    row["realized_kwh"] = detail.realized_kwh
    row["realized_wan"] = detail.realized_wan
    row["verified_tce"] = detail.verified_tce
    row["measure_rows"] = [
        {
            "id": m.measure.pk,
            "kind": m.measure.taxonomy.code if m.measure.taxonomy else m.measure.category,
            "title": m.measure.title,
            "equipment": m.measure.equipment.name if m.measure.equipment else None,
            "investment_wan": m.measure.investment_wan,
            "savings_tce": m.measure.savings_tce,
            "savings_kwh": m.measure.savings_kwh,
            "savings_wan": m.measure.savings_wan,
            "payback_years": m.measure.payback_years,
            "state": m.state,
            "state_label": m.state_label,
            "actual_investment_wan": m.actual_investment_wan,
            "realized_tce": m.realized_tce,
            "realized_kwh": m.realized_kwh,
            "realized_wan": m.realized_wan,
            "verified": m.verified,
        }
        for m in detail.measures
    ]
    return Response(plain(row))
