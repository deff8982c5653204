"""API tokens that respect two-factor login: a user who signs in with a second factor in the
browser must give a current authenticator code (`otp_token`) to get a token as well."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from portal.audit import audit_record
from portal.security.two_factor import SETUP, VERIFY, token_second_factor_ok, two_factor_state


class TokenRequestSerializer(AuthTokenSerializer):
    otp_token = serializers.CharField(label=_("Authenticator code"), required=False,
                                      allow_blank=True, write_only=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        state = two_factor_state(user)
        if state == SETUP:
            raise serializers.ValidationError(
                _("Two-factor login is required: set up an authenticator in the browser first."),
                code="authorization")
        if state == VERIFY and not token_second_factor_ok(user, attrs.get("otp_token", "")):
            raise serializers.ValidationError(
                _("Give the current code of your authenticator app as otp_token."),
                code="authorization")
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class ObtainTokenView(ObtainAuthToken):
    serializer_class = TokenRequestSerializer

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        token, _created = Token.objects.get_or_create(user=user)
        audit_record(actor=user, action="security.api_token", obj=user, request=request)
        return Response({"token": token.key})
