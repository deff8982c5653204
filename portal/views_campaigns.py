"""The ministry's campaign page: each year's state, and opening or closing one (confirmed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .campaigns import MOVES, campaign_move, campaign_moves_for
from .choices import Role
from .errors import DomainError
from .models import Campaign, CampaignEvent


def _ministry(user) -> None:
    if user.role != Role.MINISTRY:
        raise PermissionDenied


def _last_event(campaign: Campaign) -> CampaignEvent | None:
    events = list(campaign.events.all())  # prefetched, in event order
    return events[-1] if events else None


@login_required
def campaign_list(request):
    _ministry(request.user)
    campaigns = list(Campaign.objects.order_by("-year").prefetch_related("events__actor"))
    rows = [
        {
            "campaign": c,
            "moves": campaign_moves_for(c, request.user),
            "last_event": _last_event(c),
        }
        for c in campaigns
    ]
    return render(request, "portal/campaign_list.html", {"rows": rows})


@login_required
def campaign_confirm(request, pk: int, move: str):
    """GET asks for confirmation (and an optional reason); POST opens or closes the year."""
    _ministry(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    the_move = MOVES.get(move)
    if the_move is None:
        raise Http404
    if request.method == "POST":
        try:
            campaign_move(
                campaign_id=campaign.pk,
                move=move,
                actor=request.user,
                comment=request.POST.get("comment", "")[:2000],
                request=request,
            )
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(
                request,
                _("%(move)s: %(year)s done.") % {"move": the_move.label, "year": campaign.year},
            )
        response = redirect("campaigns")
        response.status_code = 303
        return response
    return render(request, "portal/campaign_confirm.html", {"campaign": campaign, "move": the_move})
