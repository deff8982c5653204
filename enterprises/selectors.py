"""Reads of intent lists, task letters and the published list, scoped to the user."""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies.models import Agency, Recommendation
from portal import dataversion
from portal.models import Campaign
from portal.scoping import get_scoped_or_404, scope
from portal.selectors import campaign_current

from .models import DiagnosisTask, Industry, PublishedEntry, PublishedList, TaskLetter


@dataclass(frozen=True)
class TaskFilters:
    q: str = ""
    diagnosis_type: str = ""
    agency: int | None = None
    industry: str = ""
    city: str = ""
    state: str = ""
    organizer: int | None = None


def task_list_for(user, campaign, filters: TaskFilters = TaskFilters()) -> QuerySet:
    """The intent list as the user may see it, filtered; two queries per page whatever its size."""
    qs = scope(DiagnosisTask.objects.filter(campaign=campaign), user).select_related(
        "enterprise", "agency", "industry", "organizer", "previous_task__campaign"
    )
    if filters.q:
        text = filters.q.strip()
        qs = qs.filter(
            Q(enterprise_name__icontains=text) | Q(enterprise__credit_code__startswith=text.upper())
        )
    for name, lookup in (
        ("diagnosis_type", "diagnosis_type"),
        ("agency", "agency_id"),
        ("industry", "industry_id"),
        ("city", "city"),
        ("state", "state"),
        ("organizer", "organizer_id"),
    ):
        value = getattr(filters, name)
        if value not in (None, ""):
            qs = qs.filter(**{lookup: value})
    return qs.order_by("organizer__sort_order", "seq", "id")


def task_get_for(user, pk: int) -> DiagnosisTask:
    qs = DiagnosisTask.objects.select_related(
        "enterprise", "agency", "industry", "organizer", "campaign", "previous_task__campaign"
    )
    return get_scoped_or_404(qs, user, pk=pk)


def filter_options(user, campaign, organizer=None) -> dict:
    """Choices for the filter bar: the agencies and cities of the list, all industries."""
    tasks = scope(DiagnosisTask.objects.filter(campaign=campaign), user)
    if organizer is not None:
        tasks = tasks.filter(organizer=organizer)
    agencies = Agency.objects.filter(pk__in=tasks.values("agency_id")).order_by("name")
    cities = tasks.exclude(city="").values_list("city", flat=True).distinct().order_by("city")
    # Facets over the whole list: computed once per version of the tables they read.
    return {
        # Tuples: kept in the process as they are, not unpickled per request (dataversion).
        "agencies": dataversion.cached(agencies, lambda: tuple((a.pk, a.name) for a in agencies)),
        "cities": dataversion.cached(cities, lambda: tuple(cities)),
        "industries": dataversion.cached_named(
            "industry_choices",
            Industry.objects.all,
            lambda industries: tuple((i.code, f"{i.code} {i.name}") for i in industries),
        ),
    }


def agency_choices(campaign, organizer) -> list[str]:
    """Agency names for the intent-list editor: recommended ones, then ones already used."""
    recommended = Recommendation.objects.filter(campaign=campaign, organizer=organizer)
    used = DiagnosisTask.objects.filter(campaign=campaign, organizer=organizer)
    agencies = Agency.objects.filter(
        Q(pk__in=recommended.values("agency_id")) | Q(pk__in=used.values("agency_id"))
    ).order_by("name")
    return list(agencies.values_list("name", flat=True))


def type_counts(campaign_id: int, organizer_id: int) -> dict[str, int]:
    """Tasks of the organizer's intent list by diagnosis type (the plan's "actual")."""
    rows = (
        DiagnosisTask.objects.filter(campaign_id=campaign_id, organizer_id=organizer_id)
        .values("diagnosis_type")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["diagnosis_type"]: row["n"] for row in rows}


def letter_list_for(user, campaign=None) -> QuerySet:
    """Task letters (of one campaign, or all) with the number of enterprises each covers."""
    covered = (
        DiagnosisTask.objects.filter(
            campaign_id=OuterRef("campaign_id"),
            organizer_id=OuterRef("organizer_id"),
            agency_id=OuterRef("agency_id"),
        )
        .order_by()
        .values("campaign_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    letters = (
        TaskLetter.objects.all()
        if campaign is None
        else TaskLetter.objects.filter(campaign=campaign)
    )
    return (
        scope(letters, user)
        .select_related("agency", "organizer", "campaign")
        .annotate(task_count=Coalesce(Subquery(covered), 0))
        .order_by("organizer__sort_order", "agency__name")
    )


def letter_get_for(user, pk: int) -> TaskLetter:
    qs = TaskLetter.objects.select_related("agency", "organizer", "campaign", "signed_by")
    return get_scoped_or_404(qs, user, pk=pk)


def published_list_current(campaign) -> PublishedList | None:
    """The campaign's current published list (with its campaign): once per data version, as
    the public list reads it on every request."""
    found = dataversion.cached_named(
        ("published_list_current", campaign.pk),
        lambda: (
            PublishedList.objects.filter(campaign=campaign, is_current=True)
            .select_related("campaign")
            .order_by("pk")[:1]
        ),
        list,
    )
    return found[0] if found else None


def published_campaigns() -> list:
    """The campaigns whose national list is published, newest year first (the public tabs),
    once per data version."""
    return dataversion.cached_named(
        "published_campaigns",
        lambda: (
            Campaign.objects.filter(published_lists__is_current=True).order_by("-year").distinct()
        ),
        list,
    )


def public_campaign(year: int | None, published: list):
    """The campaign the public page shows: the year asked for (None when no such campaign),
    else the latest published year, else the current campaign (whose list is not out yet)."""
    if year is not None:
        return next((c for c in published if c.year == year), None) or (
            Campaign.objects.filter(year=year).first()
        )
    return published[0] if published else campaign_current()


def published_history(campaign) -> QuerySet:
    return PublishedList.objects.filter(campaign=campaign).select_related("published_by")


def published_entries(
    published: PublishedList, *, q: str = "", organizer: str = "", diagnosis_type: str = ""
) -> QuerySet:
    """Entries of a snapshot; the published list is public (SPEC §2), so no scoping applies."""
    qs = PublishedEntry.objects.filter(published_list=published)
    if q:
        text = q.strip()
        qs = qs.filter(
            Q(enterprise_name__icontains=text)
            | Q(agency_name__icontains=text)
            | Q(credit_code__startswith=text.upper())
        )
    if organizer:
        qs = qs.filter(organizer_code=organizer)
    if diagnosis_type:
        qs = qs.filter(diagnosis_type=diagnosis_type)
    return qs.order_by("seq")
