from django.db.models import Min
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from enterprises import services
from enterprises.earlier import earlier_enterprises_for
from enterprises.models import DiagnosisTask, Enterprise, Industry, PublishedList
from enterprises.selectors import letter_list_for, published_entries
from portal import dataversion
from portal.api.serializers import DocumentJobSerializer
from portal.api.viewsets import ScopedMixin, ScopedReadOnlyViewSet
from portal.choices import Role
from portal.imports.api import ImportActionMixin
from portal.scoping import scope
from provinces.api.permissions import OrganizerWrites
from provinces.selectors import campaign_by_year

from .pagination import KeysetPagination, PublishedEntryPagination
from .rows import COLUMNS, task_row
from .serializers import (
    EarlierEnterpriseSerializer,
    EnterpriseSerializer,
    FollowUpAddSerializer,
    IndustrySerializer,
    LetterGenerateSerializer,
    LetterScanSerializer,
    PublishedEntrySerializer,
    PublishedListSerializer,
    PublishRequestSerializer,
    TaskContactSerializer,
    TaskLetterSerializer,
    TaskSerializer,
    TaskWriteSerializer,
)


class IndustryViewSet(ScopedReadOnlyViewSet):
    base_queryset = Industry.objects.all()
    serializer_class = IndustrySerializer
    pagination_class = None
    lookup_field = "code"


class EnterpriseViewSet(ScopedReadOnlyViewSet):
    base_queryset = Enterprise.objects.order_by("name")
    serializer_class = EnterpriseSerializer
    filterset_fields = ["credit_code", "industry", "is_sme"]


def _from_campaign_start(tasks, request):
    """`tasks` of the ?campaign= asked for, from its first task's id on: the same rows, but
    PostgreSQL's planner, which takes a campaign's rows to be spread evenly over the ids, would
    otherwise walk the primary key from the first task of the first year and filter out every
    earlier year's rows (34,200 for the national 2021 list) to find the first page; with the
    lower bound it starts at the campaign's first row. The bound is read once per data version
    of the task table."""
    campaign = request.query_params.get("campaign")
    if not campaign or not campaign.isdigit():
        return tasks
    first = dataversion.cached_named(
        ("task_campaign_start", int(campaign)),
        lambda: (
            DiagnosisTask.objects.filter(campaign_id=int(campaign))
            .order_by()
            .values("campaign_id")
            .annotate(first=Min("id"))
            .values_list("first", flat=True)
        ),
        list,
    )
    return tasks.filter(id__gte=first[0]) if first else tasks


class TaskViewSet(
    ImportActionMixin,
    ScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Diagnosis tasks; the organizer adds, changes and removes intent-list rows (附件3)."""

    base_queryset = DiagnosisTask.objects.select_related("enterprise", "agency", "organizer")
    serializer_class = TaskSerializer
    permission_classes = [OrganizerWrites]
    pagination_class = KeysetPagination  # the national list: 50,000 tasks over three campaigns
    filterset_fields = ["campaign", "organizer", "agency", "diagnosis_type", "state"]
    http_method_names = ["get", "post", "put", "delete", "head", "options"]
    import_service = staticmethod(services.intent_list_import)  # POST import/: 附件3

    def list(self, request):
        """The tasks in scope, filtered, in keyset pages of plain rows (a task's JSON)."""
        tasks = _from_campaign_start(self.filter_queryset(self.get_queryset()), request)
        page = self.paginate_queryset(tasks.values(*COLUMNS))
        return self.get_paginated_response([task_row(values) for values in page])

    @extend_schema(request=TaskWriteSerializer, responses={201: TaskSerializer})
    def create(self, request):
        body = TaskWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        if body.validated_data.get("campaign") is None:
            raise ValidationError({"campaign": ["This field is required."]})
        task = services.task_save(
            campaign=body.validated_data["campaign"],
            organizer=request.user.organizer,
            data=body.to_input(),
            actor=request.user,
            request=request,
        )
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TaskWriteSerializer, responses=TaskSerializer)
    def update(self, request, pk=None):
        task = self.get_object()
        body = TaskWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        task = services.task_save(
            campaign=task.campaign,
            organizer=task.organizer,
            data=body.to_input(),
            actor=request.user,
            task=task,
            request=request,
        )
        return Response(TaskSerializer(task).data)

    def perform_destroy(self, instance):
        services.task_remove(task=instance, actor=self.request.user, request=self.request)

    @extend_schema(request=TaskContactSerializer, responses=TaskContactSerializer)
    @action(detail=True, methods=["get", "put"], url_path="contact")
    def contact(self, request, pk=None):
        """The enterprise's contact person, phone and e-mail on the organizer's own row; PUT
        replaces them (fields left out are cleared). Organizers only; a closed year is 409."""
        if request.user.role != Role.ORGANIZER:
            self.permission_denied(request)
        task = self.get_object()
        if request.method == "PUT":
            body = TaskContactSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            task = services.task_contact_update(
                task_id=task.pk, values=body.validated_data, actor=request.user, request=request
            )
        return Response(TaskContactSerializer(task).data)

    @extend_schema(request=FollowUpAddSerializer, responses={201: TaskSerializer})
    @action(detail=False, methods=["post"], url_path="follow-up")
    def follow_up(self, request):
        """Add a 跟踪服务 row for an enterprise diagnosed before, linked to that diagnosis."""
        body = FollowUpAddSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        task = services.follow_up_task_add(
            campaign=data["campaign"],
            organizer=request.user.organizer,
            credit_code=data["credit_code"],
            agency=data["agency_name"],
            agency_id=data.get("agency"),
            actor=request.user,
            request=request,
        )
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("year", int), OpenApiParameter("q", str)],
        responses=EarlierEnterpriseSerializer(many=True),
    )
    @action(detail=False, methods=["get"], url_path="earlier-enterprises", pagination_class=None)
    def earlier_enterprises(self, request):
        """The enterprises the organizer diagnosed in campaigns before `year` that are on no
        intent list of `year` yet: the follow-up picker (organizers only)."""
        if request.user.role != Role.ORGANIZER:
            self.permission_denied(request)
        campaign = campaign_by_year(request.query_params.get("year"))
        rows = earlier_enterprises_for(
            request.user.organizer, campaign, q=request.query_params.get("q", "")
        )
        return Response(EarlierEnterpriseSerializer(rows, many=True).data)


class TaskLetterViewSet(ScopedReadOnlyViewSet):
    """Task letters (任务书); the organizer or the agency generates one and uploads the scan."""

    serializer_class = TaskLetterSerializer
    filterset_fields = ["campaign", "organizer", "agency", "state"]

    def get_queryset(self):
        return letter_list_for(self.request.user)

    @extend_schema(
        request={"multipart/form-data": LetterScanSerializer}, responses=TaskLetterSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def sign(self, request, pk=None):
        """Upload the signed scan (PDF/JPEG/PNG by content); the letter's tasks are signed."""
        letter = self.get_object()
        body = LetterScanSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.letter_sign(
            letter_id=letter.pk,
            scan=body.validated_data["scan"],
            actor=request.user,
            request=request,
        )
        return Response(TaskLetterSerializer(self.get_queryset().get(pk=letter.pk)).data)

    @extend_schema(request=LetterGenerateSerializer, responses={202: DocumentJobSerializer})
    @action(detail=True, methods=["post"])
    def generate(self, request, pk=None):
        """Queue the letter as Word or PDF; follow the job under /api/v1/jobs/."""
        letter = self.get_object()
        body = LetterGenerateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        job = services.letter_request_document(
            letter=letter, fmt=body.validated_data["format"], actor=request.user, request=request
        )
        return Response(DocumentJobSerializer(job).data, status=status.HTTP_202_ACCEPTED)


ENTRY_FILTERS = ("q", "organizer", "diagnosis_type")
ENTRY_FIELDS = tuple(PublishedEntrySerializer.Meta.fields)


def _list_key(pk) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def _entry_count(lists, pk) -> int:
    """The stored entry count of the list `pk` among `lists`; 404 when there is none."""
    found = list(
        lists.order_by().filter(pk=_list_key(pk)).values_list("entry_count", flat=True)[:1]
    )
    if not found:
        raise Http404
    return found[0]


class PublishedListViewSet(viewsets.ReadOnlyModelViewSet):
    """The published national lists (public, no login: SPEC §2) and their entries."""

    serializer_class = PublishedListSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["campaign", "is_current"]

    def get_queryset(self):
        qs = PublishedList.objects.select_related("campaign").order_by(
            "-campaign__year", "-version"
        )
        # Published lists are public; signed-in users still go through their (ALL) rule.
        return scope(qs, self.request.user) if self.request.user.is_authenticated else qs

    @extend_schema(responses=PublishedEntrySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=PublishedEntryPagination)
    def entries(self, request, pk=None):
        """The list's entries in keyset pages; ?q=, ?organizer= and ?diagnosis_type= narrow."""
        # The list by its key alone (the list filters, campaign and current, are for the index
        # of lists); its stored entry_count spares a COUNT when the entries are not narrowed.
        count = _entry_count(self.get_queryset(), pk)
        narrowed = {name: request.query_params.get(name, "") for name in ENTRY_FILTERS}
        entries = published_entries(PublishedList(pk=_list_key(pk)), **narrowed)
        # Plain columns (text and numbers): the rows are the serializer's JSON as they are.
        page = self.paginator.paginate_queryset(
            entries.values(*ENTRY_FIELDS),
            request,
            view=self,
            count=None if any(narrowed.values()) else count,
        )
        return self.get_paginated_response(list(page))

    @extend_schema(request=PublishRequestSerializer, responses={201: PublishedListSerializer})
    @action(detail=False, methods=["post"])
    def publish(self, request):
        """Publish the approved intent lists of a campaign (ministry only)."""
        if not request.user.is_authenticated:
            self.permission_denied(request)
        body = PublishRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        published = services.published_list_publish(
            campaign=body.validated_data["campaign"],
            actor=request.user,
            note=body.validated_data["note"],
            request=request,
        )
        return Response(PublishedListSerializer(published).data, status=status.HTTP_201_CREATED)
