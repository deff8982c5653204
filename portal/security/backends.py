"""The sign-in backend: Django's ModelBackend, loading the user's tenant with the user.

Nearly every page reads `request.user.organizer` (or agency, enterprise) to scope its queries
and name the user's office; loading it in the same query as the user saves one per request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

TENANTS = ("organizer", "agency", "enterprise")


class TenantModelBackend(ModelBackend):
    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related(*TENANTS).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
