"""The API of one's own notices: list, read one or all, and the delivery preferences."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from portal.api.serializers import NoticeSerializer
from portal.api.viewsets import ScopedReadOnlyViewSet
from portal.models import Notice
from portal.notices import notice_mark_all_read, notice_mark_read

from .kinds import DeliveryMode, NoticeKind
from .preferences import notice_preferences_save, preferences_for


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=NoticeKind.choices)
    name = serializers.CharField(source="label", read_only=True)
    mode = serializers.ChoiceField(choices=DeliveryMode.choices)
    sms = serializers.BooleanField(default=False)


class PreferencesSerializer(serializers.Serializer):
    preferences = PreferenceSerializer(many=True)


class NoticeViewSet(ScopedReadOnlyViewSet):
    """The signed-in user's own notices (personal for everyone, the ministry included)."""

    base_queryset = Notice.objects.all()
    serializer_class = NoticeSerializer
    filterset_fields = ["kind"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema has no user
            return Notice.objects.none()
        return super().get_queryset().filter(recipient=self.request.user)

    @extend_schema(request=None, responses=NoticeSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notice read (reading again keeps the first time)."""
        notice = notice_mark_read(notice=self.get_object(), actor=request.user)
        return Response(NoticeSerializer(notice).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("NoticesRead", {"read": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark every unread notice of the user read; answers how many."""
        return Response({"read": notice_mark_all_read(actor=request.user)})

    @extend_schema(request=PreferencesSerializer, responses=PreferencesSerializer)
    @action(detail=False, methods=["get", "put"])
    def preferences(self, request):
        """Per kind of notice: e-mail at once or in the daily digest, and SMS too (needs a phone).

        PUT names the kinds to change; the others keep their setting.
        """
        if request.method == "PUT":
            body = PreferencesSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            rows = notice_preferences_save(
                actor=request.user, choices=body.validated_data["preferences"], request=request
            )
        else:
            rows = preferences_for(request.user)
        return Response(PreferencesSerializer({"preferences": rows}).data)
