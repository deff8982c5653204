"""API tokens: issued after the same checks as a sign-in, listed and revoked by their owner,
revoked when the password changes and when the user enrols in two-factor login.

The tokens are django-rest-knox tokens (`portal.models.ApiToken`): only a hash of the key is
stored and each expires after API_TOKEN_TTL_HOURS. `portal.api.authentication` refuses (and
revokes) a token whose user must now use two factors it was not issued with.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from portal.audit import audit_record
from portal.models import ApiToken
from portal.scoping import get_scoped_or_404, scope


def password_mark(user) -> str:
    """The user's password fingerprint, as Django keeps it for sessions."""
    return user.get_session_auth_hash()


def api_token_list_for(user) -> QuerySet:
    """The user's own live tokens, newest first (everyone, the ministry too, sees only theirs)."""
    return scope(ApiToken.objects.all(), user).filter(expiry__gt=timezone.now())


def api_token_get_for(user, pk) -> ApiToken:
    """One of the user's own tokens; anyone else's (or a missing one) is a 404."""
    return get_scoped_or_404(ApiToken.objects.all(), user, pk=pk)


@transaction.atomic
def api_token_issue(*, user, second_factor: bool, name: str = "", request=None):
    """A new token, every time (never an earlier key): (ApiToken, key). The key is shown once."""
    ApiToken.objects.filter(user=user, expiry__lte=timezone.now()).delete()
    keep = settings.API_TOKEN_LIMIT_PER_USER - 1
    surplus = list(
        ApiToken.objects.filter(user=user).order_by("-created", "-pk").values_list("pk", flat=True)
    )[keep:]
    if surplus:
        api_tokens_revoke(user=user, reason="limit", pks=surplus, request=request)
    token, key = ApiToken.objects.create(
        user=user, name=name, second_factor=second_factor, password_mark=password_mark(user)
    )
    audit_record(
        actor=user,
        action="security.api_token",
        obj=user,
        request=request,
        summary=f"{token.token_key[:8]} {name}".strip(),
    )
    return token, key


def api_tokens_revoke(*, user, reason: str, pks=None, request=None, actor=None) -> int:
    """Delete the user's tokens (all, or those in `pks`); audited when any existed."""
    tokens = ApiToken.objects.filter(user=user)
    if pks is not None:
        tokens = tokens.filter(pk__in=list(pks))
    count, _detail = tokens.delete()
    if count:
        audit_record(
            actor=actor or user,
            action="security.api_token_revoke",
            obj=user,
            request=request,
            summary=f"{reason}: {count}",
        )
    return count


def api_token_revoke(*, actor, pk, request=None) -> None:
    """The owner revokes one of their tokens (page and API); another user's token is a 404."""
    token = api_token_get_for(actor, pk)
    api_tokens_revoke(user=actor, reason="owner", pks=[token.pk], request=request)


def on_user_saved(sender, instance, created: bool, **kwargs) -> None:
    """A password change revokes every token, whatever the path (password page, admin,
    `changepassword`, code calling set_password): each ends in User.save() with the new password
    pending in `_password`, which Django itself reads there to notify the password validators.
    A signal, not a service call, because the admin and Django's own forms change passwords."""
    if not created and getattr(instance, "_password", None) is not None:
        api_tokens_revoke(user=instance, reason="password_changed")
