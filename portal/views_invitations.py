"""Pages anyone may open: accept an invitation (set a password) and 忘记密码 (password reset)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .audit import audit_record
from .errors import DomainError
from .security import invitations
from .security.account_forms import AcceptForm
from .security.password_reset import password_reset_allowed, password_reset_request
from .security.two_factor import SESSION_KEY, SETUP, STAFF_ROLES, has_authenticator

BACKEND = "portal.security.backends.TenantModelBackend"


@never_cache
@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token: str):
    """Set the password of an invited account through its one-time link, then sign in.

    Ministry and organizer staff go on to enrol an authenticator (two-factor sign-in).
    """
    invitation = invitations.invitation_for_token(token)
    problem = invitations.invitation_problem(invitation)
    if problem or invitation is None:
        message = invitations.invitation_problem_message(problem or "unknown")
        return render(request, "accounts/invitation_accept.html", {"problem": message}, status=410)
    user = invitation.user
    form = AcceptForm(request.POST or None, initial={"full_name": user.full_name})
    if form.is_valid():
        try:
            user = invitations.invitation_accept(
                token=token,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error("password1", exc)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            return _signed_in(request, user)
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "invited": user},
        status=400 if form.errors else 200,
    )


def _signed_in(request, user):
    login(request, user, backend=BACKEND)
    if user.role in STAFF_ROLES and not has_authenticator(user):
        # Staff enrol an authenticator before anything else opens (TwoFactorMiddleware).
        request.session[SESSION_KEY] = SETUP
        messages.success(request, _("Your password is set. Now set up two-factor sign-in."))
        return redirect(f"{reverse('otp-setup')}?next=/")
    messages.success(request, _("Your password is set. Welcome."))
    return redirect("home")


class PasswordResetView(auth_views.PasswordResetView):
    """忘记密码: throttled by address and e-mail; the same answer whether the address exists."""

    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not password_reset_allowed(email=email, request=self.request):
            form.add_error(None, _("Too many requests. Try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        password_reset_request(email=email, request=self.request)
        return redirect(self.success_url)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(
            actor=form.user,
            action="account.password_reset",
            obj=form.user,
            request=self.request,
            summary=form.user.username,
        )
        return response
