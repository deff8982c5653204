"""The deadline dashboard: the ministry's national view, and each organizer's own."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from portal.selectors import campaign_list
from reports.benchmarking.selectors import exceeding_by_industry
from reports.dashboard.forms import DashboardFilterForm
from reports.dashboard.selectors.page import dashboard_get_for
from reports.dashboard.views import charts


def _campaign(campaigns: list, year: int | None):
    """The requested campaign, else the current one (the latest that has started)."""
    if year is not None:
        return next((c for c in campaigns if c.year == year), None)
    this_year = timezone.localdate().year
    return next((c for c in campaigns if c.year <= this_year), campaigns[-1] if campaigns else None)


@login_required
def dashboard(request):
    """Matrix of deadlines, national progress with charts, outcomes; filters in the query."""
    user = request.user
    if not (user.is_ministry or user.is_organizer):
        raise PermissionDenied
    campaigns = campaign_list()
    form = DashboardFilterForm(request.GET or None, campaigns=campaigns, national=user.is_ministry)
    filters = form.filters()
    campaign = _campaign(campaigns, filters.pop("campaign", None))
    if campaign is None:
        if campaigns:
            raise Http404
        return render(request, "reports/dashboard.html", {"form": form, "board": None})
    board = dashboard_get_for(user, campaign, **filters)
    query = urlencode(
        {"campaign": campaign.year, **{k: v for k, v in filters.items() if k in ("kind", "q")}}
    )
    context = {
        "form": form,
        "board": board,
        "charts": charts.charts_for(board, query),
        "query": query,
        "benchmarking": exceeding_by_industry(
            campaign, None if user.is_ministry else user.organizer_id
        ),
    }
    template = "reports/dashboard.html#body" if request.htmx else "reports/dashboard.html"
    return render(request, template, context)
