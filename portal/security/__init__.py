"""Security kernel: two-factor login, recovery codes, the audit log's reading side, lockouts.

Importing the package connects the login hooks: once per login, whether the new session must
pass a second factor (`two_factor.on_user_logged_in`), the session's clocks and whether its
password has expired (`sessions.on_user_logged_in`); and a failed sign-in is written to the
audit log (`audit_events`). `portal.models` imports `append_only` from here, so the hooks are
connected in every process that loads the models.
"""

from django.contrib.auth.signals import user_logged_in, user_login_failed


def _on_login(sender, request, user, **kwargs):
    from .sessions import on_user_logged_in as start_session
    from .two_factor import on_user_logged_in

    on_user_logged_in(request, user)
    start_session(request, user)


def _on_login_failed(sender, credentials, request=None, **kwargs):
    from .audit_events import login_failed_record

    login_failed_record(credentials=credentials, request=request)


user_logged_in.connect(_on_login, dispatch_uid="portal.security.two_factor")
user_login_failed.connect(_on_login_failed, dispatch_uid="portal.security.audit_login_failed")
