"""Register API: the pages' data as JSON, with the same filters in the query string."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from portal.choices import Role
from reports.choices import MeasureState
from reports.diagnosis.api.overview import plain
from reports.register.forms import (
    KIND_HELP,
    PublicFilterForm,
    RegisterFilterForm,
    ResultsFilterForm,
)
from reports.register.results import results_list_for
from reports.register.selectors import (
    register_list_for,
    register_public_statistics,
    register_statistics_for,
)

PARAMS = [
    OpenApiParameter("year", int),
    OpenApiParameter("industry", str),
    OpenApiParameter("kind", str, description=KIND_HELP),
    OpenApiParameter("state", str, enum=MeasureState.values),
    OpenApiParameter("organizer", int),
]
MAX_ROWS = 2000


def _refuse_others(request) -> None:
    if request.user.role not in (Role.MINISTRY, Role.ORGANIZER):
        raise PermissionDenied


def _filters(request):
    _refuse_others(request)
    form = RegisterFilterForm(request.query_params)
    return form.filters(with_organizer=request.user.role == Role.MINISTRY)


def _group(g, *, public: bool = False) -> dict:
    row = {
        "kind": g.kind_code,
        "kind_name": g.kind_name,
        "industry": g.industry_code,
        "industry_name": g.industry_name,
        "measures": g.count,
        "enterprises": g.enterprise_count,
        "median_investment_wan": g.median_investment,
        "median_payback_years": g.median_payback,
        "followed_up": g.followed_up,
        "implemented": g.implemented,
        "implementation_rate": g.implementation_rate,
        "expected_tce": g.expected_tce,
        "implemented_expected_tce": g.implemented_expected_tce,
        "realized_tce": g.realized_tce,
        "realized_ratio": g.realized_ratio,
        "co2_t": g.co2_t,
    }
    if public:
        row.pop("enterprises")
    return plain(row)


@extend_schema(parameters=PARAMS, responses=dict)
@api_view(["GET"])
def register_measures(request):
    """The measures the user may see (at most 2,000; filter to narrow), latest state first."""
    rows = []
    for m in register_list_for(request.user, _filters(request))[:MAX_ROWS]:
        task = m.report.task
        industry = task.industry or task.enterprise.industry
        rows.append(
            plain(
                {
                    "id": m.pk,
                    "task": task.pk,
                    "year": task.campaign.year,
                    "organizer": task.organizer_id,
                    "enterprise": task.enterprise_name,
                    "industry": industry.code if industry else None,
                    "kind": m.taxonomy.code if m.taxonomy else m.category,
                    "title": m.title,
                    "equipment": m.equipment.name if m.equipment else None,
                    "investment_wan": m.investment_wan,
                    "savings_tce": m.savings_tce,
                    "savings_kwh": m.savings_kwh,
                    "savings_wan": m.savings_wan,
                    "payback_years": m.payback_years,
                    "co2_t": m.co2_t,
                    "state": m.follow_state,
                    "state_label": str(MeasureState(m.follow_state).label),
                    "realized_tce": m.realized_tce,
                    "realized_kwh": m.realized_kwh,
                    "realized_wan": m.realized_wan,
                }
            )
        )
    return Response({"results": rows})


@extend_schema(parameters=PARAMS, responses=dict)
@api_view(["GET"])
def register_statistics(request):
    """Statistics per measure kind and industry over the measures the user may see."""
    groups = register_statistics_for(request.user, _filters(request))
    return Response({"groups": [_group(g) for g in groups]})


@extend_schema(parameters=PARAMS[:3], responses=dict)
@api_view(["GET"])
@permission_classes([AllowAny])
def register_public(request):
    """Anonymised national statistics (groups of at least REGISTER_MIN_GROUP enterprises)."""
    form = PublicFilterForm(request.query_params)
    groups, size = register_public_statistics(form.filters(with_organizer=False))
    return Response({"min_group": size, "groups": [_group(g, public=True) for g in groups]})


@extend_schema(parameters=[PARAMS[0], PARAMS[1], PARAMS[4]], responses=dict)
@api_view(["GET"])
def register_results(request):
    """成果应用名单: enterprises that implemented recommendations (latest follow-up implemented
    or verified), with their measures and realized and verified savings."""
    _refuse_others(request)
    form = ResultsFilterForm(request.query_params)
    filters = form.filters(with_organizer=request.user.role == Role.MINISTRY)
    rows = [
        {
            "enterprise": r.enterprise_id,
            "enterprise_name": r.enterprise_name,
            "credit_code": r.credit_code,
            "organizer": r.organizer,
            "industry": r.industry_code,
            "campaigns": r.campaigns,
            "measures": [
                {
                    "id": m.pk,
                    "year": m.year,
                    "kind": m.kind,
                    "title": m.title,
                    "state": m.state,
                    "expected_tce": m.expected_tce,
                    "realized_tce": m.realized_tce,
                }
                for m in r.measures
            ],
            "expected_tce": r.expected_tce,
            "realized_tce": r.realized_tce,
            "realized_kwh": r.realized_kwh,
            "realized_wan": r.realized_wan,
            "verified": r.verified,
            "verified_tce": r.verified_tce,
        }
        for r in results_list_for(request.user, filters)
    ]
    return Response({"results": plain(rows)})
