from enterprises.models import DiagnosisTask, Enterprise, Industry
from portal.api.viewsets import ScopedReadOnlyViewSet

from .serializers import EnterpriseSerializer, IndustrySerializer, TaskSerializer


class IndustryViewSet(ScopedReadOnlyViewSet):
    base_queryset = Industry.objects.all()
    serializer_class = IndustrySerializer
    pagination_class = None
    lookup_field = "code"


class EnterpriseViewSet(ScopedReadOnlyViewSet):
    base_queryset = Enterprise.objects.order_by("name")
    serializer_class = EnterpriseSerializer
    filterset_fields = ["credit_code", "industry", "is_sme"]


class TaskViewSet(ScopedReadOnlyViewSet):
    base_queryset = DiagnosisTask.objects.select_related("enterprise", "agency", "organizer")
    serializer_class = TaskSerializer
    filterset_fields = ["campaign", "organizer", "agency", "diagnosis_type", "state"]
