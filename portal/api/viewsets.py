"""Base viewsets: every API queryset goes through `portal.scoping.scope`."""

from rest_framework import viewsets

from portal.scoping import scope


class ScopedMixin:
    """Subclasses set `base_queryset`; the user's scope is applied on every request."""

    base_queryset = None

    def get_queryset(self):
        return scope(self.base_queryset.all(), self.request.user)


class ScopedReadOnlyViewSet(ScopedMixin, viewsets.ReadOnlyModelViewSet):
    pass
