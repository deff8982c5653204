from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action, api_view
from rest_framework.response import Response

from portal.campaigns import campaign_move
from portal.models import Campaign

from .serializers import (
    CampaignMoveSerializer,
    CampaignSerializer,
    MeSerializer,
)
from .viewsets import ScopedReadOnlyViewSet


class CampaignViewSet(ScopedReadOnlyViewSet):
    """Campaigns; the ministry opens and closes one (a closed year takes no writes)."""

    base_queryset = Campaign.objects.order_by("-year")
    serializer_class = CampaignSerializer
    filterset_fields = ["year", "state"]

    def _move(self, request, move: str):
        campaign = self.get_object()
        body = CampaignMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        campaign = campaign_move(
            campaign_id=campaign.pk,
            move=move,
            actor=request.user,
            comment=body.validated_data["comment"],
            request=request,
        )
        return Response(CampaignSerializer(campaign).data)

    @extend_schema(request=CampaignMoveSerializer, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        """Reopen a closed or archived campaign for writes; `comment` (the reason) is required
        (ministry only, audited)."""
        return self._move(request, "open")

    @extend_schema(request=CampaignMoveSerializer, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Close the campaign: pages and the API take no more writes into it (ministry only)."""
        return self._move(request, "close")

    @extend_schema(request=CampaignMoveSerializer, responses=CampaignSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Archive a closed campaign: still listed and readable, read-only (ministry only)."""
        return self._move(request, "archive")


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request):
    """The authenticated user, their role and their tenant."""
    return Response(MeSerializer(request.user).data)
