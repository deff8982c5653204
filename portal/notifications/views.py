"""The account page where a user chooses how each kind of notice reaches them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.errors import DomainError
from portal.web import refuse

from .preferences import notice_preferences_save, preferences_for


@login_required
@require_http_methods(["GET", "POST"])
def notice_preferences(request):
    rows = preferences_for(request.user)
    if request.method == "POST":
        choices = [
            {
                "kind": row.kind,
                "mode": request.POST.get(f"mode_{row.kind}", row.mode),
                "sms": request.POST.get(f"sms_{row.kind}") == "on",
            }
            for row in rows
        ]
        try:
            notice_preferences_save(actor=request.user, choices=choices, request=request)
        except DomainError as exc:
            return refuse(request, exc, "notice-preferences")
        messages.success(request, _("Your notice settings were saved."))
        return redirect("notice-preferences")
    has_phone = bool(request.user.phone.strip())
    return render(request, "portal/notice_preferences.html", {"rows": rows, "has_phone": has_phone})
