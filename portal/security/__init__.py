"""Security kernel: two-factor login, recovery codes, the audit log's reading side, lockouts.

Importing the package connects the login hook that decides, once per login, whether the new
session must pass a second factor (see `two_factor.on_user_logged_in`); `portal.models` imports
`append_only` from here, so the hook is connected in every process that loads the models.
"""

from django.contrib.auth.signals import user_logged_in


def _on_login(sender, request, user, **kwargs):
    from .two_factor import on_user_logged_in

    on_user_logged_in(request, user)


user_logged_in.connect(_on_login, dispatch_uid="portal.security.two_factor")
