from agencies.models import Agency, Recommendation
from portal.api.viewsets import ScopedReadOnlyViewSet

from .serializers import AgencySerializer, RecommendationSerializer


class AgencyViewSet(ScopedReadOnlyViewSet):
    base_queryset = Agency.objects.order_by("name")
    serializer_class = AgencySerializer
    filterset_fields = ["credit_code"]


class RecommendationViewSet(ScopedReadOnlyViewSet):
    base_queryset = Recommendation.objects.select_related("agency")
    serializer_class = RecommendationSerializer
    filterset_fields = ["campaign", "organizer", "agency"]
