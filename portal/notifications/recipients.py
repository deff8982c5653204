"""Who is told: the active users of a set of tenants (and ministry staff), in one query."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from portal.choices import Duty, Role
from portal.models import User


def users_of(
    *,
    ministry: bool = False,
    organizer_ids: Iterable[int | None] = (),
    agency_ids: Iterable[int | None] = (),
    enterprise_ids: Iterable[int | None] = (),
    exclude: Iterable[int] = (),
) -> QuerySet[User]:
    """Active users of these organizers, agencies and enterprises; `ministry` adds the ministry's
    staff for daily work (not the three administrators: 三员 do no review)."""
    wanted = Q(pk__in=[])
    if ministry:
        wanted |= Q(role=Role.MINISTRY, duty=Duty.NONE)
    for role, field, ids in (
        (Role.ORGANIZER, "organizer_id", organizer_ids),
        (Role.AGENCY, "agency_id", agency_ids),
        (Role.ENTERPRISE, "enterprise_id", enterprise_ids),
    ):
        ids = {i for i in ids if i is not None}
        if ids:
            wanted |= Q(role=role, **{f"{field}__in": ids})
    return (
        User.objects.filter(wanted, is_active=True)
        .exclude(pk__in=list(exclude))
        .only("id", "email", "phone")
        .order_by("id")
    )
