from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.viewsets import ScopedReadOnlyViewSet
from provinces import services
from provinces.models import Organizer, Submission

from .serializers import MoveSerializer, OrganizerSerializer, SubmissionSerializer


class OrganizerViewSet(ScopedReadOnlyViewSet):
    base_queryset = Organizer.objects.all()
    serializer_class = OrganizerSerializer
    filterset_fields = ["kind", "code"]


class SubmissionViewSet(ScopedReadOnlyViewSet):
    """Form submissions; moves are POSTs that call the same services as the pages."""

    base_queryset = Submission.objects.select_related("campaign").prefetch_related(
        "events__actor")
    serializer_class = SubmissionSerializer
    filterset_fields = ["campaign", "organizer", "form", "state"]

    def _move(self, request, move: str):
        submission = self.get_object()
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.submission_move(submission_id=submission.pk, move=move, actor=request.user,
                                 comment=body.validated_data["comment"], request=request)
        return Response(SubmissionSerializer(self.get_queryset().get(pk=submission.pk)).data)

    @extend_schema(request=MoveSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._move(request, "submit")

    @extend_schema(request=MoveSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._move(request, "return")

    @extend_schema(request=MoveSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._move(request, "approve")

    @extend_schema(request=MoveSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        return self._move(request, "reopen")
