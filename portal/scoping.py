"""What each user may see: the one place that scopes querysets by tenant (SPEC §2).

Every app registers, per model, the lookup path from the model to the organizer, the agency and
the enterprise that own it. `scope(qs, user)` applies the user's rule; a path of None means users
of that role see none of the model, ALL means they see every row (e.g. the national agency
registry, which organizers search to recommend from). Views, API, exports and downloads all go
through `scope` or `get_scoped_or_404`, so another tenant's object is always a 404.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .choices import Role

ALL = "__all__"


@dataclass(frozen=True)
class Rule:
    organizer: str | None = None
    agency: str | None = None
    enterprise: str | None = None
    refine: Callable[[QuerySet, object], QuerySet] | None = None
    distinct: bool = False
    # Personal rows (notices, one's own document jobs): the field naming the owning user.
    # Applies to every role, the ministry included.
    owner: str | None = None


RULES: dict[type[Model], Rule] = {}


def register(model: type[Model], rule: Rule) -> None:
    RULES[model] = rule


def _tenant_filter(path: str | None, tenant_id: int | None) -> Q | None:
    if path is None or tenant_id is None:
        return None
    if path == ALL:
        return Q()
    return Q(**{path: tenant_id})


def scope(qs: QuerySet, user) -> QuerySet:
    """The part of `qs` that `user` may see."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    rule = RULES.get(qs.model)
    if rule is not None and rule.owner is not None:
        qs = qs.filter(**{rule.owner: user})
    if user.role == Role.MINISTRY:
        return qs
    if rule is None:
        raise LookupError(f"No scoping rule registered for {qs.model.__name__}")
    path, tenant_id = {
        Role.ORGANIZER: (rule.organizer, user.organizer_id),
        Role.AGENCY: (rule.agency, user.agency_id),
        Role.ENTERPRISE: (rule.enterprise, user.enterprise_id),
    }.get(user.role, (None, None))
    condition = _tenant_filter(path, tenant_id)
    if condition is None:
        return qs.none()
    qs = qs.filter(condition)
    if rule.refine is not None:
        qs = rule.refine(qs, user)
    return qs.distinct() if rule.distinct and path != ALL else qs


def get_scoped_or_404(qs: QuerySet, user, **lookup):
    """The object if it exists and `user` may see it; 404 otherwise (never a 403 that leaks it)."""
    try:
        return scope(qs, user).get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
