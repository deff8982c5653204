"""Accounts in the API: my tenant's accounts and invitations, the same services as the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.models import Invitation, User
from portal.params import MAX_ID
from portal.security import account_admin as admin
from portal.security import contacts, invitations
from portal.security.account_forms import InviteForm
from portal.security.password_reset import password_reset_allowed, password_reset_request


class AccountSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(
        help_text=_("deactivated, invited, expired (invitation), never (signed in), active")
    )
    tenant = serializers.CharField(source="tenant_name", read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "full_name",
            "email",
            "phone",
            "role",
            "tenant",
            "tenant_admin",
            "duty",
            "is_active",
            "last_login",
            "status",
        ]
        read_only_fields = fields

    def get_status(self, user) -> str:
        return admin.account_status(user)


class InvitationSerializer(serializers.ModelSerializer):
    account = AccountSerializer(source="user", read_only=True)

    class Meta:
        model = Invitation
        fields = ["id", "account", "created_at", "expires_at", "sent_at", "sent_count"]
        read_only_fields = fields


class InviteSerializer(serializers.Serializer):
    kind = serializers.CharField(
        help_text=_(
            "ministry or organizer_admin (security administrator); colleague or "
            "colleague_admin (organizer administrator); engineer or engineer_admin (agency "
            "administrator)"
        )
    )
    organizer = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("For organizer_admin.")
    )
    full_name = serializers.CharField(max_length=64)
    email = serializers.EmailField(max_length=150)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)


class ContactsInviteSerializer(serializers.Serializer):
    # The body's key is "source"; DRF moves declared fields off the class (no clash at run time).
    source = serializers.ChoiceField(choices=contacts.SOURCES)  # type: ignore[assignment]
    rows = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        max_length=2000,
        help_text=_("Ids of the organizer's Attachment 2 recommendations or Attachment 3 tasks."),
    )
    emails = serializers.DictField(
        child=serializers.EmailField(max_length=150),
        required=False,
        help_text=_("An e-mail address by row id, for rows that have none."),
    )


class InviteOutcomeSerializer(serializers.Serializer):
    invited = AccountSerializer(many=True)
    skipped = serializers.ListField(child=serializers.CharField())


def _outcome(outcome: invitations.InviteOutcome) -> Response:
    body = InviteOutcomeSerializer(outcome).data
    code = status.HTTP_201_CREATED if outcome.invited else status.HTTP_200_OK
    return Response(body, status=code)


class AccountViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The accounts the user administers (organizer or agency administrator, security admin)."""

    serializer_class = AccountSerializer
    queryset = User.objects.none()  # the schema's model; requests use get_queryset()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular building the schema
            return self.queryset
        never = self.request.query_params.get("never_signed_in") in {"1", "true"}
        return admin.account_list_for(self.request.user, never_signed_in=never)

    @extend_schema(
        parameters=[OpenApiParameter("never_signed_in", bool, description=_("Only those."))]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def _set(self, request, pk, active: bool):
        user = admin.account_active_set(
            actor=request.user, user_id=self.get_object().pk, active=active, request=request
        )
        return Response(AccountSerializer(user).data)

    @extend_schema(request=None, responses=AccountSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        """The account can no longer sign in; its API tokens are revoked."""
        return self._set(request, pk, False)

    @extend_schema(request=None, responses=AccountSerializer)
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        return self._set(request, pk, True)


class InvitationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Pending invitations; POST invites one person; resend; invite 附件2/附件3 contacts."""

    serializer_class = InvitationSerializer
    queryset = Invitation.objects.none()  # the schema's model; requests use get_queryset()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular building the schema
            return self.queryset
        return admin.invitation_list_for(self.request.user)

    @extend_schema(request=InviteSerializer, responses={201: InviteOutcomeSerializer})
    def create(self, request):
        admin.account_admin_check(request.user)
        body = InviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = InviteForm(data=body.validated_data, actor=request.user)
        if not form.is_valid():
            raise serializers.ValidationError(
                {field: [str(m) for m in errors] for field, errors in form.errors.items()}
            )
        outcome = invitations.invitations_create(
            actor=request.user, invitees=[form.invitee()], request=request
        )
        return _outcome(outcome)

    @extend_schema(request=None, responses=InvitationSerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request, pk=None):
        """A new link (the old one stops working) and a new e-mail."""
        invitation = invitations.invitation_resend(
            actor=request.user, invitation_id=self.get_object().pk, request=request
        )
        return Response(InvitationSerializer(invitation).data)

    @extend_schema(request=ContactsInviteSerializer, responses={201: InviteOutcomeSerializer})
    @action(detail=False, methods=["post"])
    def contacts(self, request):
        """Invite the contacts of chosen 附件2/附件3 rows (organizer administrators): one
        request, a fixed number of queries, e-mails sent by a worker."""
        body = ContactsInviteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        emails = {int(k): v for k, v in data.get("emails", {}).items() if str(k).isdigit()}
        emails = {k: v for k, v in emails.items() if k <= MAX_ID}
        invitees = contacts.contact_invitees(
            request.user, source=data["source"], ids=data["rows"], emails=emails
        )
        outcome = invitations.invitations_create(
            actor=request.user, invitees=invitees, request=request
        )
        return _outcome(outcome)


class PasswordResetSerializer(serializers.Serializer):
    email = serializers.EmailField()


class PasswordResetRequestView(APIView):
    """忘记密码: always 202 (never says whether the address exists); 429 when throttled."""

    authentication_classes = ()
    permission_classes = ()

    @extend_schema(request=PasswordResetSerializer, responses={202: None, 429: None})
    def post(self, request):
        body = PasswordResetSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        email = body.validated_data["email"]
        if not password_reset_allowed(email=email, request=request):
            return Response(
                {"detail": _("Too many requests. Try again in an hour.")},
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        password_reset_request(email=email, request=request)
        return Response(status=status.HTTP_202_ACCEPTED)
