"""The security administrator's page: ministry accounts, their duty, resets and unlocks."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .choices import Duty
from .errors import DomainError
from .models import User
from .security import accounts
from .security.duties import duty_required
from .security.forms import AccountCreateForm, DutyForm

# Each move takes actor=, user_id=, request= and returns the changed user.
MOVES: dict[str, Callable[..., User]] = {
    "deactivate": lambda **kw: accounts.account_active_set(active=False, **kw),
    "activate": lambda **kw: accounts.account_active_set(active=True, **kw),
    "reset-two-factor": accounts.account_two_factor_reset,
    "unlock": accounts.account_unlock,
}


@duty_required(Duty.SECURITY)
def account_list(request):
    """The ministry accounts; POST creates one (the password must pass the policy)."""
    form = AccountCreateForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            user = accounts.ministry_account_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                duty=data["duty"],
                password=data["password1"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("password1" if not hasattr(exc, "error_dict") else None, exc)
        else:
            messages.success(request, _("Account %(name)s created.") % {"name": user.username})
            return redirect("security-accounts")
    users = accounts.ministry_account_list_for(request.user)
    return render(
        request,
        "portal/security_accounts.html",
        {"form": form, "users": users, "duties": Duty.choices},
        status=400 if form.errors else 200,
    )


@duty_required(Duty.SECURITY)
@require_POST
def account_move(request, pk: int, move: str):
    """One change to one account: duty, deactivate, activate, reset-two-factor, unlock."""
    try:
        if move == "duty":
            form = DutyForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Choose one of the listed duties."), field="duty")
            accounts.account_duty_assign(
                actor=request.user, user_id=pk, duty=form.cleaned_data["duty"], request=request
            )
        elif move in MOVES:
            MOVES[move](actor=request.user, user_id=pk, request=request)
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, str(exc.message))
        return redirect("security-accounts")
    messages.success(request, _("Done."))
    return redirect("security-accounts")
