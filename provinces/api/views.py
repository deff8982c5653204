from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from portal.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from provinces import services
from provinces.models import Organizer, PlanContent, Submission

from .permissions import OrganizerWrites
from .serializers import (
    MoveSerializer,
    OrganizerRenameSerializer,
    OrganizerSerializer,
    PlanSerializer,
    SubmissionOpenSerializer,
    SubmissionSerializer,
)


class OrganizerViewSet(ScopedReadOnlyViewSet):
    """The organizers (a public list); PATCH sets an organizer's official name: the ministry
    any organizer's, an organizer's staff their own (another organizer's is a 404)."""

    base_queryset = Organizer.objects.all()
    serializer_class = OrganizerSerializer
    filterset_fields = ["kind", "code"]

    @extend_schema(request=OrganizerRenameSerializer, responses=OrganizerSerializer)
    def partial_update(self, request, pk=None):
        body = OrganizerRenameSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        organizer = services.organizer_rename(
            organizer_id=pk,
            department=body.validated_data["department"],
            actor=request.user,
            request=request,
        )
        return Response(OrganizerSerializer(organizer).data)


class SubmissionViewSet(ScopedReadOnlyViewSet):
    """Form submissions; moves are POSTs that call the same services as the pages."""

    base_queryset = Submission.objects.select_related("campaign", "organizer").prefetch_related(
        "events__actor"
    )
    serializer_class = SubmissionSerializer
    filterset_fields = ["campaign", "organizer", "form", "state"]

    def get_permissions(self):
        # Moves check their roles in the service; opening a form is for organizers.
        if self.action == "create":
            return [OrganizerWrites()]
        return super().get_permissions()

    @extend_schema(request=SubmissionOpenSerializer, responses=SubmissionSerializer)
    def create(self, request):
        """Open the organizer's submission of a form (created as a draft when missing)."""
        body = SubmissionOpenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        submission = services.submission_open(
            organizer=request.user.organizer,
            campaign=body.validated_data["campaign"],
            form=body.validated_data["form"],
        )
        return Response(
            SubmissionSerializer(self.get_queryset().get(pk=submission.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    def _move(self, request, move: str):
        submission = self.get_object()
        body = MoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.submission_move(
            submission_id=submission.pk,
            move=move,
            actor=request.user,
            comment=body.validated_data["comment"],
            request=request,
        )
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


class PlanViewSet(
    ScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """附件1 work plans. POST creates or replaces the organizer's plan of a campaign; PUT/PATCH
    with the `version` read; a stale version answers 409."""

    base_queryset = PlanContent.objects.select_related(
        "submission__campaign", "submission__organizer"
    ).order_by("-submission__campaign__year", "submission__organizer__sort_order", "pk")
    serializer_class = PlanSerializer
    permission_classes = [OrganizerWrites]
    filterset_fields = {"submission__campaign": ["exact"], "submission__organizer": ["exact"]}

    def _save(self, request, campaign, data: dict, version, status_code: int):
        plan = services.plan_save(
            organizer=request.user.organizer,
            campaign=campaign,
            data=data,
            version=version,
            actor=request.user,
            request=request,
        )
        return Response(PlanSerializer(plan).data, status=status_code)

    def create(self, request):
        body = PlanSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        campaign = data.pop("submission")["campaign"]
        return self._save(
            request, campaign, data, data.pop("version", None), status.HTTP_201_CREATED
        )

    def update(self, request, pk=None, partial: bool = False):
        plan = self.get_object()
        body = PlanSerializer(plan, data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("submission", None)
        if "version" not in data:
            raise ValidationError({"version": ["Send the version you read (optimistic lock)."]})
        return self._save(
            request, plan.submission.campaign, data, data.pop("version", None), status.HTTP_200_OK
        )

    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)
