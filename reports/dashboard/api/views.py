"""API of the dashboard area: the dashboard, agency scorecards and national exports.

The same selectors and services as the pages, with the same rules: the dashboard and the
scorecards for the ministry and organizers (an organizer sees itself), exports for the ministry.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api.serializers import DocumentJobSerializer
from portal.choices import DocumentKind
from portal.jobs.service import document_job_request
from portal.models import Campaign
from portal.params import query_year
from portal.selectors import campaign_current, campaign_list
from reports.dashboard.api.serializers import (
    DashboardSerializer,
    ExportKindSerializer,
    ExportRequestSerializer,
    ScorecardSerializer,
)
from reports.dashboard.exports.catalog import EXPORTS
from reports.dashboard.forms import DashboardFilterForm
from reports.dashboard.selectors.page import dashboard_get_for
from reports.dashboard.selectors.scorecards import scorecard_list_for


def _require(user, *, organizers: bool = True) -> None:
    if not (user.is_ministry or (organizers and user.is_organizer)):
        raise PermissionDenied


def _campaign(year) -> Campaign:
    if year in (None, ""):
        campaign = campaign_current()
    else:
        campaign = next((c for c in campaign_list() if str(c.year) == str(year)), None)
    if campaign is None:
        raise Http404
    return campaign


YEAR = OpenApiParameter(
    "campaign", OpenApiTypes.INT, description="Campaign year (default: the current campaign)"
)


class DashboardView(APIView):
    @extend_schema(
        responses=DashboardSerializer,
        parameters=[
            YEAR,
            OpenApiParameter("kind", OpenApiTypes.STR),
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("milestone", OpenApiTypes.STR),
            OpenApiParameter("state", OpenApiTypes.STR),
        ],
    )
    def get(self, request):
        """The deadline matrix, national (or own) progress and outcomes of one campaign."""
        _require(request.user)
        campaign = _campaign(query_year(request, "campaign"))
        form = DashboardFilterForm(
            request.query_params, campaigns=[campaign], national=request.user.is_ministry
        )
        filters = {k: v for k, v in form.filters().items() if k != "campaign"}
        board = dashboard_get_for(request.user, campaign, **filters)
        return Response(DashboardSerializer(board, context={"today": board.today}).data)


class ScorecardListView(APIView):
    @extend_schema(
        responses=ScorecardSerializer(many=True),
        parameters=[
            OpenApiParameter(
                "campaign", OpenApiTypes.INT, description="Campaign year (default: all)"
            ),
            OpenApiParameter("q", OpenApiTypes.STR),
            OpenApiParameter("recommended", OpenApiTypes.BOOL),
        ],
    )
    def get(self, request):
        """Every agency's record: tasks, timeliness, returns, acceptance, rating, savings."""
        _require(request.user)
        params = request.query_params
        campaign = _campaign(params["campaign"]) if params.get("campaign") else None
        cards = scorecard_list_for(
            request.user,
            campaign=campaign,
            q=params.get("q", ""),
            recommended_only=params.get("recommended") in {"1", "true"},
        )
        return Response(ScorecardSerializer(cards, many=True).data)


class ExportView(APIView):
    @extend_schema(responses=ExportKindSerializer(many=True))
    def get(self, request):
        """The national exports there are."""
        _require(request.user, organizers=False)
        return Response(ExportKindSerializer(EXPORTS.values(), many=True).data)

    @extend_schema(request=ExportRequestSerializer, responses={202: DocumentJobSerializer})
    def post(self, request):
        """Queue an export; follow the job at /api/v1/jobs/{id}/ and download it when done."""
        _require(request.user, organizers=False)
        data = ExportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        job = document_job_request(
            actor=request.user,
            kind=DocumentKind.EXPORT,
            campaign=_campaign(values["campaign"]),
            params={"export": values["export"], "organizer_kind": values["organizer_kind"]},
            request=request,
        )
        return Response(DocumentJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)
