"""Reads of the kernel's models."""

from django.utils import timezone

from .models import Campaign, DocumentJob, Notice
from .scoping import get_scoped_or_404, scope


def campaign_current() -> Campaign | None:
    """The campaign of the current year, else the latest one."""
    campaigns = list(Campaign.objects.order_by("-year")[:5])
    year = timezone.localdate().year
    for campaign in campaigns:
        if campaign.year <= year:
            return campaign
    return campaigns[-1] if campaigns else None


def campaign_list() -> list[Campaign]:
    return list(Campaign.objects.order_by("-year"))


def notice_list_for(user):
    return scope(Notice.objects.all(), user)


def notice_get_for(user, pk: int) -> Notice:
    return get_scoped_or_404(Notice.objects.all(), user, pk=pk)


def document_job_list_for(user):
    return scope(DocumentJob.objects.select_related("campaign", "organizer"), user)


def document_job_get_for(user, pk: int):
    return get_scoped_or_404(DocumentJob.objects.all(), user, pk=pk)
