"""API permissions of the workflow apps: writes by role (reads are scoped anyway)."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from portal.choices import Role


class OrganizerWrites(BasePermission):
    """Anyone authenticated reads (scoped); only organizer staff write."""

    message = "Only an organizer's staff may change this."

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return request.method in SAFE_METHODS or request.user.role == Role.ORGANIZER
