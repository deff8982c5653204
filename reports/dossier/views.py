"""The enterprise dossier page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports.dossier.selectors import dossier_for


@require_GET
@login_required
def dossier(request, pk: int):
    """One enterprise across years, as the user may see it; another tenant's is a 404."""
    return render(
        request, "reports/dossier/dossier.html", {"dossier": dossier_for(request.user, pk)}
    )
