"""Agency scorecards page: the ministry and organizers compare agencies across campaigns."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from portal.selectors import campaign_list
from reports.dashboard.selectors.scorecards import scorecard_list_for


class ScorecardFilterForm(forms.Form):
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int, required=False)
    q = forms.CharField(
        label=_("Agency"),
        required=False,
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": _("Part of the name")}),
    )
    recommended = forms.BooleanField(label=_("Only agencies we recommended"), required=False)

    def __init__(self, *args, campaigns, organizer: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].choices = [
            ("", _("All campaigns")),
            *((c.year, str(c.year)) for c in campaigns),
        ]
        if not organizer:
            del self.fields["recommended"]

    def filters(self, campaigns) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "campaign": next((c for c in campaigns if c.year == data.get("campaign")), None),
            "q": data.get("q", ""),
            "recommended_only": bool(data.get("recommended")),
        }


@login_required
def scorecard_list(request):
    """Every agency with a record: tasks, timeliness, returns, acceptance, rating, savings."""
    if not (request.user.is_ministry or request.user.is_organizer):
        raise PermissionDenied
    campaigns = campaign_list()
    form = ScorecardFilterForm(
        request.GET, campaigns=campaigns, organizer=request.user.is_organizer
    )
    cards = scorecard_list_for(request.user, **form.filters(campaigns))
    page = Paginator(cards, 50).get_page(request.GET.get("page"))
    template = (
        "reports/scorecard_list.html#table" if request.htmx else "reports/scorecard_list.html"
    )
    return render(request, template, {"form": form, "page_obj": page, "count": len(cards)})
