"""My API tokens: the signed-in user's own tokens, and revoking them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .security.api_tokens import api_token_list_for, api_token_revoke, api_tokens_revoke


@login_required
def api_token_list(request):
    return render(
        request, "portal/api_token_list.html", {"tokens": api_token_list_for(request.user)}
    )


@login_required
@require_POST
def api_token_revoke_view(request, pk: int):
    api_token_revoke(actor=request.user, pk=pk, request=request)
    messages.success(request, _("The token was revoked: it no longer opens the API."))
    return redirect("api-tokens")


@login_required
@require_POST
def api_tokens_revoke_all(request):
    count = api_tokens_revoke(user=request.user, reason="owner", request=request)
    messages.success(request, _("%(count)d tokens were revoked.") % {"count": count})
    return redirect("api-tokens")
