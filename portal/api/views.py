from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view
from rest_framework.response import Response

from portal.models import Campaign, DocumentJob, Notice

from .serializers import CampaignSerializer, DocumentJobSerializer, MeSerializer, NoticeSerializer
from .viewsets import ScopedReadOnlyViewSet


class CampaignViewSet(ScopedReadOnlyViewSet):
    base_queryset = Campaign.objects.order_by("-year")
    serializer_class = CampaignSerializer
    filterset_fields = ["year"]


class NoticeViewSet(ScopedReadOnlyViewSet):
    base_queryset = Notice.objects.all()
    serializer_class = NoticeSerializer


class DocumentJobViewSet(ScopedReadOnlyViewSet):
    base_queryset = DocumentJob.objects.all()
    serializer_class = DocumentJobSerializer
    filterset_fields = ["kind", "state", "campaign"]


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request):
    """The authenticated user, their role and their tenant."""
    return Response(MeSerializer(request.user).data)
