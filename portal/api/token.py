"""API tokens that respect two-factor login: a user who signs in with a second factor in the
browser must give a current authenticator code (`otp_token`) to get a token as well. Every
successful request issues a new token; users list and revoke their own under auth/tokens/."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.security.api_tokens import api_token_issue, api_token_list_for, api_token_revoke
from portal.security.captcha import (
    captcha_answer_ok,
    captcha_challenge,
    captcha_pending,
    captcha_refused,
)
from portal.security.two_factor import SETUP, VERIFY, token_second_factor_ok, two_factor_state


class TokenRequestSerializer(AuthTokenSerializer):
    otp_token = serializers.CharField(
        label=_("Authenticator code"), required=False, allow_blank=True, write_only=True
    )
    captcha_key = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=_(
            "After several wrong passwords: the key of the CAPTCHA the refusal handed out."
        ),
    )
    captcha_value = serializers.CharField(
        required=False,
        allow_blank=True,
        write_only=True,
        help_text=_("The characters of that CAPTCHA's image."),
    )
    name = serializers.CharField(
        label=_("Name"),
        required=False,
        allow_blank=True,
        max_length=100,
        write_only=True,
        help_text=_("What the token is for, shown in your token list."),
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        user = attrs["user"]
        state = two_factor_state(user)
        if state == SETUP:
            raise serializers.ValidationError(
                _("Two-factor login is required: set up an authenticator in the browser first."),
                code="authorization",
            )
        if state == VERIFY and not token_second_factor_ok(user, attrs.get("otp_token", "")):
            raise serializers.ValidationError(
                _("Give the current code of your authenticator app as otp_token."),
                code="authorization",
            )
        attrs["second_factor"] = state == VERIFY
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    token = serializers.CharField()
    expiry = serializers.DateTimeField()


class ObtainTokenView(APIView):
    """A new token for a username, password and (with two-factor login) a current code."""

    authentication_classes = ()  # the credentials are in the body; no session, no CSRF
    permission_classes = ()
    throttle_classes = ()
    parser_classes = (FormParser, MultiPartParser, JSONParser)
    renderer_classes = (JSONRenderer,)
    serializer_class = TokenRequestSerializer

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request, *args, **kwargs):
        # authenticate() gets Django's request: django-axes marks a locked-out attempt on it, and
        # its middleware then answers 429 (a mark on DRF's wrapper would be lost: a plain 400).
        # As on the sign-in page: after CAPTCHA_AFTER_FAILURES wrong passwords the CAPTCHA is
        # checked before the password; a refusal (counted as a failure) hands out a new one.
        username = str(request.data.get("username", ""))
        if captcha_pending(request._request, username) and not captcha_answer_ok(
            str(request.data.get("captcha_key", "")), str(request.data.get("captcha_value", ""))
        ):
            captcha_refused(request._request, username)
            message = _(
                "Several wrong passwords were given: answer the CAPTCHA (captcha_key, "
                "captcha_value)."
            )
            return Response(
                {"captcha": [message], **captcha_challenge(request._request)}, status=400
            )
        serializer = TokenRequestSerializer(
            data=request.data, context={"request": request._request}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        token, key = api_token_issue(
            user=data["user"],
            second_factor=data["second_factor"],
            name=data.get("name", ""),
            request=request,
        )
        return Response({"id": token.pk, "token": key, "expiry": token.expiry})


class ApiTokenSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    key_start = serializers.SerializerMethodField(help_text=_("The first characters of the key."))
    created = serializers.DateTimeField(read_only=True)
    expiry = serializers.DateTimeField(read_only=True)
    second_factor = serializers.BooleanField(read_only=True)
    current = serializers.SerializerMethodField(help_text=_("The token of this request."))

    def get_key_start(self, token) -> str:
        return token.token_key[:8]

    def get_current(self, token) -> bool:
        auth = getattr(self.context.get("request"), "auth", None)
        return getattr(auth, "pk", None) == token.pk


class ApiTokenViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """One's own live API tokens; DELETE revokes one (another user's token is a 404)."""

    serializer_class = ApiTokenSerializer
    pagination_class = None

    def get_queryset(self):
        return api_token_list_for(self.request.user)

    def perform_destroy(self, instance):
        api_token_revoke(actor=self.request.user, pk=instance.pk, request=self.request)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token scheme in the OpenAPI schema: `Authorization: Token <key>`."""

    target_class = "portal.security.token_auth.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        prefix = "Token"  # the header's keyword, not a secret
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix=prefix)
