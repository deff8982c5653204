"""Reads of the agency registry and the recommendations, scoped to the user."""

from django.db.models import Count, Q, QuerySet

from portal.scoping import get_scoped_or_404, scope
from portal.validators import normalize_code

from .models import Agency, Recommendation


def recommendation_list_for(user, campaign, organizer=None) -> QuerySet:
    qs = scope(Recommendation.objects.filter(campaign=campaign), user)
    if organizer is not None:
        qs = qs.filter(organizer=organizer)
    return qs.select_related("agency", "organizer").order_by("organizer__sort_order", "seq", "id")


def recommendation_get_for(user, pk: int) -> Recommendation:
    qs = Recommendation.objects.select_related("agency", "campaign", "organizer")
    return get_scoped_or_404(qs, user, pk=pk)


def agency_search(user, q: str, *, campaign=None, organizer=None, limit: int = 20) -> list:
    """Registry agencies whose name contains `q` or whose credit code starts with it.

    Each result says whether the organizer already recommends it and how many organizers do.
    """
    text = (q or "").strip()
    if not text:
        return []
    code = normalize_code(text)
    qs = scope(Agency.objects.all(), user).filter(
        Q(name__icontains=text) | Q(credit_code__startswith=code)
    )
    qs = qs.annotate(
        recommenders=Count(
            "recommendations__organizer",
            distinct=True,
            filter=Q(recommendations__campaign=campaign),
        )
    )
    agencies = list(qs.order_by("name")[:limit])
    mine = set()
    if organizer is not None and campaign is not None:
        mine = set(
            Recommendation.objects.filter(
                campaign=campaign, organizer=organizer, agency__in=[a.pk for a in agencies]
            ).values_list("agency_id", flat=True)
        )
    for agency in agencies:
        agency.is_recommended = agency.pk in mine
    return agencies


def agency_get_for(user, pk: int) -> Agency:
    return get_scoped_or_404(Agency.objects.all(), user, pk=pk)
