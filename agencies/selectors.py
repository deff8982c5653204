"""Reads of the agency registry and the recommendations, scoped to the user."""

from django.db.models import (
    BooleanField,
    Count,
    Expression,
    ExpressionWrapper,
    Q,
    QuerySet,
    Value,
)

from portal.choices import Role
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

    Each result says whether the organizer already recommends it and how many organizers do, and
    carries `contacts_visible` (the registry's contacts only for agencies the user works with).
    """
    text = (q or "").strip()
    if not text:
        return []
    code = normalize_code(text)
    qs = with_contacts_visible(scope(Agency.objects.all(), user), user).filter(
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


def agency_contacts_condition(user) -> Q | bool:
    """Which agencies' contact person, phone and e-mail `user` may see (True/False: all/none).

    Personal data goes only to those who need it (等保 2.0, docs/organizer-workflow.md "Agencies: who sees
    contacts"): the ministry; the agency's own users; an organizer that works with the agency —
    has recommended it (附件2, any campaign) or has a task or a task letter with it (附件3, any
    campaign); an enterprise whose task the agency carries. Nobody else, whatever the registry
    lets them search.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.role == Role.MINISTRY:
        return True
    if user.role == Role.AGENCY and user.agency_id:
        return Q(pk=user.agency_id)
    if user.role == Role.ORGANIZER and user.organizer_id:
        org = user.organizer_id
        return (
            Q(pk__in=Recommendation.objects.filter(organizer_id=org).values("agency_id"))
            | Q(pk__in=Agency.objects.filter(tasks__organizer_id=org).values("pk"))
            | Q(pk__in=Agency.objects.filter(task_letters__organizer_id=org).values("pk"))
        )
    if user.role == Role.ENTERPRISE and user.enterprise_id:
        return Q(pk__in=Agency.objects.filter(tasks__enterprise_id=user.enterprise_id).values("pk"))
    return False


def with_contacts_visible(qs: QuerySet, user) -> QuerySet:
    """Agencies annotated with `contacts_visible` for `user` (in the same query)."""
    condition = agency_contacts_condition(user)
    flag: Expression
    if isinstance(condition, bool):
        flag = Value(condition, output_field=BooleanField())
    else:
        flag = ExpressionWrapper(condition, output_field=BooleanField())
    return qs.annotate(contacts_visible=flag)
