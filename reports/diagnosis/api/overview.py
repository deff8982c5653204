"""The campaign overview and the reference tables (measure codes, grading tables) as API."""

from decimal import Decimal

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from portal.api.viewsets import ScopedReadOnlyViewSet
from portal.models import Campaign
from portal.params import query_year
from reports.choices import EquipmentType
from reports.diagnosis.api.serializers import GradingTableSerializer, MeasureCategorySerializer
from reports.diagnosis.equipment_fields import fields_for
from reports.diagnosis.selectors.overview import campaign_overview
from reports.models import GradingTable, MeasureCategory


def campaign_for(request) -> Campaign:
    year = query_year(request)
    campaign = Campaign.objects.filter(year=year).first() if year else None
    return campaign or Campaign.objects.order_by("-year").first()


def plain(value):
    """JSON-ready: Decimals as strings with four places, whatever the database returned."""
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.0001")))
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


@extend_schema(parameters=[OpenApiParameter("year", int)], responses=dict)
@api_view(["GET"])
def overview(request):
    """The campaign overview: tasks by state, savings by type and industry, feedback."""
    campaign = campaign_for(request)
    data = campaign_overview(request.user, campaign)
    return Response(
        plain(
            {
                "campaign": campaign.year,
                "states": data["states"],
                "task_total": data["task_total"],
                "totals": data["totals"],
                "outstanding_count": data["outstanding_count"],
                "feedback": data["feedback"],
                "by_type": [vars(row) for row in data["by_type"]],
                "by_industry": [vars(row) for row in data["by_industry"]],
            }
        )
    )


@extend_schema(responses=dict)
@api_view(["GET"])
def equipment_fields(request):
    """Each equipment type's own fields: the ``params`` and ``metrics`` keys the equipment
    endpoint takes, with their labels, allowed values, whether grading needs them and the value
    an empty one takes (``default``, e.g. the fixed-speed compressor kind)."""
    return Response(
        {
            kind: [
                {
                    "name": spec.name,
                    "label": str(spec.label),
                    "store": spec.store,
                    "choices": [value for value, _label in spec.choices],
                    "required": spec.required,
                    "default": spec.default or None,
                }
                for spec in fields_for(kind)
            ]
            for kind in EquipmentType.values
        }
    )


class MeasureCategoryViewSet(ScopedReadOnlyViewSet):
    base_queryset = MeasureCategory.objects.select_related("parent").order_by("sort_order", "code")
    serializer_class = MeasureCategorySerializer
    filterset_fields = ["level", "category", "code"]
    pagination_class = None


class GradingTableViewSet(ScopedReadOnlyViewSet):
    base_queryset = GradingTable.objects.order_by("equipment_type", "standard", "edition")
    serializer_class = GradingTableSerializer
    filterset_fields = ["equipment_type", "standard", "edition", "is_current"]
