"""Two-factor pages: verify at sign-in, set up an authenticator, recovery codes, overview."""

from base64 import b32encode
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from .security import two_factor as tf
from .security.forms import SetupTokenForm, TokenForm
from .security.qr import qr_svg

CODES_KEY = "security.recovery_codes"  # shown once on the next page, then dropped


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if ok else "/"


@login_required
def otp_verify(request):
    if request.user.is_verified():
        return redirect(_next(request))
    if tf.two_factor_state(request.user) != tf.VERIFY:
        return redirect("otp-setup")
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if tf.second_factor_verify(request=request, token=form.cleaned_data["token"]):
            return redirect(_next(request))
        form.add_error(
            "token",
            _("The code is not valid. Wait for a new code and try again, or use a recovery code."),
        )
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next(request)})


@login_required
def otp_setup(request):
    """Scan the QR code, confirm with a code; replaces an existing authenticator when verified."""
    user = request.user
    if tf.has_authenticator(user) and not user.is_verified():
        return redirect("otp-verify")
    device = tf.authenticator_pending(user)
    form = SetupTokenForm(request.POST or None)
    if form.is_valid():
        codes = tf.authenticator_confirm(
            request=request, device_id=device.pk, token=form.cleaned_data["token"]
        )
        if codes:
            request.session[CODES_KEY] = codes
            query = urlencode({"next": _next(request)})
            return redirect(f"{reverse('otp-recovery-codes')}?{query}")
        form.add_error(
            "token",
            _(
                "The code does not match. Check the time on your phone "
                "and enter the code currently shown."
            ),
        )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/otp_setup.html",
        {
            "form": form,
            "next": _next(request),
            "mandatory": tf.two_factor_mandatory(user),
            "qr": qr_svg(device.config_url, title=_("QR code for your authenticator app")),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
    )


@login_required
def otp_recovery_codes(request):
    """The new recovery codes, once; POST makes ten new ones (verified sessions only)."""
    if not request.user.is_verified():
        raise PermissionDenied
    if request.method == "POST":
        request.session[CODES_KEY] = tf.recovery_codes_regenerate(request=request)
        return redirect("otp-recovery-codes")
    codes = request.session.pop(CODES_KEY, None)
    return render(
        request,
        "portal/security_recovery_codes.html",
        {
            "codes": codes,
            "left": tf.recovery_codes_left(request.user),
            "next": _next(request),
        },
    )


@login_required
def security_overview(request):
    user = request.user
    return render(
        request,
        "portal/security_overview.html",
        {
            "has_authenticator": tf.has_authenticator(user),
            "verified": user.is_verified(),
            "mandatory": tf.two_factor_mandatory(user),
            "codes_left": tf.recovery_codes_left(user),
        },
    )
