"""API of the campaign set-up (ministry only): /api/v1/campaign-setup/.

GET a campaign's whole set-up, PATCH any pieces (checked; a layout that does not render is a 400
with the reason and nothing is stored), POST copy/ to create the next year from one, check a
layout without storing it, list, grant and withdraw per-organizer deadline extensions. Opening,
closing and archiving a year are the moves of /api/v1/campaigns/{id}/.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from portal.choices import Role
from portal.models import Campaign, CampaignExtension
from reports.campaigns import services
from reports.campaigns.selectors import preview_of

from .serializers import (
    CampaignCopySerializer,
    CampaignSetupSerializer,
    ExtensionSerializer,
    LayoutsCheckSerializer,
    LayoutsSerializer,
    RevokeSerializer,
)


class MinistryOnly(BasePermission):
    message = "Only the ministry sets up campaigns."

    def has_permission(self, request, view) -> bool:
        return bool(
            request.user and request.user.is_authenticated and request.user.role == Role.MINISTRY
        )


class CampaignSetupViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Each campaign's set-up: deadlines, thresholds, factors, layouts and the other data."""

    permission_classes = [MinistryOnly]
    serializer_class = CampaignSetupSerializer
    queryset = Campaign.objects.order_by("-year")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def partial_update(self, request, pk=None):
        campaign = self.get_object()
        body = CampaignSetupSerializer(campaign, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        campaign = services.campaign_update(
            campaign_id=campaign.pk, data=body.validated_data, actor=request.user, request=request
        )
        return Response(CampaignSetupSerializer(campaign).data)

    @extend_schema(request=CampaignCopySerializer, responses={201: CampaignSetupSerializer})
    @action(detail=False, methods=["post"])
    def copy(self, request):
        """Create a new year from `source` (a year); deadlines default to the source's, shifted."""
        body = CampaignCopySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        source = get_object_or_404(Campaign, year=data.pop("source"))
        values = {**services.copy_defaults(source, data["year"]), **data}
        values.pop("source")
        campaign = services.campaign_create_by_copy(
            source_id=source.pk, actor=request.user, request=request, **values
        )
        return Response(CampaignSetupSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=LayoutsSerializer, responses=LayoutsCheckSerializer)
    @action(detail=True, methods=["post"], url_path="check-layouts")
    def check_layouts(self, request, pk=None):
        """Render candidate layouts without storing them: 200 with the preview, or 400 why."""
        campaign = self.get_object()
        body = LayoutsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        previews = preview_of(body.validated_data["form_layouts"], campaign.year)
        forms = [{"label": p.label, "title": p.title} for p in previews]
        return Response({"ok": True, "forms": forms})

    @extend_schema(methods=["get"], responses=ExtensionSerializer(many=True))
    @extend_schema(
        methods=["post"], request=ExtensionSerializer, responses={201: ExtensionSerializer}
    )
    @action(detail=True, methods=["get", "post"])
    def extensions(self, request, pk=None):
        """The campaign's extensions; POST grants one (replacing that organizer's earlier one)."""
        campaign = self.get_object()
        if request.method == "GET":
            rows = CampaignExtension.objects.filter(campaign=campaign).select_related(
                "organizer", "granted_by"
            )
            return Response(ExtensionSerializer(rows, many=True).data)
        body = ExtensionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        extension = services.extension_grant(
            campaign_id=campaign.pk,
            organizer_id=data["organizer"].pk,
            form=data["form"],
            due=data["due"],
            reason=data["reason"],
            actor=request.user,
            request=request,
        )
        return Response(ExtensionSerializer(extension).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=RevokeSerializer, responses={204: None})
    @action(detail=True, methods=["post"], url_path="revoke-extension")
    def revoke_extension(self, request, pk=None):
        """Withdraw one of the campaign's extensions: back to the published deadline."""
        campaign = self.get_object()
        body = RevokeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        extension = get_object_or_404(
            CampaignExtension, campaign=campaign, pk=body.validated_data["extension"]
        )
        services.extension_revoke(extension_id=extension.pk, actor=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)
