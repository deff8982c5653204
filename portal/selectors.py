"""Reads of the kernel's models."""

from django.http import Http404
from django.utils import timezone

from . import dataversion
from .models import Campaign, DocumentJob, Notice
from .scoping import get_scoped_or_404, scope


def campaign_current() -> Campaign | None:
    """The campaign of the current year, else the latest one. Every page's header shows it:
    read once per version of the campaign table (and per year), not once per request."""
    year = timezone.localdate().year
    return dataversion.cached_named(
        "campaign_current",
        lambda: Campaign.objects.order_by("-year")[:5],
        lambda recent: _current(list(recent), year),
        f"campaign_current:{year}",
    )


def _current(campaigns: list[Campaign], year: int) -> Campaign | None:
    for campaign in campaigns:
        if campaign.year <= year:
            return campaign
    return campaigns[-1] if campaigns else None


# year → id of the campaigns this process has looked up: the pair never changes while the
# campaign exists, so a request that only needs the campaign as a foreign key (the document
# buttons) does not read it again.
_CAMPAIGN_IDS: dict[int, int] = {}


def campaign_ref_by_year(year: int) -> Campaign:
    """The campaign of `year` as a reference for a foreign key: a Campaign that carries its id
    and year only (read nothing else from it); 404 if there is none."""
    pk = _CAMPAIGN_IDS.get(year)
    if pk is None:
        pk = Campaign.objects.filter(year=year).values_list("pk", flat=True).first()
        if pk is None:
            raise Http404
        _CAMPAIGN_IDS[year] = pk
    return Campaign(pk=pk, year=year)


def campaign_id_forget(sender, instance: Campaign, **kwargs) -> None:
    """A deleted campaign's year is looked up afresh (post_delete, PortalConfig.ready())."""
    _CAMPAIGN_IDS.pop(instance.year, None)


def campaign_list() -> list[Campaign]:
    """Every campaign, the latest first (a list page's year tabs): once per data version."""
    return dataversion.cached_named(
        "campaign_list", lambda: Campaign.objects.order_by("-year"), list
    )


def notice_list_for(user):
    return scope(Notice.objects.all(), user)


def document_job_list_for(user):
    return scope(DocumentJob.objects.select_related("campaign", "organizer"), user)


def document_job_get_for(user, pk: int):
    return get_scoped_or_404(DocumentJob.objects.all(), user, pk=pk)
