"""API token authentication: django-rest-knox tokens (`Authorization: Token <key>`) that obey
the user's current two-factor and password state, not only the state when they were issued."""

from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from portal.models import ApiToken
from portal.security.api_tokens import api_tokens_revoke, password_mark
from portal.security.two_factor import SETUP, VERIFY, two_factor_state


def token_refusal(token: ApiToken) -> str | None:
    """Why `token` may no longer be used (it is revoked then), or None when it may."""
    user = token.user
    if not constant_time_compare(token.password_mark, password_mark(user)):
        # Changed outside User.save() (raw SQL, an unusable password): revoke the stale ones.
        stale = ApiToken.objects.filter(user=user).exclude(password_mark=password_mark(user))
        api_tokens_revoke(
            user=user, reason="password_changed", pks=stale.values_list("pk", flat=True)
        )
        return _("The password was changed since this token was issued: request a new token.")
    state = two_factor_state(user)
    if state == SETUP:
        api_tokens_revoke(user=user, reason="two_factor_required")
        return _(
            "Two-factor login is now required for your account: set up an authenticator in the "
            "browser, then request a new token with otp_token."
        )
    if state == VERIFY and not token.second_factor:
        password_only = ApiToken.objects.filter(user=user, second_factor=False)
        api_tokens_revoke(
            user=user, reason="two_factor_enabled", pks=password_only.values_list("pk", flat=True)
        )
        return _("This token was issued without a second factor: request a new one with otp_token.")
    return None


class ApiTokenAuthentication(TokenAuthentication):
    """knox's checks (hash, expiry, active user), then the two-factor and password state."""

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        refusal = token_refusal(token)
        if refusal:
            raise AuthenticationFailed(refusal)
        return user, token
