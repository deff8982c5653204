"""Base viewsets: every API queryset goes through `portal.scoping.scope`."""

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from rest_framework import viewsets

from portal.scoping import scope

# The mixin always sits on a GenericViewSet (it reads self.request); mypy is told so.
if TYPE_CHECKING:
    _ViewSetBase = viewsets.GenericViewSet
else:
    _ViewSetBase = object


class ScopedMixin(_ViewSetBase):
    """Subclasses set `base_queryset`; the user's scope is applied on every request."""

    base_queryset: QuerySet[Any]

    def get_queryset(self) -> QuerySet[Any]:
        return scope(self.base_queryset.all(), self.request.user)


class ScopedReadOnlyViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    pass
