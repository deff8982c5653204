from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from agencies import services
from agencies.models import DECLARED_FIELDS, Agency, Recommendation
from agencies.selectors import with_contacts_visible
from portal.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from portal.imports.api import ImportActionMixin
from provinces.api.permissions import OrganizerWrites

from .serializers import (
    AgencySerializer,
    RecommendationChangeSerializer,
    RecommendationSerializer,
)


class AgencyViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """The national registry; POST registers an agency (or returns the one with that code)."""

    base_queryset = Agency.objects.order_by("name")
    serializer_class = AgencySerializer
    permission_classes = [OrganizerWrites]
    filterset_fields = ["credit_code"]

    def get_queryset(self):
        return with_contacts_visible(super().get_queryset(), self.request.user)

    def create(self, request):
        """Register an agency; a known credit code answers 200 with the registry's row unchanged
        (and its contacts only if the caller works with it)."""
        body = AgencySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        agency, created = services.agency_register(
            data=body.validated_data, actor=request.user, request=request
        )
        if created:
            agency.contacts_visible = True  # the values the caller has just sent
        else:
            agency = with_contacts_visible(Agency.objects.filter(pk=agency.pk), request.user).get()
        return Response(
            AgencySerializer(agency).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class RecommendationViewSet(
    ImportActionMixin,
    ScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """附件2 rows of the organizers; writes by the organizer while its 附件2 is editable."""

    base_queryset = Recommendation.objects.select_related("agency")
    serializer_class = RecommendationSerializer
    permission_classes = [OrganizerWrites]
    filterset_fields = ["campaign", "organizer", "agency"]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    import_service = staticmethod(services.agency_list_import)  # POST import/: 附件2

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.recommendation_add(
            campaign=data["campaign"],
            organizer=self.request.user.organizer,
            agency=data["agency"],
            actor=self.request.user,
            planned_enterprises=data.get("planned_enterprises"),
            remarks=data.get("remarks", ""),
            declared={f: data[f] for f in DECLARED_FIELDS if f in data},
            request=self.request,
        )

    @extend_schema(request=RecommendationChangeSerializer, responses=RecommendationSerializer)
    def partial_update(self, request, pk=None):
        recommendation = self.get_object()
        body = RecommendationChangeSerializer(recommendation, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        services.recommendation_update(
            recommendation=recommendation,
            actor=request.user,
            request=request,
            **body.validated_data,
        )
        return Response(RecommendationSerializer(recommendation).data)

    def perform_destroy(self, instance):
        services.recommendation_remove(
            recommendation=instance, actor=self.request.user, request=self.request
        )
